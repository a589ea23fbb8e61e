import { Icon } from '../icons';
import { useEffect, useRef, useState } from 'preact/hooks';
import { settings } from '../lib/store';
import { VoiceClient, transcriptBadges, type VoiceSnapshot, type VoiceState } from '../lib/voice';

const STATE_LABEL: Record<VoiceState, string> = {
  idle: 'Ready', connecting: 'Connecting…', listening: 'Listening', thinking: 'Thinking', speaking: 'Speaking',
  interrupted: 'Interrupted', error: 'Stopped',
};

export const LANGUAGES: [string, string][] = [
  ['en', 'English'], ['zh', 'Chinese'], ['yue', 'Cantonese'], ['ja', 'Japanese'], ['ko', 'Korean'], ['fr', 'French'],
  ['de', 'German'], ['es', 'Spanish'], ['it', 'Italian'], ['pt', 'Portuguese'], ['ru', 'Russian'],
];

export function VoiceView() {
  const client = useRef<VoiceClient | null>(null);
  const [snap, setSnap] = useState<VoiceSnapshot | null>(null);
  const [pipeline, setPipeline] = useState(settings.pipeline());
  const [target, setTarget] = useState(settings.targetLanguage());
  const canvas = useRef<HTMLCanvasElement>(null);

  if (!client.current) client.current = new VoiceClient(setSnap);
  const s = snap ?? client.current.snapshot();
  const active = s.state !== 'idle' && s.state !== 'error';

  useEffect(() => () => client.current?.stop(), []);

  // live waveform of the microphone
  useEffect(() => {
    let raf = 0;
    const draw = () => {
      raf = requestAnimationFrame(draw);
      const c = canvas.current;
      const analyser = client.current?.analyser;
      if (!c) return;
      const g = c.getContext('2d');
      if (!g) return;
      const w = (c.width = c.clientWidth * devicePixelRatio);
      const h = (c.height = c.clientHeight * devicePixelRatio);
      g.clearRect(0, 0, w, h);
      const style = getComputedStyle(c);
      g.strokeStyle = style.getPropertyValue('--wave').trim() || '#6366f1';
      g.lineWidth = 2 * devicePixelRatio;
      g.beginPath();
      if (!analyser) {
        g.moveTo(0, h / 2);
        g.lineTo(w, h / 2);
      } else {
        const data = new Float32Array(analyser.fftSize);
        analyser.getFloatTimeDomainData(data);
        for (let i = 0; i < data.length; i++) {
          const x = (i / (data.length - 1)) * w;
          const y = h / 2 - data[i] * (h / 2) * 0.9;
          if (i === 0) g.moveTo(x, y);
          else g.lineTo(x, y);
        }
      }
      g.stroke();
    };
    draw();
    return () => cancelAnimationFrame(raf);
  }, []);

  const toggle = () => {
    const c = client.current!;
    if (active) {
      c.stop();
      return;
    }
    const key = settings.apiKey();
    c.start({ apiKey: key, pipeline, targetLanguage: target, voice: settings.voice() });
  };

  const changePipeline = (p: string, t: string) => {
    setPipeline(p);
    setTarget(t);
    if (active) client.current!.setPipeline(p, t);
  };

  const last = s.transcripts[s.transcripts.length - 1];

  return (
    <div class="page voice-page">
      <header class="page-head">
        <h1>Voice</h1>
        <p class="muted">Talk naturally; interrupt any time. Use headphones for the best barge-in.</p>
      </header>
      <div class="voice-controls row wrap">
        <label for="pipeline">Mode</label>
        <select id="pipeline" value={pipeline} onChange={(e) => changePipeline(e.currentTarget.value, target)} data-testid="pipeline">
          <option value="voice-chat">Voice chat</option>
          <option value="speech-translation">Speech translation</option>
        </select>
        {pipeline === 'speech-translation' && (
          <>
            <label for="target-language">Translate into</label>
            <select id="target-language" value={target} onChange={(e) => changePipeline(pipeline, e.currentTarget.value)} data-testid="target-language">
              {LANGUAGES.map(([code, label]) => <option key={code} value={code}>{label}</option>)}
            </select>
          </>
        )}
      </div>

      <div class="talk-area">
        <button type="button" class={`talk-btn state-${s.state}`} aria-pressed={active} onClick={toggle} data-testid="talk">
          <Icon name={active ? 'stop' : 'mic'} size={44} class="talk-icon" />
          <span>{active ? 'End conversation' : 'Talk'}</span>
        </button>
        <p class={`voice-state state-${s.state}`} role="status" aria-live="polite" data-testid="voice-state" data-state={s.state}>
          {STATE_LABEL[s.state]}
        </p>
        {active && (
          <div class="row">
            <button type="button" class="btn small" onClick={() => client.current!.commit()} data-testid="commit">Done speaking</button>
            <button type="button" class="btn small" onClick={() => client.current!.cancelReply()} disabled={s.state !== 'speaking' && s.state !== 'thinking'} data-testid="interrupt">
              Stop reply
            </button>
          </div>
        )}
        <canvas ref={canvas} class="waveform" aria-hidden="true" data-testid="waveform" />
      </div>

      {s.error && <p class="notice notice-error" role="alert" data-testid="voice-error">{s.error}</p>}

      <section class="card voice-text" aria-label="Conversation">
        <div class="voice-you">
          <h2 class="section-label">You</h2>
          <p class="partial" data-testid="partial-transcript" aria-live="off">{s.partial}</p>
          {last && (
            <div data-testid="final-transcript-block">
              <p class="final" data-testid="final-transcript">{last.text}</p>
              <p class="badges">
                {last.language && <span class="badge" data-testid="badge-language">{last.language}</span>}
                {transcriptBadges(last.emotion, last.events).map((b) => <span class="badge" key={b} data-testid="badge-mood">{b}</span>)}
              </p>
            </div>
          )}
        </div>
        <div class="voice-reply">
          <h2 class="section-label">Omnivox</h2>
          <p class="reply" data-testid="reply-text">{s.reply}</p>
          {s.voiceStyle && (
            <p class="badges">
              {Object.entries(s.voiceStyle).filter(([, v]) => v !== null && v !== '').map(([k, v]) => (
                <span class="badge" key={k}>{k}: {String(v)}</span>
              ))}
            </p>
          )}
        </div>
        {s.transcripts.length > 1 && (
          <details class="history">
            <summary>Earlier turns ({s.transcripts.length - 1})</summary>
            <ol>{s.transcripts.slice(0, -1).map((t) => <li key={t.itemId}>{t.text}</li>)}</ol>
          </details>
        )}
      </section>

      <section class="debug" aria-label="Audio status">
        <dl>
          <div><dt>Received</dt><dd><span data-testid="audio-received-ms">{s.receivedMs}</span> ms</dd></div>
          <div><dt>Played</dt><dd><span data-testid="audio-played-ms">{s.playedMs}</span> ms</dd></div>
          <div><dt>Queued</dt><dd><span data-testid="audio-queued-ms">{s.queuedMs}</span> ms</dd></div>
          <div><dt>Mic frames</dt><dd><span data-testid="frames-sent">{s.framesSent}</span></dd></div>
          <div><dt>Interruptions</dt><dd><span data-testid="interruptions">{s.interruptions}</span></dd></div>
          <div><dt>Queued after cancel</dt><dd><span data-testid="queued-after-cancel-ms">{s.queuedAfterCancelMs ?? '–'}</span> ms</dd></div>
          <div><dt>Reply</dt><dd><span data-testid="reply-status">{s.replyStatus ?? '–'}</span></dd></div>
          <div><dt>Output rate</dt><dd><span data-testid="output-rate">{s.outputSampleRate}</span> Hz</dd></div>
          {s.latency && typeof s.latency.end_of_speech_to_first_audio_ms === 'number' && (
            <div><dt>First audio</dt><dd><span data-testid="latency">{s.latency.end_of_speech_to_first_audio_ms}</span> ms</dd></div>
          )}
        </dl>
      </section>
    </div>
  );
}
