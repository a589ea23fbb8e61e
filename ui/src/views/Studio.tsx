import { useEffect, useRef, useState } from 'preact/hooks';
import { Spinner, formatBytes } from '../components';
import { getJson, request, upload, type AudiobookReport, type Job, type JobArtifact, type Voice } from '../lib/api';
import { followJob, formatClock, jobAwaitingReview, jobEnded, jobNames, jobSettled, rememberJobName } from '../lib/jobs';
import { notify, notifyError } from '../lib/notify';
import { NewPodcast } from './PodcastForm';
import { ReviewPanel, ScriptEditor, VoicePicker } from './StudioParts';

const ACCEPT = '.epub,.docx,.pdf,.md,.markdown,.html,.htm,.txt,application/epub+zip,application/pdf,text/markdown,text/html,text/plain';

const KINDS: Record<string, string> = { audiobook: 'Audiobook', podcast: 'Podcast' };
const STATES: Record<string, string> = {
  queued: 'Queued', running: 'Running', awaiting_review: 'Waiting for your review', succeeded: 'Done', failed: 'Failed', cancelled: 'Cancelled',
};
/** The episode or book to play in the page, best first (Chromium plays MP3 everywhere; M4B and M4A need AAC). */
const PLAYABLE = ['book.m4b', 'podcast.mp3', 'podcast.m4a'];
const ARTIFACT_LABELS: Record<string, string> = {
  'book.m4b': 'Book (M4B)', 'report.json': 'Report (JSON)', 'podcast.mp3': 'Episode (MP3)', 'podcast.m4a': 'Episode (M4A with chapters)',
  'transcript.srt': 'Transcript (SRT)', 'transcript.vtt': 'Transcript (WebVTT)', 'show-notes.md': 'Show notes (Markdown)',
  'script.json': 'Script (JSON)',
};

function kindLabel(kind: string): string {
  return KINDS[kind] ?? kind;
}

