import { Icon } from '../icons';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Modal, Spinner } from '../components';
import {
  del, getJson, request, sendJson, upload,
  type Citation, type Conversation, type ConversationDetail, type KnowledgeBase, type OcrResponse,
} from '../lib/api';
import { streamChat } from '../lib/chat';
import { loadGeneratedImages, renderMarkdown, speakableText } from '../lib/markdown';
import { notify, notifyError } from '../lib/notify';
import { settings } from '../lib/store';

interface Attachment {
  id: number;
  name: string;
  kind: 'ocr' | 'audio';
  status: 'reading' | 'ready' | 'failed';
  text: string;
}

interface ChatMessage {
  key: number;
  role: 'user' | 'assistant';
  content: string;
  attachments?: Pick<Attachment, 'name' | 'kind'>[];
  citations?: Citation[];
  streaming?: boolean;
  tool?: string | null;
  failed?: string | null;
}

let nextKey = 1;
const MAX_ATTACHMENT_CHARS = 40_000;

function attachmentKind(file: File): Attachment['kind'] | null {
  const name = file.name.toLowerCase();
  if (file.type.startsWith('image/') || file.type === 'application/pdf' || name.endsWith('.pdf')) return 'ocr';
  if (file.type.startsWith('audio/') || /\.(wav|mp3|flac|ogg|opus|webm|m4a)$/.test(name)) return 'audio';
  return null;
}

/** The message the agent gets: the user's words, then each attachment's text as context. */
export function composeMessage(text: string, attachments: Pick<Attachment, 'name' | 'kind' | 'text'>[]): string {
  const parts = [text.trim()];
  for (const a of attachments) {
    const how = a.kind === 'ocr' ? 'text read from it' : 'transcript';
    const body = a.text.length > MAX_ATTACHMENT_CHARS ? `${a.text.slice(0, MAX_ATTACHMENT_CHARS)}\n[…truncated]` : a.text;
    parts.push(`Attached file "${a.name}" (${how}):\n"""\n${body.trim()}\n"""`);
  }
  return parts.filter(Boolean).join('\n\n');
}

