import { Icon } from '../icons';
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, type Job } from '../lib/api';
import { jobNames } from '../lib/jobs';
import { notifyError } from '../lib/notify';
import { routeParam } from '../lib/router';
import { settings } from '../lib/store';
import { VoiceClient, transcriptBadges, type VoiceSnapshot, type VoiceState } from '../lib/voice';

const PODCAST = 'interactive-podcast';

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
  // "Listen and ask" on a podcast in the Studio opens #/voice?podcast=<job id>
  const [podcastId, setPodcastId] = useState(() => routeParam(window.location.hash, 'podcast') ?? '');
  const [pipeline, setPipeline] = useState(() => (podcastId ? PODCAST : settings.pipeline()));
  const [target, setTarget] = useState(settings.targetLanguage());
  const [episodes, setEpisodes] = useState<Job[] | null>(null);
  const names = jobNames();
  const canvas = useRef<HTMLCanvasElement>(null);

  if (!client.current) client.current = new VoiceClient(setSnap);
  const s = snap ?? client.current.snapshot();
  const active = s.state !== 'idle' && s.state !== 'error';

  useEffect(() => () => client.current?.stop(), []);

  // the caller's finished podcasts, to choose one to listen to
  useEffect(() => {
    if (pipeline !== PODCAST || episodes !== null) return;
    getJson<Job[]>('/api/jobs')
      .then((jobs) => setEpisodes(jobs.filter((j) => j.kind === 'podcast' && j.state === 'succeeded')))
      .catch((e) => { setEpisodes([]); notifyError(e); });
  }, [pipeline]);

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
    c.start({ apiKey: key, pipeline, targetLanguage: target, voice: settings.voice(), podcastId });
  };

  const changePipeline = (p: string, t: string, podcast = podcastId) => {
    setPipeline(p);
    setTarget(t);
    setPodcastId(podcast);
    if (active) client.current!.setPipeline(p, t, podcast);
  };

  // Play / Resume: starts the session (the microphone is how the listener asks) when it is not running yet
  const play = async () => {
    const c = client.current!;
    if (!c.running) await c.start({ apiKey: settings.apiKey(), pipeline, targetLanguage: target, voice: '', podcastId });
    // after the end, from the first line again (podcast.play without a line resumes where it stopped)
    if (c.running) c.playPodcast(c.snapshot().podcast.ended ? 0 : undefined);
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
          <option value={PODCAST}>Interactive podcast</option>
        </select>
        {pipeline === PODCAST && (
          <>
            <label for="podcast-episode">Episode</label>
            <select id="podcast-episode" value={podcastId} onChange={(e) => changePipeline(pipeline, target, e.currentTarget.value)}
              disabled={episodes === null} data-testid="podcast-episode">
              <option value="">Choose a podcast</option>
              {podcastId && !(episodes ?? []).some((j) => j.id === podcastId) && <option value={podcastId}>{names[podcastId] ?? 'This podcast'}</option>}
              {(episodes ?? []).map((j) => (
                <option key={j.id} value={j.id}>{names[j.id] ?? `Podcast of ${new Date(j.created_at).toLocaleDateString()}`}</option>
              ))}
            </select>
          </>
        )}
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

      {pipeline === PODCAST && (
        <section class="card podcast-now" aria-labelledby="podcast-now-title" data-testid="podcast-now">
          <div class="row wrap">
            <h2 id="podcast-now-title">Listen and ask</h2>
            <span class="spacer" />
            <button type="button" class="btn primary small" onClick={play} disabled={!podcastId || s.state === 'connecting' || s.state === 'speaking'} data-testid="podcast-play">
              <Icon name="play" /> {s.podcast.ended ? 'Play again' : s.podcast.current ? 'Resume' : 'Play'}
            </button>
            {active && (
              <button type="button" class="btn small" onClick={() => client.current!.cancelReply()} disabled={s.state !== 'speaking'} data-testid="podcast-pause">
                Pause
              </button>
            )}
          </div>
          <p class="muted small">Ask the hosts a question at any moment by speaking: the episode stops, they answer from its sources, then it plays on.</p>
          <div aria-live="polite" data-testid="podcast-line">
            {s.podcast.current ? (
              <>
                <p class="small muted" data-testid="podcast-section">{s.podcast.current.sectionTitle}</p>
                <p class="podcast-text"><strong data-testid="podcast-speaker">{s.podcast.current.speaker}:</strong> <span data-testid="podcast-text">{s.podcast.current.text}</span></p>
              </>
            ) : !s.podcast.ended && <p class="muted">{podcastId ? 'Press Play to start the episode.' : 'Choose a podcast to listen to.'}</p>}
            {s.podcast.ended && <p class="muted" data-testid="podcast-ended">The episode has ended.</p>}
          </div>
        </section>
      )}

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