export function StudioView() {
  const [jobs, setJobs] = useState<Job[]>([]);
  const [loading, setLoading] = useState(true);
  const [names, setNames] = useState<Record<string, string>>(() => jobNames());
  const [voices, setVoices] = useState<Voice[] | null>(null);

  useEffect(() => {
    getJson<{ data: Voice[] }>('/v1/voices').then((v) => setVoices(v.data ?? [])).catch((e) => { setVoices([]); notifyError(e); });
  }, []);

  const load = async () => {
    try {
      setJobs(await getJson<Job[]>('/api/jobs'));
    } catch (e) {
      notifyError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => { load(); }, []);

  const update = (job: Job) => setJobs((list) => {
    const i = list.findIndex((j) => j.id === job.id);
    if (i < 0) return [job, ...list];
    const next = list.slice();
    next[i] = job;
    return next;
  });

  const created = (job: Job, name: string) => {
    rememberJobName(job.id, name);
    setNames(jobNames());
    update(job);
  };

  return (
    <div class="page">
      <header class="page-head">
        <h1>Studio</h1>
        <p class="muted">Books read aloud by a narrator voice, chapter by chapter, and podcasts of hosts talking about a text, a knowledge base or your files. Jobs run in the background; ask for a review to check the script or cast before anything is spoken.</p>
      </header>
      <NewAudiobook voices={voices} onCreated={created} />
      <NewPodcast voices={voices} onCreated={created} />
      <section class="card" aria-labelledby="jobs-title">
        <div class="row wrap">
          <h2 id="jobs-title">Jobs</h2>
          <span class="spacer" />
          <button type="button" class="btn small" onClick={load} data-testid="jobs-refresh">Refresh</button>
        </div>
        {loading ? <Spinner label="Loading jobs" /> : jobs.length === 0 ? <p class="muted">No jobs yet. Make an audiobook or a podcast above.</p> : null}
        <ul class="job-list" data-testid="job-list">
          {jobs.map((job) => <JobItem key={job.id} job={job} name={names[job.id]} voices={voices} onChange={update} />)}
        </ul>
      </section>
    </div>
  );
}

function NewAudiobook(props: { voices: Voice[] | null; onCreated: (job: Job, name: string) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [author, setAuthor] = useState('');
  const [narrator, setNarrator] = useState('');
  const [review, setReview] = useState(false);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    const fields: Record<string, string | [Blob, string]> = { file: [file, file.name] };
    if (title.trim()) fields.title = title.trim();
    if (author.trim()) fields.author = author.trim();
    if (narrator) fields.narrator = narrator;
    if (review) fields.review = 'true';
    try {
      const job = await upload<Job>('/api/audiobooks', fields);
      props.onCreated(job, title.trim() || file.name);
      notify(`Started the audiobook of ${title.trim() || file.name}.`, 'info');
      setFile(null);
      setTitle('');
      setAuthor('');
      if (fileInput.current) fileInput.current.value = '';
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="new-book-title">
      <h2 id="new-book-title">New audiobook</h2>
      <form class="book-form" onSubmit={submit} data-testid="book-form">
        <div class="stack field-wide">
          <label for="book-file">Book (EPUB, DOCX, PDF, Markdown, HTML or text)</label>
          <input id="book-file" ref={fileInput} type="file" accept={ACCEPT} required
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} data-testid="book-input" />
          {file && <span class="muted small">{file.name} · {formatBytes(file.size)}</span>}
        </div>
        <div class="stack">
          <label for="book-title">Title <span class="muted small">(optional)</span></label>
          <input id="book-title" maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} placeholder="From the book" data-testid="book-title" />
        </div>
        <div class="stack">
          <label for="book-author">Author <span class="muted small">(optional)</span></label>
          <input id="book-author" maxLength={200} value={author} onInput={(e) => setAuthor(e.currentTarget.value)} data-testid="book-author" />
        </div>
        <VoicePicker id="book-narrator" label="Narrator" value={narrator} voices={props.voices} onChange={setNarrator}
          defaultLabel="Server default" testid="book-narrator" />
        <label class="check field-wide">
          <input type="checkbox" checked={review} onChange={(e) => setReview(e.currentTarget.checked)} data-testid="book-review" />
          Review the cast before rendering
        </label>
        <div class="row end field-wide">
          {busy && <Spinner label="Uploading the book" />}
          <button type="submit" class="btn primary" disabled={!file || busy} data-testid="book-create">Create audiobook</button>
        </div>
      </form>
    </section>
  );
}