export function ChatView() {
  const [conversations, setConversations] = useState<Conversation[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [draft, setDraft] = useState('');
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [busy, setBusy] = useState(false);
  const [citation, setCitation] = useState<Citation | null>(null);
  const [kbs, setKbs] = useState<KnowledgeBase[]>([]);
  const [selectedKbs, setSelectedKbs] = useState<string[]>([]);
  const [listOpen, setListOpen] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  const loadList = () => getJson<Conversation[]>('/api/conversations').then(setConversations).catch(notifyError);
  useEffect(() => {
    loadList();
    getJson<KnowledgeBase[]>('/api/knowledge-bases').then(setKbs).catch(() => undefined);
    return () => abort.current?.abort();
  }, []);

  useEffect(() => {
    const el = scroller.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 160) el.scrollTop = el.scrollHeight;
  }, [messages]);

  const open = async (id: string) => {
    abort.current?.abort();
    setCurrent(id);
    setListOpen(false);
    try {
      const detail = await getJson<ConversationDetail>(`/api/conversations/${id}`);
      setMessages(detail.messages
        .filter((m) => m.role === 'user' || m.role === 'assistant')
        .map((m) => ({ key: nextKey++, role: m.role as 'user' | 'assistant', content: m.content })));
    } catch (e) {
      notifyError(e);
    }
  };

  const newChat = () => {
    abort.current?.abort();
    setCurrent(null);
    setMessages([]);
    setAttachments([]);
    setListOpen(false);
    input.current?.focus();
  };

  const remove = async (c: Conversation) => {
    if (!confirm(`Delete the conversation "${c.title || 'Untitled'}"?`)) return;
    try {
      await del(`/api/conversations/${c.id}`);
      if (current === c.id) newChat();
      setConversations((list) => list.filter((x) => x.id !== c.id));
    } catch (e) {
      notifyError(e);
    }
  };

  const attach = async (files: FileList | null) => {
    if (!files) return;
    for (const file of Array.from(files)) {
      const kind = attachmentKind(file);
      if (!kind) {
        notify(`${file.name}: attach images, PDFs or audio recordings.`);
        continue;
      }
      const a: Attachment = { id: nextKey++, name: file.name, kind, status: 'reading', text: '' };
      setAttachments((list) => [...list, a]);
      const done = (patch: Partial<Attachment>) => setAttachments((list) => list.map((x) => (x.id === a.id ? { ...x, ...patch } : x)));
      try {
        const text = kind === 'ocr'
          ? (await upload<OcrResponse>('/v1/ocr', { file: [file, file.name] })).text
          : (await upload<{ text: string }>('/v1/audio/transcriptions', { file: [file, file.name], response_format: 'json' })).text;
        done({ status: 'ready', text: text ?? '' });
      } catch (e) {
        done({ status: 'failed' });
        notifyError(e);
      }
    }
  };

  const send = async (e?: Event) => {
    e?.preventDefault();
    const text = draft.trim();
    const ready = attachments.filter((a) => a.status === 'ready');
    if (busy || (!text && ready.length === 0)) return;
    if (attachments.some((a) => a.status === 'reading')) {
      notify('Wait until the attachments are read.', 'info');
      return;
    }
    setBusy(true);
    let conversationId = current;
    try {
      if (!conversationId) {
        const title = (text || ready[0]?.name || 'New conversation').replace(/\s+/g, ' ').slice(0, 60);
        const created = await sendJson<Conversation>('POST', '/api/conversations', { title });
        conversationId = created.id;
        setCurrent(created.id);
        setConversations((list) => [created, ...list]);
      }
    } catch (err) {
      notifyError(err);
      setBusy(false);
      return;
    }
    const userMsg: ChatMessage = { key: nextKey++, role: 'user', content: text, attachments: ready.map(({ name, kind }) => ({ name, kind })) };
    const answerKey = nextKey++;
    setMessages((list) => [...list, userMsg, { key: answerKey, role: 'assistant', content: '', streaming: true }]);
    setDraft('');
    setAttachments([]);
    const patch = (fn: (m: ChatMessage) => ChatMessage) => setMessages((list) => list.map((m) => (m.key === answerKey ? fn(m) : m)));
    // deltas are gathered and shown once per frame
    let pending = '';
    let frame = 0;
    const flush = () => {
      frame = 0;
      const add = pending;
      pending = '';
      if (add) patch((m) => ({ ...m, content: m.content + add, tool: null }));
    };
    const controller = new AbortController();
    abort.current = controller;
    try {
      await streamChat({ content: composeMessage(text, ready), conversationId, knowledgeBases: selectedKbs, signal: controller.signal }, {
        onText: (delta) => {
          pending += delta;
          if (!frame) frame = requestAnimationFrame(flush);
        },
        onTool: (name) => patch((m) => ({ ...m, tool: name })),
        onDone: ({ citations }) => {
          cancelAnimationFrame(frame);
          flush();
          patch((m) => ({ ...m, citations, streaming: false, tool: null }));
        },
      });
    } catch (err) {
      cancelAnimationFrame(frame);
      flush();
      const stopped = (err as Error).name === 'AbortError';
      patch((m) => ({ ...m, streaming: false, tool: null, failed: stopped ? 'Stopped.' : (err as Error).message }));
      if (!stopped) notifyError(err);
    } finally {
      patch((m) => ({ ...m, streaming: false }));
      abort.current = null;
      setBusy(false);
      loadList();
    }
  };

  const currentTitle = conversations.find((c) => c.id === current)?.title;

  return (
    <div class="chat-layout">
      <aside class={`conversations ${listOpen ? 'open' : ''}`} aria-label="Conversations" id="conversation-list">
        <button type="button" class="btn primary wide" onClick={newChat} data-testid="new-conversation">
          + New chat
        </button>
        <h2 class="section-label">Recent</h2>
        {conversations.length === 0 && <p class="muted small">No conversations yet.</p>}
        <ul class="conv-list" data-testid="conversation-list">
          {conversations.map((c) => (
            <li key={c.id} class={c.id === current ? 'active' : ''}>
              <button type="button" class="conv-open" aria-current={c.id === current ? 'true' : undefined} onClick={() => open(c.id)} data-testid="conversation-item">
                {c.title || 'Untitled'}
              </button>
              <button type="button" class="icon-btn small" aria-label={`Delete conversation ${c.title || 'Untitled'}`} onClick={() => remove(c)}>
                <Icon name="trash" size={16} />
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section class="chat-main" aria-label="Chat">
        <div class="chat-head">
          <button type="button" class="btn small only-narrow" aria-expanded={listOpen} aria-controls="conversation-list" onClick={() => setListOpen(!listOpen)}>
            Conversations
          </button>
          <h1 class="chat-title">{current ? currentTitle || 'Conversation' : 'New chat'}</h1>
        </div>
        <div class="messages" ref={scroller} data-testid="messages" aria-live="off">
          {messages.length === 0 && (
            <div class="empty-chat">
              <h2>How can I help?</h2>
              <p class="muted">Ask anything. Attach images, PDFs or recordings; answers cite your knowledge bases.</p>
            </div>
          )}
          {messages.map((m) => (m.role === 'user' ? <UserBubble key={m.key} message={m} /> : <Answer key={m.key} message={m} onCitation={setCitation} />))}
        </div>
        <form class="composer" onSubmit={send} data-testid="composer">
          {attachments.length > 0 && (
            <ul class="chips" aria-label="Attachments">
              {attachments.map((a) => (
                <li key={a.id} class={`chip attach ${a.status}`} data-testid="attachment-chip">
                  <Icon name={a.kind === 'ocr' ? 'file' : 'music'} size={14} /> {a.name}
                  {a.status === 'reading' && <Spinner label={`Reading ${a.name}`} />}
                  {a.status === 'failed' && <span class="badge bad">failed</span>}
                  <button type="button" class="icon-btn small" aria-label={`Remove ${a.name}`} onClick={() => setAttachments((l) => l.filter((x) => x.id !== a.id))}>×</button>
                </li>
              ))}
            </ul>
          )}
          <label for="composer-input" class="visually-hidden">Message</label>
          <textarea
            id="composer-input"
            ref={input}
            rows={2}
            placeholder="Message Omnivox… (Enter to send, Shift+Enter for a new line)"
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                e.preventDefault();
                send();
              }
            }}
            data-testid="composer-input"
          />
          <div class="composer-bar">
            <label class="btn small file-btn">
              <Icon name="clip" size={16} /> Attach
              <input type="file" class="visually-hidden" accept="image/*,application/pdf,.pdf,audio/*,.wav,.mp3,.flac,.ogg,.webm,.m4a" multiple
                onChange={(e) => { attach(e.currentTarget.files); e.currentTarget.value = ''; }} data-testid="attach-input" aria-label="Attach images, PDFs or audio" />
            </label>
            {kbs.length > 0 && (
              <details class="kb-picker">
                <summary class="btn small"><Icon name="book" size={16} /> {selectedKbs.length === 0 ? 'All knowledge' : `${selectedKbs.length} knowledge base${selectedKbs.length > 1 ? 's' : ''}`}</summary>
                <fieldset>
                  <legend>Search only these (none ticked: all)</legend>
                  {kbs.map((kb) => (
                    <label key={kb.id} class="check">
                      <input type="checkbox" checked={selectedKbs.includes(kb.id)}
                        onChange={(e) => setSelectedKbs((s) => (e.currentTarget.checked ? [...s, kb.id] : s.filter((x) => x !== kb.id)))} />
                      {kb.name}
                    </label>
                  ))}
                </fieldset>
              </details>
            )}
            <span class="spacer" />
            {busy ? (
              <button type="button" class="btn" onClick={() => abort.current?.abort()} data-testid="stop">Stop</button>
            ) : (
              <button type="submit" class="btn primary" disabled={!draft.trim() && !attachments.some((a) => a.status === 'ready')} data-testid="send">
                Send
              </button>
            )}
          </div>
        </form>
      </section>
      <Modal open={citation !== null} title={citation ? `Source [${citation.index}]` : 'Source'} onClose={() => setCitation(null)} testid="citation-panel">
        {citation && (
          <div class="stack">
            <p class="cite-meta">
              <strong data-testid="citation-document">{citation.title || 'Document'}</strong>
              {citation.page > 0 && <span data-testid="citation-page"> · page {citation.page}</span>}
              {citation.section && <span> · {citation.section}</span>}
            </p>
            <blockquote class="passage" data-testid="citation-passage">{citation.text}</blockquote>
          </div>
        )}
      </Modal>
    </div>
  );
}

