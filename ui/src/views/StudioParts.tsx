/** Pieces of the Studio page: a voice picker with a preview, a podcast's script editor, an audiobook's cast, review. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Spinner } from '../components';
import { ApiError, getJson, request, type Job, type Voice } from '../lib/api';
import { notify, notifyError } from '../lib/notify';
import {
  EMOTIONS, approveJob, castChanges, changedLines, previewVoice, saveScript, scriptPath, scriptSavedMessage, withLine,
  type Cast, type PodcastScript,
} from '../lib/studio';

export function voiceLabel(v: Voice): string {
  return `${v.name} (${v.language}, ${v.engine})`;
}

/**
 * A voice <select> with a Preview button that plays the voice saying a sample sentence in the page. `defaultLabel`
 * adds an empty choice (the server's default voice), which has nothing to preview.
 */
export function VoicePicker(props: {
  id: string; label: string; value: string; voices: Voice[] | null; onChange: (voice: string) => void;
  defaultLabel?: string; testid?: string; hiddenLabel?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const audio = useRef<HTMLAudioElement>(null);
  const url = useRef<string | null>(null);
  useEffect(() => () => { if (url.current) URL.revokeObjectURL(url.current); }, []);

  const preview = async () => {
    if (!props.value || busy) return;
    setBusy(true);
    try {
      const blob = await previewVoice(props.value);
      if (url.current) URL.revokeObjectURL(url.current);
      url.current = URL.createObjectURL(blob);
      const player = audio.current;
      if (player) {
        player.src = url.current;
        await player.play().catch(() => undefined); // autoplay refused: the controls below still play it
      }
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(false);
    }
  };

  const name = props.voices?.find((v) => v.id === props.value)?.name ?? 'the voice';
  return (
    <div class="stack voice-picker">
      <label for={props.id} class={props.hiddenLabel ? 'visually-hidden' : undefined}>{props.label}</label>
      <div class="row">
        <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}
          disabled={props.voices === null} data-testid={props.testid}>
          {props.defaultLabel !== undefined && <option value="">{props.defaultLabel}</option>}
          {props.voices !== null && props.value && !props.voices.some((v) => v.id === props.value) && <option value={props.value}>{props.value}</option>}
          {(props.voices ?? []).map((v) => <option key={v.id} value={v.id}>{voiceLabel(v)}</option>)}
        </select>
        <button type="button" class="btn small" onClick={preview} disabled={!props.value || busy}
          aria-label={`Preview ${name} (${props.label})`} data-testid={props.testid ? `${props.testid}-preview` : 'voice-preview'}>
          {busy ? <Spinner label="Making the preview" /> : 'Preview'}
        </button>
      </div>
      <audio ref={audio} preload="none" data-testid="voice-preview-audio" aria-label={`Preview of ${name}`} />
    </div>
  );
}

/** Loads JSON for a panel; a 409 (not there yet) becomes a message instead of an error notice. */
function useResource<T>(path: string): { data: T | null; waiting: string | null; loading: boolean; set: (t: T) => void } {
  const [data, setData] = useState<T | null>(null);
  const [waiting, setWaiting] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    let live = true;
    setLoading(true);
    getJson<T>(path)
      .then((d) => { if (live) { setData(d); setWaiting(null); } })
      .catch((e) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 409) setWaiting(e.detail);
        else notifyError(e);
      })
      .finally(() => { if (live) setLoading(false); });
    return () => { live = false; };
  }, [path]);
  return { data, waiting, loading, set: setData };
}

/**
 * A podcast's script: each line's speaker (one of the hosts), emotion and words can be changed; saving sends the
 * whole script back and the server speaks only the changed lines again.
 */