function JobItem(props: { job: Job; name?: string; voices: Voice[] | null; onChange: (job: Job) => void }) {
  const { job } = props;
  const ended = jobEnded(job);
  const settled = jobSettled(job);
  const [scriptOpen, setScriptOpen] = useState(false);
  const [report, setReport] = useState<AudiobookReport | null>(null);
  const [acting, setActing] = useState(false);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const previous = useRef(job.state);

  // follow a queued or running job live until it ends or waits for review (again after a retry, an edit or approval)
  useEffect(() => {
    if (settled) return;
    const abort = new AbortController();
    followJob(job.id, (j) => onChange.current(j), abort.signal);
    return () => abort.abort();
  }, [job.id, settled]);

  useEffect(() => {
    const before = previous.current;
    previous.current = job.state;
    if (before === job.state || jobSettled({ state: before })) return;
    const name = props.name ?? kindLabel(job.kind);
    if (job.state === 'succeeded') notify(`${name} is ready.`, 'info');
    if (job.state === 'awaiting_review') notify(`${name} is waiting for your review.`, 'info');
    if (job.state === 'failed') notify(`${name} failed: ${job.error ?? 'unknown reason'}`);
  }, [job.state]);

  const reportFile = job.artifacts.find((a) => a.name === 'report.json');
  useEffect(() => {
    if (job.state !== 'succeeded' || !reportFile) { setReport(null); return; }
    let live = true;
    getJson<AudiobookReport>(reportFile.url).then((r) => { if (live) setReport(r); }).catch(notifyError);
    return () => { live = false; };
  }, [job.state, reportFile?.url, reportFile?.bytes]);

  const act = async (what: 'cancel' | 'retry') => {
    setActing(true);
    try {
      const answer = await request(`/api/jobs/${encodeURIComponent(job.id)}/${what}`, { method: 'POST', headers: { Accept: 'application/json' } });
      props.onChange((await answer.json()) as Job);
    } catch (e) {
      notifyError(e);
    } finally {
      setActing(false);
    }
  };

  const title = report?.title || props.name || kindLabel(job.kind);
  const headingId = `job-${job.id}-title`;
  const total = job.segments_total;
  const percent = Math.round((job.progress ?? 0) * 100);
  return (
    <li class="job" data-testid="job-item" data-state={job.state} data-id={job.id}>
      <div class="job-head">
        <div class="job-name">
          <span class="muted small">{kindLabel(job.kind)}</span>
          <h3 id={headingId}>{title}</h3>
        </div>
        <span class={`badge status-${job.state}`} data-testid="job-state">
          {!settled && <Spinner label={STATES[job.state] ?? job.state} />} {STATES[job.state] ?? job.state}
        </span>
      </div>
      <div class="job-progress">
        {total > 0 || job.state === 'succeeded' ? (
          <progress max={1} value={job.progress} aria-label={`Progress of ${title}`}
            aria-valuetext={`${percent}%, ${job.segments_done} of ${total} segments`} data-testid="job-progress" />
        ) : (
          // no plan yet: an indeterminate bar (no value attribute at all)
          <progress aria-label={`Progress of ${title}`} data-testid="job-progress" />
        )}
        <span class="small muted nowrap">{total > 0 ? `${job.segments_done} / ${total} segments` : settled ? '' : 'waiting for the plan'}</span>
      </div>
      <p class="small job-meta">
        {job.stage && job.state !== 'succeeded' && <span data-testid="job-stage">{job.stage}</span>}
        {job.state === 'succeeded' && <span data-testid="job-stage">finished{job.finished_at ? ` ${new Date(job.finished_at).toLocaleString()}` : ''}</span>}
        {job.segments_flagged > 0 && <span class="badge warn" data-testid="job-flagged">{job.segments_flagged} flagged</span>}
      </p>
      {job.state === 'failed' && job.error && <p class="error-text small" data-testid="job-error">{job.error}</p>}
      <div class="row wrap">
        {(job.state === 'queued' || job.state === 'running' || jobAwaitingReview(job)) && (
          <button type="button" class="btn small danger" disabled={acting} onClick={() => act('cancel')} aria-label={`Cancel ${title}`} data-testid="job-cancel">Cancel</button>
        )}
        {(job.state === 'failed' || job.state === 'cancelled') && (
          <button type="button" class="btn small" disabled={acting} onClick={() => act('retry')} aria-label={`Retry ${title}`} data-testid="job-retry">Retry</button>
        )}
        {job.kind === 'podcast' && job.state === 'succeeded' && (
          <a class="btn small" href={`#/voice?podcast=${encodeURIComponent(job.id)}`} aria-label={`Listen and ask: ${title}`} data-testid="job-listen">Listen and ask</a>
        )}
        {job.kind === 'podcast' && ended && (
          <button type="button" class="btn small" aria-expanded={scriptOpen} aria-controls={`script-${job.id}`}
            onClick={() => setScriptOpen(!scriptOpen)} data-testid="job-script">{scriptOpen ? 'Hide the script' : 'Edit the script'}</button>
        )}
      </div>
      {jobAwaitingReview(job) && <ReviewPanel job={job} title={title} voices={props.voices} onChange={props.onChange} />}
      {job.kind === 'podcast' && ended && scriptOpen && (
        <div id={`script-${job.id}`} class="book-result">
          <ScriptEditor job={job} onChange={(j) => { setScriptOpen(false); props.onChange(j); }} />
        </div>
      )}
      {job.state === 'succeeded' && <BookResult job={job} title={title} report={report} />}
    </li>
  );
}