function UserBubble(props: { message: ChatMessage }) {
  const m = props.message;
  return (
    <article class="msg user" data-testid="user-message">
      <h3 class="visually-hidden">You said</h3>
      {m.attachments && m.attachments.length > 0 && (
        <ul class="chips">
          {m.attachments.map((a) => <li class="chip attach" key={a.name}><Icon name={a.kind === 'ocr' ? 'file' : 'music'} size={14} /> {a.name}</li>)}
        </ul>
      )}
      {m.content && <p class="user-text">{m.content}</p>}
    </article>
  );
}

function Answer(props: { message: ChatMessage; onCitation: (c: Citation) => void }) {
  const m = props.message;
  const html = useMemo(() => renderMarkdown(m.content), [m.content]);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (m.streaming || !body.current) return undefined;
    let urls: string[] = [];
    let gone = false;
    loadGeneratedImages(body.current, async (path) => (await request(path)).blob()).then((made) => {
      if (gone) made.forEach((u) => URL.revokeObjectURL(u));
      else urls = made;
    });
    return () => { gone = true; urls.forEach((u) => URL.revokeObjectURL(u)); };
  }, [html, m.streaming]);
  return (
    <article class="msg assistant" data-testid="assistant-message" aria-busy={m.streaming ? 'true' : 'false'} data-streaming={m.streaming ? 'true' : 'false'}>
      <h3 class="visually-hidden">Omnivox answered</h3>
      <div class="avatar" aria-hidden="true"><Icon name="logo" size={18} /></div>
      <div class="answer-body">
        {m.tool && <p class="tool-note"><Spinner /> Using {m.tool.replace(/_/g, ' ')}…</p>}
        {m.streaming && !m.content && !m.tool && <p class="muted"><Spinner /> Thinking…</p>}
        <div class="markdown" data-testid="answer-text" ref={body} dangerouslySetInnerHTML={{ __html: html }} />
        {m.failed && <p class="muted small">{m.failed}</p>}
        {m.citations && m.citations.length > 0 && (
          <ul class="chips citations" aria-label="Sources">
            {m.citations.map((c) => (
              <li key={c.index}>
                <button type="button" class="chip cite" onClick={() => props.onCitation(c)} data-testid="citation-chip"
                  aria-label={`Source ${c.index}: ${c.title || 'document'}${c.page > 0 ? `, page ${c.page}` : ''}`}>
                  <span class="cite-n">{c.index}</span> {c.title || 'Document'}{c.page > 0 ? ` · p.${c.page}` : ''}
                </button>
              </li>
            ))}
          </ul>
        )}
        {!m.streaming && m.content && <SpeakButton text={m.content} />}
      </div>
    </article>
  );
}