export function ScriptEditor(props: { job: Job; onChange: (job: Job) => void; onDirty?: (changed: number) => void }) {
  const { job } = props;
  const loaded = useResource<PodcastScript>(scriptPath(job.id));
  const [draft, setDraft] = useState<PodcastScript | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => { if (loaded.data) setDraft(loaded.data); }, [loaded.data]);
  const dirty = loaded.data && draft ? changedLines(loaded.data, draft).length : 0;
  useEffect(() => props.onDirty?.(dirty), [dirty]);

  if (loaded.loading) return <p class="muted small"><Spinner /> Loading the script…</p>;
  if (loaded.waiting) return <p class="muted small" data-testid="script-waiting">{loaded.waiting}</p>;
  const original = loaded.data;
  if (!original || !draft) return null;
  const changed = changedLines(original, draft);

  const save = async (e: Event) => {
    e.preventDefault();
    if (saving || changed.length === 0) return;
    setSaving(true);
    try {
      const { job: next, rerendering } = await saveScript(job.id, draft);
      loaded.set(draft);
      notify(scriptSavedMessage(changed.length, rerendering, next), 'info');
      props.onChange(next);
    } catch (err) {
      notifyError(err); // 422: the problem's detail names the line and what is wrong
    } finally {
      setSaving(false);
    }
  };

  let n = 0;
  return (
    <form class="script" onSubmit={save} data-testid="script-editor" aria-label={`Script of ${draft.title}`}>
      {draft.sections.map((section, s) => (
        <section key={s} class="script-section" aria-labelledby={`script-${job.id}-${s}`}>
          <h4 id={`script-${job.id}-${s}`}>{section.title}</h4>
          <ol class="script-lines">
            {section.lines.map((line, l) => {
              const id = `line-${job.id}-${s}-${l}`;
              const number = ++n;
              const edited = changed.includes(`${s}:${l}`);
              const set = (patch: Parameters<typeof withLine>[3]) => setDraft(withLine(draft, s, l, patch));
              return (
                <li key={l} class={`script-line${edited ? ' edited' : ''}`} data-testid="script-line" data-section={s} data-line={l}>
                  <div class="script-meta">
                    <label for={`${id}-speaker`} class="visually-hidden">Speaker of line {number}</label>
                    <select id={`${id}-speaker`} value={line.speaker} onChange={(e) => set({ speaker: e.currentTarget.value })} data-testid="script-speaker">
                      {draft.speakers.map((name) => <option key={name} value={name}>{name}</option>)}
                    </select>
                    <label for={`${id}-emotion`} class="visually-hidden">Emotion of line {number}</label>
                    <select id={`${id}-emotion`} value={line.emotion} onChange={(e) => set({ emotion: e.currentTarget.value })} data-testid="script-emotion">
                      {!EMOTIONS.includes(line.emotion) && <option value={line.emotion}>{line.emotion}</option>}
                      {EMOTIONS.map((emotion) => <option key={emotion} value={emotion}>{emotion}</option>)}
                    </select>
                  </div>
                  <label for={`${id}-text`} class="visually-hidden">Words of line {number}</label>
                  <textarea id={`${id}-text`} rows={2} maxLength={2000} value={line.text}
                    onInput={(e) => set({ text: e.currentTarget.value })} data-testid="script-text" />
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      <div class="row wrap end">
        <span class="muted small" aria-live="polite" data-testid="script-changes">
          {changed.length === 0 ? 'No changes' : `${changed.length} line${changed.length === 1 ? '' : 's'} changed`}
        </span>
        <button type="button" class="btn small" disabled={saving || changed.length === 0} onClick={() => setDraft(original)}>Undo changes</button>
        <button type="submit" class="btn small primary" disabled={saving || changed.length === 0} data-testid="script-save">
          {saving && <Spinner label="Saving" />} Save script
        </button>
      </div>
    </form>
  );
}

/** An audiobook's cast: the characters who speak, with how much and a sample, each with a voice to change. */
export function CastEditor(props: { job: Job; voices: Voice[] | null; onChange: (job: Job) => void; onDirty?: (changed: number) => void }) {
  const { job } = props;
  const loaded = useResource<Cast>(`/api/audiobooks/${encodeURIComponent(job.id)}/cast`);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (loaded.data) setChoice(Object.fromEntries(loaded.data.characters.map((c) => [c.name, c.voice])));
  }, [loaded.data]);
  const dirty = loaded.data ? Object.keys(castChanges(loaded.data, choice)).length : 0;
  useEffect(() => props.onDirty?.(dirty), [dirty]);

  if (loaded.loading) return <p class="muted small"><Spinner /> Loading the cast…</p>;
  if (loaded.waiting) return <p class="muted small">{loaded.waiting}</p>;
  const cast = loaded.data;
  if (!cast) return null;
  const changes = castChanges(cast, choice);
  const count = Object.keys(changes).length;
  const narrator = props.voices?.find((v) => v.id === cast.narrator);

  const save = async (e: Event) => {
    e.preventDefault();
    if (saving || count === 0) return;
    setSaving(true);
    try {
      const response = await request(`/api/audiobooks/${encodeURIComponent(job.id)}/cast`, {
        method: 'PUT', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(changes),
      });
      const next = (await response.json()) as Job;
      loaded.set({ ...cast, characters: cast.characters.map((c) => ({ ...c, voice: choice[c.name] ?? c.voice })) });
      notify(`Saved the new voice${count === 1 ? '' : 's'} of ${Object.keys(changes).join(', ')}.`, 'info');
      props.onChange(next);
    } catch (err) {
      notifyError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="cast" onSubmit={save} data-testid="cast-editor" aria-label="Cast">
      <p class="small">Narrator: <strong>{narrator ? voiceLabel(narrator) : cast.narrator}</strong></p>
      {cast.characters.length === 0 ? <p class="muted small">No character speaks in this book: the narrator reads it all.</p> : (
        <ul class="cast-list">
          {cast.characters.map((c, i) => (
            <li key={c.name} data-testid="cast-member">
              <div>
                <strong>{c.name}</strong> <span class="muted small">· {c.lines} line{c.lines === 1 ? '' : 's'}</span>
                {c.sample && <q class="small muted cast-sample">{c.sample}</q>}
              </div>
              <VoicePicker id={`cast-${job.id}-${i}`} label={`Voice of ${c.name}`} hiddenLabel value={choice[c.name] ?? c.voice}
                voices={props.voices} onChange={(v) => setChoice({ ...choice, [c.name]: v })} testid="cast-voice" />
            </li>
          ))}
        </ul>
      )}
      {cast.characters.length > 0 && (
        <div class="row end">
          <button type="submit" class="btn small primary" disabled={saving || count === 0} data-testid="cast-save">
            {saving && <Spinner label="Saving" />} Save cast
          </button>
        </div>
      )}
    </form>
  );
}

/** A job waiting for review: its plan to check and edit (script or cast), then "Approve and render". */
export function ReviewPanel(props: { job: Job; title: string; voices: Voice[] | null; onChange: (job: Job) => void }) {
  const { job } = props;
  const [approving, setApproving] = useState(false);
  // unsaved edits would be lost: approving renders the plan as the server holds it
  const [unsaved, setUnsaved] = useState(0);
  const approve = async () => {
    setApproving(true);
    try {
      props.onChange(await approveJob(job.id));
      notify(`Rendering ${props.title}.`, 'info');
    } catch (e) {
      notifyError(e); // 409 when it no longer waits for review
    } finally {
      setApproving(false);
    }
  };
  return (
    <div class="review" data-testid="review-panel">
      <p class="small">
        {job.kind === 'podcast' ? 'The script is written and nothing is spoken yet. Read it, change any line, then approve it.'
          : 'The book is planned and nothing is spoken yet. Check the cast and its voices, then approve it.'}
      </p>
      {job.kind === 'podcast' ? <ScriptEditor job={job} onChange={props.onChange} onDirty={setUnsaved} />
        : job.kind === 'audiobook' ? <CastEditor job={job} voices={props.voices} onChange={props.onChange} onDirty={setUnsaved} /> : null}
      <div class="row wrap end">
        {unsaved > 0 && <span class="muted small" data-testid="review-unsaved">Save or undo your changes before approving.</span>}
        <button type="button" class="btn primary" onClick={approve} disabled={approving || unsaved > 0} aria-label={`Approve and render ${props.title}`} data-testid="job-approve">
          {approving && <Spinner label="Approving" />} Approve and render
        </button>
      </div>
    </div>
  );
}
