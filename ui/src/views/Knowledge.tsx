import { Icon } from '../icons';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Spinner, formatBytes } from '../components';
import { del, getJson, sendJson, upload, type KbDocument, type KnowledgeBase } from '../lib/api';
import { notify, notifyError } from '../lib/notify';

const POLL_MS = 1500;
const ACCEPT = '.pdf,.docx,.pptx,.epub,.html,.htm,.md,.markdown,.txt,image/*,audio/*,.wav,.mp3,.flac,.ogg,.webm,.m4a,.mp4';

function settled(d: KbDocument): boolean {
  return d.status === 'ready' || d.status === 'failed';
}

export function KnowledgeView() {
  const [bases, setBases] = useState<KnowledgeBase[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [loading, setLoading] = useState(true);

  const load = async (select?: string) => {
    try {
      const list = await getJson<KnowledgeBase[]>('/api/knowledge-bases');
      setBases(list);
      setSelected((s) => select ?? (s && list.some((b) => b.id === s) ? s : list[0]?.id ?? null));
    } catch (e) {
      notifyError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { load(); }, []);

  const create = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return;
    try {
      const kb = await sendJson<KnowledgeBase>('POST', '/api/knowledge-bases', { name: name.trim() });
      setName('');
      notify(`Created "${kb.name}".`, 'info');
      await load(kb.id);
    } catch (err) {
      notifyError(err);
    }
  };

  const remove = async (kb: KnowledgeBase) => {
    if (!confirm(`Delete "${kb.name}" with all its documents?`)) return;
    try {
      await del(`/api/knowledge-bases/${kb.id}`);
      await load();
    } catch (err) {
      notifyError(err);
    }
  };

  const current = bases.find((b) => b.id === selected) ?? null;

  return (
    <div class="page">
      <header class="page-head">
        <h1>Knowledge</h1>
        <p class="muted">Documents the assistant searches and cites: PDF, Office, EPUB, HTML, Markdown, text, images and recordings.</p>
      </header>
      <div class="kb-layout">
        <section class="card" aria-labelledby="kb-list-title">
          <h2 id="kb-list-title">Knowledge bases</h2>
          <form class="row" onSubmit={create} data-testid="kb-create-form">
            <label for="kb-name" class="visually-hidden">New knowledge base name</label>
            <input id="kb-name" placeholder="New knowledge base name" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="kb-name" />
            <button type="submit" class="btn primary" disabled={!name.trim()} data-testid="kb-create">Create</button>
          </form>
          {loading ? <Spinner label="Loading knowledge bases" /> : bases.length === 0 ? <p class="muted">No knowledge bases yet.</p> : null}
          <ul class="kb-list" data-testid="kb-list">
            {bases.map((kb) => (
              <li key={kb.id} class={kb.id === selected ? 'active' : ''}>
                <button type="button" class="kb-open" aria-current={kb.id === selected ? 'true' : undefined} onClick={() => setSelected(kb.id)} data-testid="kb-item">
                  <span class="kb-name">{kb.name}</span>
                  <span class="muted small">{kb.documents} document{kb.documents === 1 ? '' : 's'}</span>
                </button>
                <button type="button" class="icon-btn small" aria-label={`Delete knowledge base ${kb.name}`} onClick={() => remove(kb)}><Icon name="trash" size={16} /></button>
              </li>
            ))}
          </ul>
        </section>
        {current ? <Documents key={current.id} kb={current} onChange={() => load(current.id)} /> : (
          <section class="card"><p class="muted">Create a knowledge base, then upload documents into it.</p></section>
        )}
      </div>
    </div>
  );
}

function Documents(props: { kb: KnowledgeBase; onChange: () => void }) {
  const [docs, setDocs] = useState<KbDocument[]>([]);
  const [uploading, setUploading] = useState<{ name: string; size: number }[]>([]);
  const [drag, setDrag] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const alive = useRef(true);
  const base = `/api/knowledge-bases/${props.kb.id}/documents`;

  const poll = async () => {
    window.clearTimeout(timer.current);
    try {
      const list = await getJson<KbDocument[]>(base);
      if (!alive.current) return;
      setDocs((before) => {
        for (const d of list) {
          const old = before.find((b) => b.id === d.id);
          if (old && !settled(old) && d.status === 'failed') notify(`${d.file_name} failed: ${d.error ?? 'unknown reason'}`);
          if (old && !settled(old) && d.status === 'ready') { notify(`${d.file_name} is ready.`, 'info'); props.onChange(); }
        }
        return list;
      });
      if (list.some((d) => !settled(d))) timer.current = window.setTimeout(poll, POLL_MS);
    } catch (e) {
      notifyError(e);
    }
  };

  useEffect(() => {
    alive.current = true;
    poll();
    return () => { alive.current = false; window.clearTimeout(timer.current); };
  }, [props.kb.id]);

  const send = async (files: FileList | File[] | null) => {
    if (!files) return;
    for (const file of Array.from(files)) {
      const entry = { name: file.name, size: file.size };
      setUploading((u) => [...u, entry]);
      try {
        const doc = await upload<KbDocument>(base, { file: [file, file.name] });
        setDocs((list) => [...list.filter((d) => d.id !== doc.id), doc]);
      } catch (e) {
        notifyError(e);
      } finally {
        setUploading((u) => u.filter((x) => x !== entry));
      }
    }
    poll();
  };

  const remove = async (d: KbDocument) => {
    if (!confirm(`Delete "${d.file_name}"?`)) return;
    try {
      await del(`${base}/${d.id}`);
      setDocs((list) => list.filter((x) => x.id !== d.id));
      props.onChange();
    } catch (e) {
      notifyError(e);
    }
  };

  return (
    <section class="card" aria-labelledby="docs-title">
      <h2 id="docs-title">{props.kb.name}</h2>
      <div
        class={`dropzone ${drag ? 'drag' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setDrag(true); }}
        onDragLeave={() => setDrag(false)}
        onDrop={(e) => { e.preventDefault(); setDrag(false); send(e.dataTransfer?.files ?? null); }}
      >
        <p>Drop files here, or</p>
        <label class="btn primary file-btn">
          Choose files
          <input type="file" multiple accept={ACCEPT} class="visually-hidden" aria-label={`Upload documents to ${props.kb.name}`}
            onChange={(e) => { send(e.currentTarget.files); e.currentTarget.value = ''; }} data-testid="document-input" />
        </label>
      </div>
      <div aria-live="polite" class="upload-status">
        {uploading.map((u) => (
          <p key={u.name} class="muted small" data-testid="uploading"><Spinner /> Uploading {u.name} ({formatBytes(u.size)})…</p>
        ))}
      </div>
      {docs.length === 0 && uploading.length === 0 && <p class="muted">No documents yet.</p>}
      <table class="doc-table" data-testid="document-list">
        {docs.length > 0 && (
          <thead>
            <tr><th scope="col">Document</th><th scope="col">Status</th><th scope="col">Pages</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
          </thead>
        )}
        <tbody>
          {docs.map((d) => (
            <tr key={d.id} data-testid="document-row" data-status={d.status} data-name={d.file_name}>
              <td class="doc-name">{d.file_name}{d.format && <span class="muted small"> · {d.format}</span>}</td>
              <td>
                <span class={`badge status-${d.status}`} data-testid="document-status">
                  {!settled(d) && <Spinner label="Ingesting" />} {d.status}
                </span>
                {!settled(d) && <progress class="ingest" aria-label={`Ingesting ${d.file_name}`} data-testid="document-progress" />}
                {d.status === 'failed' && d.error && <p class="error-text small" data-testid="document-error">{d.error}</p>}
              </td>
              <td>{d.pages ?? '–'}</td>
              <td><button type="button" class="icon-btn small" aria-label={`Delete document ${d.file_name}`} onClick={() => remove(d)}><Icon name="trash" size={16} /></button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