/** Fetches an artifact with the key (downloads need the Bearer header) as a blob. */
async function artifactBlob(a: JobArtifact, signal?: AbortSignal): Promise<Blob> {
  const response = await request(a.url, { signal });
  const blob = await response.blob();
  return blob.type ? blob : new Blob([blob], { type: a.content_type });
}

function saveBlob(url: string, name: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

function BookResult(props: { job: Job; title: string; report: AudiobookReport | null }) {
  const { job, report } = props;
  const book = PLAYABLE.map((name) => job.artifacts.find((a) => a.name === name)).find((a) => a !== undefined);
  const [bookUrl, setBookUrl] = useState<string | null>(null);
  const [loadingBook, setLoadingBook] = useState(false);
  const [saving, setSaving] = useState<string | null>(null);
  const player = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    if (!book) return;
    const abort = new AbortController();
    let url: string | null = null;
    setLoadingBook(true);
    artifactBlob(book, abort.signal)
      .then((blob) => { url = URL.createObjectURL(blob); setBookUrl(url); })
      .catch(notifyError)
      .finally(() => setLoadingBook(false));
    return () => { abort.abort(); if (url) URL.revokeObjectURL(url); };
  }, [book?.url, book?.bytes]);

  const seek = (ms: number) => {
    const audio = player.current;
    if (!audio) return;
    audio.currentTime = ms / 1000;
    audio.play().catch(() => undefined);
  };

  const download = async (a: JobArtifact) => {
    if (a.name === book?.name && bookUrl) { saveBlob(bookUrl, a.name); return; }
    setSaving(a.name);
    try {
      const url = URL.createObjectURL(await artifactBlob(a));
      saveBlob(url, a.name);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(null);
    }
  };

  const chapterTitle = (a: JobArtifact) => report?.chapters.find((c) => c.file === a.name)?.title;
  const label = (a: JobArtifact) => {
    if (ARTIFACT_LABELS[a.name]) return ARTIFACT_LABELS[a.name];
    const t = chapterTitle(a);
    return t ? `${t} (MP3)` : a.name;
  };

  return (
    <div class="book-result">
      {book && (
        <div class="stack">
          {loadingBook && <p class="muted small"><Spinner /> Loading {job.kind === 'podcast' ? 'the episode' : 'the book'} ({formatBytes(book.bytes)})…</p>}
          <audio ref={player} controls preload="metadata" src={bookUrl ?? undefined} aria-label={`Play ${props.title}`} data-testid="book-player" />
        </div>
      )}
      {report && report.chapters.length > 0 && (
        <div>
          <h4 id={`chapters-${job.id}`}>Chapters <span class="muted small">· {formatClock(report.duration_ms)} in all</span></h4>
          <ol class="chapter-list" aria-labelledby={`chapters-${job.id}`}>
            {report.chapters.map((c, i) => (
              <li key={`${i}-${c.start_ms}`}>
                <button type="button" class="chapter" onClick={() => seek(c.start_ms)} data-testid="chapter-item" data-start-ms={c.start_ms}>
                  <span class="visually-hidden">Play chapter {i + 1}: </span>
                  <span class="chapter-title">{c.title}</span>
                  <span class="muted small nowrap">{formatClock(c.start_ms)}</span>
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
      {report && report.warnings.length > 0 && (
        <div class="warnings" data-testid="book-warnings">
          <h4>Warnings</h4>
          <ul>{report.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
        </div>
      )}
      <div>
        <h4 id={`downloads-${job.id}`}>Downloads</h4>
        <ul class="downloads" aria-labelledby={`downloads-${job.id}`}>
          {job.artifacts.map((a) => (
            <li key={a.name}>
              <button type="button" class="btn small" onClick={() => download(a)} disabled={saving === a.name} data-testid="download-link">
                {saving === a.name && <Spinner label="Downloading" />} <span class="visually-hidden">Download </span>{label(a)} <span class="muted small">{formatBytes(a.bytes)}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