/** Speaks an answer via /v1/audio/speech in the voice chosen in Settings. */
function SpeakButton(props: { text: string }) {
  const [state, setState] = useState<'idle' | 'loading' | 'playing'>('idle');
  const audio = useRef<HTMLAudioElement>(null);
  const url = useRef<string | null>(null);
  useEffect(() => () => { if (url.current) URL.revokeObjectURL(url.current); }, []);
  const play = async () => {
    const el = audio.current!;
    if (state === 'playing') {
      el.pause();
      el.currentTime = 0;
      setState('idle');
      return;
    }
    try {
      if (!url.current) {
        setState('loading');
        const body: Record<string, unknown> = { model: 'omnivox-tts', input: speakableText(props.text), response_format: 'wav' };
        if (settings.voice()) body.voice = settings.voice();
        const response = await request('/v1/audio/speech', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        url.current = URL.createObjectURL(await response.blob());
        el.src = url.current;
      }
      await el.play();
      setState('playing');
    } catch (e) {
      setState('idle');
      notifyError(e);
    }
  };
  return (
    <div class="answer-actions">
      <button type="button" class="btn small ghost" onClick={play} aria-pressed={state === 'playing'} data-testid="speak">
        {state === 'loading' ? <Spinner label="Preparing speech" /> : <Icon name={state === 'playing' ? 'stop' : 'play'} size={14} />}
        {state === 'playing' ? ' Stop' : ' Listen'}
      </button>
      <audio ref={audio} onEnded={() => setState('idle')} onPause={() => setState((s) => (s === 'playing' ? 'idle' : s))} />
    </div>
  );
}
