/** The Studio's "New podcast" form: a source, 2 to 4 hosts with voices and personas, length, language and tone. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Spinner, formatBytes } from '../components';
import { getJson, type Job, type KnowledgeBase, type Voice } from '../lib/api';
import { notify, notifyError } from '../lib/notify';
import {
  MAX_HOSTS, MAX_SOURCE_FILES, MIN_HOSTS, createPodcast, podcastFormProblem, podcastRequest, type Host, type PodcastForm,
} from '../lib/studio';
import { LANGUAGES } from './Voice';
import { VoicePicker } from './StudioParts';

const SOURCES = '.pdf,.docx,.epub,.md,.markdown,.html,.htm,.txt,image/*,application/pdf,application/epub+zip,text/markdown,text/html,text/plain';
const HOST_NAMES = ['Ada', 'Ben', 'Cleo', 'Dev'];

function newHost(i: number, voices: Voice[]): Host {
  return { name: HOST_NAMES[i] ?? `Host ${i + 1}`, voice: voices[i % Math.max(voices.length, 1)]?.id ?? '', persona: '' };
}

const EMPTY: PodcastForm = {
  title: '', source: 'text', text: '', knowledgeBase: '', hosts: [], minutes: 5, language: 'en', tone: '', review: false,
};

export function NewPodcast(props: { voices: Voice[] | null; onCreated: (job: Job, name: string) => void }) {
  const [form, setForm] = useState<PodcastForm>(EMPTY);
  const [files, setFiles] = useState<File[]>([]);
  const [intro, setIntro] = useState<File | null>(null);
  const [outro, setOutro] = useState<File | null>(null);
  const [bases, setBases] = useState<KnowledgeBase[] | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInputs = useRef<HTMLFormElement>(null);
  const patch = (p: Partial<PodcastForm>) => setForm((f) => ({ ...f, ...p }));

  // two hosts with different voices once the voices are known
  useEffect(() => {
    if (props.voices && form.hosts.length === 0) patch({ hosts: [newHost(0, props.voices), newHost(1, props.voices)] });
  }, [props.voices]);

  useEffect(() => {
    if (form.source !== 'knowledge-base' || bases !== null) return;
    getJson<KnowledgeBase[]>('/api/knowledge-bases').then(setBases).catch((e) => { setBases([]); notifyError(e); });
  }, [form.source]);

  const setHost = (i: number, p: Partial<Host>) => patch({ hosts: form.hosts.map((h, j) => (j === i ? { ...h, ...p } : h)) });
  const sources = form.source === 'files' ? files : [];
  const problem = podcastFormProblem(form, sources);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    if (problem) { notify(problem); return; }
    setBusy(true);
    const body = podcastRequest(form);
    const name = body.title || 'Podcast';
    try {
      const music = form.source === 'files';
      const job = await createPodcast(body, sources, music ? intro : null, music ? outro : null);
      props.onCreated(job, name);
      notify(`Started the podcast ${name}.`, 'info');
      setForm({ ...EMPTY, hosts: form.hosts, language: form.language, tone: form.tone, minutes: form.minutes, review: form.review });
      setFiles([]);
      setIntro(null);
      setOutro(null);
      fileInputs.current?.querySelectorAll<HTMLInputElement>('input[type=file]').forEach((i) => { i.value = ''; });
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="new-podcast-title">
      <h2 id="new-podcast-title">New podcast</h2>
      <form ref={fileInputs} class="book-form" onSubmit={submit} data-testid="podcast-form" noValidate>
        <div class="stack field-wide">
          <label for="podcast-title">Title <span class="muted small">(optional)</span></label>
          <input id="podcast-title" maxLength={300} value={form.title} onInput={(e) => patch({ title: e.currentTarget.value })}
            placeholder="Omnivox podcast" data-testid="podcast-title" />
        </div>

        <fieldset class="field-wide plain">
          <legend>What the hosts talk about</legend>
          <div class="row wrap">
            {([['text', 'Pasted text'], ['knowledge-base', 'A knowledge base'], ['files', 'Files']] as const).map(([value, label]) => (
              <label key={value} class="check">
                <input type="radio" name="podcast-source" value={value} checked={form.source === value}
                  onChange={() => patch({ source: value })} data-testid={`podcast-source-${value}`} />
                {label}
              </label>
            ))}
          </div>
          {form.source === 'text' && (
            <div class="stack">
              <label for="podcast-text">Text</label>
              <textarea id="podcast-text" rows={6} maxLength={200_000} value={form.text}
                onInput={(e) => patch({ text: e.currentTarget.value })} placeholder="Paste an article, notes or a chapter" data-testid="podcast-text" />
            </div>
          )}
          {form.source === 'knowledge-base' && (
            <div class="stack">
              <label for="podcast-kb">Knowledge base</label>
              <select id="podcast-kb" value={form.knowledgeBase} onChange={(e) => patch({ knowledgeBase: e.currentTarget.value })}
                disabled={bases === null} data-testid="podcast-kb">
                <option value="">{bases === null ? 'Loading…' : bases.length === 0 ? 'No knowledge bases yet' : 'Choose one'}</option>
                {(bases ?? []).map((kb) => <option key={kb.id} value={kb.id}>{kb.name} ({kb.documents} document{kb.documents === 1 ? '' : 's'})</option>)}
              </select>
            </div>
          )}
          {form.source === 'files' && (
            <div class="podcast-files">
              <div class="stack">
                <label for="podcast-files">Documents (1 to {MAX_SOURCE_FILES}: PDF, DOCX, EPUB, Markdown, HTML, text, images)</label>
                <input id="podcast-files" type="file" multiple accept={SOURCES}
                  onChange={(e) => setFiles(Array.from(e.currentTarget.files ?? []))} data-testid="podcast-files" />
                {files.length > 0 && <span class="muted small">{files.map((f) => `${f.name} · ${formatBytes(f.size)}`).join(', ')}</span>}
              </div>
              <div class="stack">
                <label for="podcast-intro">Intro music <span class="muted small">(optional, up to 60 s)</span></label>
                <input id="podcast-intro" type="file" accept="audio/*" onChange={(e) => setIntro(e.currentTarget.files?.[0] ?? null)} data-testid="podcast-intro" />
              </div>
              <div class="stack">
                <label for="podcast-outro">Outro music <span class="muted small">(optional, up to 60 s)</span></label>
                <input id="podcast-outro" type="file" accept="audio/*" onChange={(e) => setOutro(e.currentTarget.files?.[0] ?? null)} data-testid="podcast-outro" />
              </div>
            </div>
          )}
        </fieldset>

        <fieldset class="field-wide plain">
          <legend>Hosts ({MIN_HOSTS} to {MAX_HOSTS})</legend>
          <ol class="hosts">
            {form.hosts.map((host, i) => (
              <li key={i} class="host" data-testid="podcast-host">
                <div class="stack">
                  <label for={`host-${i}-name`}>Name of host {i + 1}</label>
                  <input id={`host-${i}-name`} maxLength={40} value={host.name} onInput={(e) => setHost(i, { name: e.currentTarget.value })} data-testid="host-name" />
                </div>
                <VoicePicker id={`host-${i}-voice`} label={`Voice of host ${i + 1}`} value={host.voice} voices={props.voices}
                  onChange={(voice) => setHost(i, { voice })} testid="host-voice" />
                <div class="stack">
                  <label for={`host-${i}-persona`}>Persona <span class="muted small">(optional)</span></label>
                  <input id={`host-${i}-persona`} maxLength={300} value={host.persona} placeholder="the curious one"
                    onInput={(e) => setHost(i, { persona: e.currentTarget.value })} data-testid="host-persona" />
                </div>
                {form.hosts.length > MIN_HOSTS && (
                  <button type="button" class="btn small ghost" onClick={() => patch({ hosts: form.hosts.filter((_, j) => j !== i) })}
                    aria-label={`Remove host ${i + 1}${host.name ? ` (${host.name})` : ''}`}>Remove</button>
                )}
              </li>
            ))}
          </ol>
          {form.hosts.length < MAX_HOSTS && (
            <button type="button" class="btn small" onClick={() => patch({ hosts: [...form.hosts, newHost(form.hosts.length, props.voices ?? [])] })}
              disabled={props.voices === null} data-testid="host-add">Add a host</button>
          )}
        </fieldset>

        <div class="stack">
          <label for="podcast-minutes">Minutes</label>
          <input id="podcast-minutes" type="number" min={1} max={60} step={1} value={form.minutes}
            onInput={(e) => patch({ minutes: Number(e.currentTarget.value) })} data-testid="podcast-minutes" />
        </div>
        <div class="stack">
          <label for="podcast-language">Language</label>
          <select id="podcast-language" value={form.language} onChange={(e) => patch({ language: e.currentTarget.value })} data-testid="podcast-language">
            {LANGUAGES.map(([code, label]) => <option key={code} value={code}>{label}</option>)}
          </select>
        </div>
        <div class="stack">
          <label for="podcast-tone">Tone <span class="muted small">(optional)</span></label>
          <input id="podcast-tone" maxLength={300} value={form.tone} placeholder="friendly and curious"
            onInput={(e) => patch({ tone: e.currentTarget.value })} data-testid="podcast-tone" />
        </div>
        <label class="check field-wide">
          <input type="checkbox" checked={form.review} onChange={(e) => patch({ review: e.currentTarget.checked })} data-testid="podcast-review" />
          Review the script before rendering
        </label>
        <div class="row end field-wide">
          {problem && !busy && <span class="muted small" data-testid="podcast-problem">{problem}</span>}
          {busy && <Spinner label="Starting the podcast" />}
          <button type="submit" class="btn primary" disabled={busy || problem !== null} data-testid="podcast-create">Create podcast</button>
        </div>
      </form>
    </section>
  );
}
