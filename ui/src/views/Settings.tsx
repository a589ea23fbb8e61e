import { useEffect, useRef, useState } from 'preact/hooks';
import { Spinner } from '../components';
import { authHeaders, del, getJson, upload, type Health, type Voice } from '../lib/api';
import { parseHealth, stateClass } from '../lib/health';
import { notify, notifyError } from '../lib/notify';
import { settings } from '../lib/store';
import { LANGUAGES } from './Voice';

export function SettingsView() {
  return (
    <div class="page">
      <header class="page-head">
        <h1>Settings</h1>
      </header>
      <div class="settings-grid">
        <ApiKeyCard />
        <VoiceModeCard />
        <VoicesCard />
        <EnginesCard />
      </div>
    </div>
  );
}

function ApiKeyCard() {
  const [key, setKey] = useState(settings.apiKey());
  const [shown, setShown] = useState(false);
  const save = (e: Event) => {
    e.preventDefault();
    settings.setApiKey(key);
    notify(key.trim() ? 'API key saved in this browser.' : 'API key removed.', 'info');
  };
  return (
    <section class="card" aria-labelledby="key-title">
      <h2 id="key-title">API key</h2>
      <form class="stack" onSubmit={save}>
        <label for="api-key">Key (sent as a Bearer token, kept in this browser's storage)</label>
        <div class="row">
          <input id="api-key" type={shown ? 'text' : 'password'} autoComplete="off" spellcheck={false} value={key} onInput={(e) => setKey(e.currentTarget.value)} data-testid="api-key" />
          <button type="button" class="btn" aria-pressed={shown} onClick={() => setShown(!shown)}>{shown ? 'Hide' : 'Show'}</button>
        </div>
        <div class="row end"><button type="submit" class="btn primary" data-testid="api-key-save">Save</button></div>
      </form>
    </section>
  );
}

function VoiceModeCard() {
  const [pipeline, setPipeline] = useState(settings.pipeline());
  const [target, setTarget] = useState(settings.targetLanguage());
  return (
    <section class="card" aria-labelledby="mode-title">
      <h2 id="mode-title">Voice mode</h2>
      <div class="stack">
        <label for="default-pipeline">Default pipeline</label>
        <select id="default-pipeline" value={pipeline} onChange={(e) => { setPipeline(e.currentTarget.value); settings.setPipeline(e.currentTarget.value); }} data-testid="default-pipeline">
          <option value="voice-chat">Voice chat — the assistant answers</option>
          <option value="speech-translation">Speech translation — spoken in your own voice</option>
        </select>
        <label for="default-target">Translation target language</label>
        <select id="default-target" value={target} onChange={(e) => { setTarget(e.currentTarget.value); settings.setTargetLanguage(e.currentTarget.value); }}>
          {LANGUAGES.map(([code, label]) => <option key={code} value={code}>{label}</option>)}
        </select>
      </div>
    </section>
  );
}

function VoicesCard() {
  const [voices, setVoices] = useState<Voice[] | null>(null);
  const [voice, setVoice] = useState(settings.voice());
  const load = () => getJson<{ data: Voice[] }>('/v1/voices').then((v) => setVoices(v.data ?? [])).catch((e) => { setVoices([]); notifyError(e); });
  useEffect(() => { load(); }, []);
  const choose = (id: string) => {
    setVoice(id);
    settings.setVoice(id);
  };
  const cloned = (voices ?? []).filter((v) => v.id.startsWith('voice-'));
  const removeVoice = async (v: Voice) => {
    if (!confirm(`Delete the cloned voice "${v.name}"?`)) return;
    try {
      await del(`/v1/voices/${encodeURIComponent(v.id)}`);
      if (voice === v.id) choose('');
      load();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <section class="card" aria-labelledby="voices-title">
      <h2 id="voices-title">Voices</h2>
      <div class="stack">
        <label for="default-voice">Voice for spoken answers</label>
        {voices === null ? <Spinner label="Loading voices" /> : (
          <select id="default-voice" value={voice} onChange={(e) => choose(e.currentTarget.value)} data-testid="default-voice">
            <option value="">Server default</option>
            {voices.map((v) => <option key={v.id} value={v.id}>{v.name} ({v.language}, {v.engine})</option>)}
          </select>
        )}
        {cloned.length > 0 && (
          <ul class="plain-list">
            {cloned.map((v) => (
              <li key={v.id} class="row">
                <span>{v.name}</span><span class="spacer" />
                <button type="button" class="btn small" onClick={() => removeVoice(v)} aria-label={`Delete cloned voice ${v.name}`}>Delete</button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <CloneVoice onCloned={(id) => { load(); choose(id); }} />
    </section>
  );
}

const MIN_S = 5;
const MAX_S = 30;

function CloneVoice(props: { onCloned: (id: string) => void }) {
  const [clip, setClip] = useState<{ blob: Blob; name: string; seconds: number | null } | null>(null);
  const [recording, setRecording] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [consent, setConsent] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const recorder = useRef<MediaRecorder | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const previewUrl = useRef<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);

  useEffect(() => () => { window.clearInterval(timer.current); recorder.current?.stream.getTracks().forEach((t) => t.stop()); if (previewUrl.current) URL.revokeObjectURL(previewUrl.current); }, []);

  const setClipWithPreview = (c: typeof clip) => {
    if (previewUrl.current) URL.revokeObjectURL(previewUrl.current);
    previewUrl.current = c ? URL.createObjectURL(c.blob) : null;
    setPreview(previewUrl.current);
    setClip(c);
  };

  const record = async () => {
    if (recording) {
      recorder.current?.stop();
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
      const r = new MediaRecorder(stream);
      const parts: Blob[] = [];
      const started = performance.now();
      r.ondataavailable = (e) => parts.push(e.data);
      r.onstop = () => {
        window.clearInterval(timer.current);
        stream.getTracks().forEach((t) => t.stop());
        setRecording(false);
        const type = r.mimeType || 'audio/webm';
        const ext = type.includes('ogg') ? 'ogg' : type.includes('mp4') ? 'm4a' : 'webm';
        setClipWithPreview({ blob: new Blob(parts, { type }), name: `recording.${ext}`, seconds: (performance.now() - started) / 1000 });
      };
      recorder.current = r;
      r.start();
      setRecording(true);
      setElapsed(0);
      timer.current = window.setInterval(() => {
        const s = (performance.now() - started) / 1000;
        setElapsed(s);
        if (s >= MAX_S) r.stop();
      }, 200);
    } catch (e) {
      notifyError(e);
    }
  };

  const pick = (file: File | undefined) => {
    if (!file) return;
    const url = URL.createObjectURL(file);
    const probe = new Audio();
    probe.preload = 'metadata';
    probe.onloadedmetadata = () => {
      URL.revokeObjectURL(url);
      setClipWithPreview({ blob: file, name: file.name, seconds: Number.isFinite(probe.duration) ? probe.duration : null });
    };
    probe.onerror = () => {
      URL.revokeObjectURL(url);
      setClipWithPreview({ blob: file, name: file.name, seconds: null });
    };
    probe.src = url;
  };

  const tooShort = clip?.seconds != null && clip.seconds < MIN_S;
  const tooLong = clip?.seconds != null && clip.seconds > MAX_S + 0.5;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!clip || !consent || tooShort || tooLong) return;
    setBusy(true);
    try {
      const fields: Record<string, string | [Blob, string]> = { file: [clip.blob, clip.name], consent: 'true' };
      if (name.trim()) fields.name = name.trim();
      const voice = await upload<{ id: string; name: string }>('/v1/voices', fields);
      notify(`Cloned voice "${voice.name}" is ready.`, 'info');
      setClipWithPreview(null);
      setConsent(false);
      setName('');
      props.onCloned(voice.id);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="stack clone" onSubmit={submit} aria-labelledby="clone-title" data-testid="clone-form">
      <h3 id="clone-title">Clone a voice</h3>
      <p class="muted small">Record or upload {MIN_S}–{MAX_S} seconds of one person speaking clearly.</p>
      <div class="row wrap">
        <button type="button" class={`btn ${recording ? 'danger' : ''}`} onClick={record} aria-pressed={recording} data-testid="clone-record">
          {recording ? `■ Stop (${elapsed.toFixed(0)} s)` : '● Record'}
        </button>
        <label class="btn file-btn">
          Upload audio
          <input type="file" accept="audio/*,.wav,.mp3,.ogg,.webm,.m4a" class="visually-hidden" aria-label="Upload a voice sample" onChange={(e) => pick(e.currentTarget.files?.[0])} data-testid="clone-file" />
        </label>
      </div>
      {clip && (
        <div class="stack">
          <p class="small">{clip.name}{clip.seconds != null && ` · ${clip.seconds.toFixed(1)} s`}</p>
          {preview && <audio controls src={preview} aria-label="Voice sample preview" />}
          {tooShort && <p class="error-text small">The sample is too short: at least {MIN_S} seconds are needed.</p>}
          {tooLong && <p class="error-text small">The sample is too long: at most {MAX_S} seconds.</p>}
        </div>
      )}
      <label for="clone-name">Name</label>
      <input id="clone-name" maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="e.g. Grandma reading" data-testid="clone-name" />
      <label class="check">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} required data-testid="clone-consent" />
        I have the speaker's permission
      </label>
      <div class="row end">
        <button type="submit" class="btn primary" disabled={!clip || !consent || busy || tooShort || tooLong || recording} data-testid="clone-submit">
          {busy ? <Spinner label="Cloning" /> : null} Clone voice
        </button>
      </div>
    </form>
  );
}

function EnginesCard() {
  const [data, setData] = useState<ReturnType<typeof parseHealth> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    try {
      // answers 503 with the same JSON when something is down
      const response = await fetch('/q/health/ready', { headers: { ...authHeaders(), Accept: 'application/json' } });
      setData(parseHealth((await response.json()) as Health));
    } catch (e) {
      setError(`Engine status is unavailable (${(e as Error).message}).`);
    }
  };
  useEffect(() => { load(); }, []);
  return (
    <section class="card wide-card" aria-labelledby="engines-title">
      <div class="row">
        <h2 id="engines-title">Engines</h2><span class="spacer" />
        <button type="button" class="btn small" onClick={load}>Refresh</button>
      </div>
      {error && <p class="error-text">{error}</p>}
      {!data && !error && <Spinner label="Loading engine status" />}
      {data && (
        <>
          {data.provider && <p class="muted small">ONNX runs on: {data.provider}</p>}
          {data.notes.map((n) => <p class="muted small" key={n}>{n}</p>)}
          <table class="engine-table" data-testid="engine-table">
            <thead><tr><th scope="col">Capability</th><th scope="col">Engine</th><th scope="col">State</th></tr></thead>
            <tbody>
              {data.engines.map((e) => (
                <tr key={e.capability} data-testid="engine-row">
                  <td>{e.capability}</td>
                  <td>{e.engine}{e.detail && <div class="muted small">{e.detail}</div>}</td>
                  <td><span class={`badge ${stateClass(e.state)}`}>{e.state || 'unknown'}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.models.length > 0 && (
            <details>
              <summary>Model weights ({data.models.filter((m) => m.state === 'ready').length}/{data.models.length} ready)</summary>
              <ul class="plain-list">
                {data.models.map((m) => <li key={m.name} class="row"><span>{m.name}</span><span class="spacer" /><span class={`badge ${stateClass(m.state)}`}>{m.state}</span></li>)}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
