// A tiny stand-in for the Omnivox server, for trying the UI and the chat/knowledge e2e scripts without Java:
//   npm run build && node e2e/mock-server.mjs 41234 testkey
// It serves dist/ and fakes a few endpoints with fixed data. It is NOT the real API; the JUnit harness uses the real server.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { randomUUID } from 'node:crypto';

const port = Number(process.argv[2] ?? 41234);
const key = process.argv[3] ?? 'testkey';
const root = join(import.meta.dirname, '..', 'dist');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' };
const conversations = [];
const bases = [];
const documents = new Map();

const json = (res, status, body) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
const problem = (res, status, detail) => { res.writeHead(status, { 'Content-Type': 'application/problem+json' }); res.end(JSON.stringify({ title: 'Problem', status, detail })); };
const drain = (req) => new Promise((r) => { const parts = []; req.on('data', (d) => parts.push(d)); req.on('end', () => r(Buffer.concat(parts))); });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname;
  if (/^\/(v1|api)\//.test(path) && req.headers.authorization !== `Bearer ${key}`) return problem(res, 401, 'Send an API key.');
  const now = new Date().toISOString();
  let m;
  if (path === '/api/conversations' && req.method === 'GET') return json(res, 200, conversations);
  if (path === '/api/conversations' && req.method === 'POST') {
    const body = JSON.parse((await drain(req)).toString() || '{}');
    const c = { id: randomUUID(), title: body.title ?? null, created_at: now, updated_at: now, messages: [] };
    conversations.unshift(c);
    return json(res, 201, { ...c, messages: undefined });
  }
  if ((m = /^\/api\/conversations\/([^/]+)$/.exec(path))) {
    const c = conversations.find((x) => x.id === m[1]);
    if (!c) return problem(res, 404, 'No such conversation.');
    if (req.method === 'DELETE') { conversations.splice(conversations.indexOf(c), 1); res.writeHead(204); return res.end(); }
    return json(res, 200, c);
  }
  if (path === '/v1/chat/completions') {
    const body = JSON.parse((await drain(req)).toString());
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    const send = (o) => res.write(`data: ${JSON.stringify(o)}\n\n`);
    send({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    send({ choices: [{ index: 0, delta: { omnivox_tool: { name: 'search_knowledge', arguments: '{}' } }, finish_reason: null }] });
    const answer = 'The answer is **42** [1].\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nMath: $e^{i\\pi}+1=0$\n\n```js\nconsole.log(42)\n```';
    for (const piece of answer.match(/[\s\S]{1,6}/g)) { send({ choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }); await sleep(20); }
    send({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], citations: [{ index: 1, document_id: randomUUID(), title: 'guide.pdf', page: 3, section: null, score: 0.9, text: 'The passage says the answer is 42.' }], voice_style: { emotion: 'neutral', speed: 1 } });
    res.end('data: [DONE]\n\n');
    const c = conversations.find((x) => x.id === body.conversation_id);
    if (c) c.messages.push({ role: 'user', content: body.messages.at(-1).content, created_at: now }, { role: 'assistant', content: answer, created_at: now });
    return;
  }
  if (path === '/api/knowledge-bases' && req.method === 'GET') return json(res, 200, bases.map((b) => ({ ...b, documents: (documents.get(b.id) ?? []).length })));
  if (path === '/api/knowledge-bases' && req.method === 'POST') {
    const body = JSON.parse((await drain(req)).toString() || '{}');
    const kb = { id: randomUUID(), name: body.name, documents: 0, created_at: now };
    bases.push(kb);
    return json(res, 201, kb);
  }
  if ((m = /^\/api\/knowledge-bases\/([^/]+)\/documents$/.exec(path))) {
    const list = documents.get(m[1]) ?? [];
    documents.set(m[1], list);
    const view = (d) => { const age = Date.now() - d.at; return { ...d, at: undefined, status: age < 1500 ? 'pending' : age < 4000 ? 'processing' : 'ready', pages: age < 4000 ? null : 2 }; };
    if (req.method === 'POST') {
      const raw = (await drain(req)).toString('latin1');
      const name = /filename="([^"]*)"/.exec(raw)?.[1] ?? 'upload';
      const d = { id: randomUUID(), knowledge_base_id: m[1], file_name: name, format: null, error: null, created_at: now, at: Date.now() };
      list.push(d);
      return json(res, 202, view(d));
    }
    return json(res, 200, list.map(view));
  }
  if (path === '/v1/voices') return json(res, 200, { object: 'list', data: [{ id: 'en-us', name: 'English (US)', language: 'en', engine: 'piper' }] });
  if (path === '/q/health/ready') return json(res, 200, { status: 'UP', checks: [{ name: 'engines', status: 'UP', data: { 'onnx.provider': 'cpu', 'engine.asr': 'sensevoice-onnx: ready', 'engine.tts': 'espeak: fallback (kokoro weights missing)', 'model.kokoro': 'weights missing' } }] });
  // static files
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  if (file.startsWith(root) && existsSync(file) && statSync(file).isFile()) {
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    return createReadStream(file).pipe(res);
  }
  problem(res, 404, `Nothing at ${path}`);
}).listen(port, () => console.log(`mock Omnivox on http://localhost:${port} (key ${key})`));
