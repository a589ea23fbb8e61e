/**
 * A voice conversation over /ws/voice (docs/voice-protocol.md): microphone → AudioWorklet → 20 ms PCM16 frames,
 * server events → transcript, reply text and gapless reply audio; barge-in and cancel stop playback at once and
 * report what was heard with conversation.item.truncate.
 */
import micWorkletUrl from '../worklet/mic-worklet.ts?worker&url';
import { base64ToBytes } from './pcm';
import { PcmPlayer } from './player';
import type { Citation } from './api';

export type VoiceState = 'idle' | 'connecting' | 'listening' | 'thinking' | 'speaking' | 'interrupted' | 'error';

export interface FinalTranscript {
  itemId: string;
  text: string;
  language: string | null;
  emotion: string | null;
  events: string[];
}

export interface VoiceSnapshot {
  state: VoiceState;
  partial: string;
  transcripts: FinalTranscript[];
  reply: string;
  replyStatus: string | null;
  citations: Citation[];
  voiceStyle: Record<string, unknown> | null;
  latency: Record<string, number> | null;
  error: string | null;
  receivedMs: number;
  playedMs: number;
  queuedMs: number;
  framesSent: number;
  interruptions: number;
  /** Scheduled-but-unplayed audio right after the last cancel (0 when playback stopped at once). */
  queuedAfterCancelMs: number | null;
  outputSampleRate: number;
  pipeline: string;
  /** The interactive podcast's playback (pipeline interactive-podcast). */
  podcast: PodcastPlayback;
}

/** A line of the podcast that started playing (server event podcast.line). */
export interface PodcastLine {
  responseId: string;
  line: number;
  section: number;
  sectionTitle: string;
  speaker: string;
  text: string;
}

/** Where the interactive podcast is: the line playing (or last played), and whether it was played to its end. */
export interface PodcastPlayback {
  current: PodcastLine | null;
  ended: boolean;
}

export const NO_PODCAST: PodcastPlayback = { current: null, ended: false };

/**
 * The playback after a server event: podcast.line moves to that line (unless its response was cancelled: a line
 * announced just before a barge-in must not show over the hosts' answer), podcast.ended marks the end; other events
 * leave it as it is.
 */
export function podcastPlayback(state: PodcastPlayback, ev: any, cancelled: ReadonlySet<string> = new Set()): PodcastPlayback {
  if (ev?.type === 'podcast.line') {
    if (ev.response_id && cancelled.has(ev.response_id)) return state;
    return {
      ended: false,
      current: {
        responseId: String(ev.response_id ?? ''), line: Number(ev.line ?? 0), section: Number(ev.section ?? 0),
        sectionTitle: String(ev.section_title ?? ''), speaker: String(ev.speaker ?? ''), text: String(ev.text ?? ''),
      },
    };
  }
  if (ev?.type === 'podcast.ended') return { ...state, ended: true };
  return state;
}

export interface VoiceOptions {
  apiKey: string;
  pipeline: string;
  targetLanguage: string;
  voice: string;
  /** For interactive-podcast: the succeeded podcast job to listen to. */
  podcastId?: string;
}

/** The session settings sent with session.update for a pipeline. */
export function sessionSettings(pipeline: string, targetLanguage: string, voice = '', podcastId = ''): Record<string, unknown> {
  const session: Record<string, unknown> = { pipeline };
  if (pipeline === 'speech-translation') session.target_language = targetLanguage || 'en';
  else if (pipeline === 'interactive-podcast') {
    // the hosts speak in the voices the episode gave them: no session voice
    if (podcastId) session.podcast_id = podcastId;
  } else if (voice) session.voice = voice;
  return session;
}

/**
 * The badges worth showing for a final transcript: a detected emotion other than neutral or unknown, and audio
 * events other than plain speech (SenseVoice tags every utterance with its emotion and "Speech").
 */
export function transcriptBadges(emotion: string | null | undefined, events: string[]): string[] {
  const badges: string[] = [];
  const mood = (emotion ?? '').toLowerCase();
  if (mood && !['neutral', 'unknown', 'emo_unknown'].includes(mood)) {
    badges.push(mood);
  }
  for (const event of events) {
    const name = event.toLowerCase();
    if (name && name !== 'speech' && !badges.includes(name)) {
      badges.push(name);
    }
  }
  return badges;
}

export function voiceUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws/voice`;
}

export class VoiceClient {
  private ws: WebSocket | null = null;
  private ctx: AudioContext | null = null;
  private stream: MediaStream | null = null;
  private worklet: AudioWorkletNode | null = null;
  private player: PcmPlayer | null = null;
  analyser: AnalyserNode | null = null;
  private ticker: number | undefined;
  private responseItems = new Map<string, string>();
  private cancelled = new Set<string>();
  private currentResponse: { id: string; itemId: string } | null = null;
  private awaitingReply = false;
  private interruptedUntil = 0;
  private snap: VoiceSnapshot;

  constructor(private readonly onChange: (s: VoiceSnapshot) => void) {
    this.snap = {
      state: 'idle', partial: '', transcripts: [], reply: '', replyStatus: null, citations: [], voiceStyle: null,
      latency: null, error: null, receivedMs: 0, playedMs: 0, queuedMs: 0, framesSent: 0, interruptions: 0, queuedAfterCancelMs: null,
      outputSampleRate: 24000, pipeline: 'voice-chat', podcast: NO_PODCAST,
    };
  }

  snapshot(): VoiceSnapshot {
    return this.snap;
  }

  private update(patch: Partial<VoiceSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    this.onChange(this.snap);
  }

  get running(): boolean {
    return this.ws !== null;
  }

  async start(options: VoiceOptions): Promise<void> {
    if (this.ws) return;
    this.update({ state: 'connecting', error: null, pipeline: options.pipeline });
    try {
      const ctx = new AudioContext({ latencyHint: 'interactive' });
      this.ctx = ctx;
      await ctx.resume();
      this.player = new PcmPlayer(ctx, this.snap.outputSampleRate);
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
      });
      await ctx.audioWorklet.addModule(micWorkletUrl);
      const source = ctx.createMediaStreamSource(this.stream);
      this.analyser = ctx.createAnalyser();
      this.analyser.fftSize = 1024;
      source.connect(this.analyser);
      this.worklet = new AudioWorkletNode(ctx, 'omnivox-mic', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1 });
      source.connect(this.worklet);
      const mute = ctx.createGain();
      mute.gain.value = 0;
      this.worklet.connect(mute).connect(ctx.destination); // keeps the worklet pulled by the graph
      this.worklet.port.onmessage = (e: MessageEvent<ArrayBuffer>) => this.sendFrame(e.data);
      await this.connect(options);
      this.ticker = window.setInterval(() => this.tick(), 100);
    } catch (e) {
      this.fail(e instanceof DOMException && e.name === 'NotAllowedError'
        ? 'Microphone access was refused. Allow it in the browser to talk.'
        : (e as Error).message || String(e));
      this.stop(false);
    }
  }

  private connect(options: VoiceOptions): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(voiceUrl(window.location), ['omnivox', `omnivox-key.${options.apiKey}`]);
      ws.binaryType = 'arraybuffer';
      this.ws = ws;
      let opened = false;
      ws.onopen = () => {
        opened = true;
        const session = sessionSettings(options.pipeline, options.targetLanguage, options.voice, options.podcastId);
        this.send({ type: 'session.update', session });
        this.update({ state: 'listening' });
        resolve();
      };
      ws.onerror = () => {
        if (!opened) reject(new Error('The voice connection failed. Check the API key in Settings and that the server is running.'));
      };
      ws.onclose = (e) => {
        if (this.ws !== ws) return;
        const reason = e.code === 1013 ? `The server is busy (${e.reason || 'too many voice sessions'}); try again later.`
          : e.code === 1001 ? 'The voice session ended after being idle.'
          : e.code !== 1000 ? `The voice connection closed (${e.code}${e.reason ? `: ${e.reason}` : ''}).` : null;
        if (!opened) reject(new Error(reason ?? 'The voice connection closed.'));
        this.stop(false);
        if (reason) this.fail(reason);
      };
      ws.onmessage = (e) => {
        if (typeof e.data === 'string') this.onEvent(e.data);
        else this.onBinary(e.data as ArrayBuffer);
      };
    });
  }

  private send(event: Record<string, unknown>): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(event));
  }

  private sendFrame(frame: ArrayBuffer): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(frame);
      this.snap.framesSent++;
    }
  }

  /** Changes the pipeline while talking. */
  setPipeline(pipeline: string, targetLanguage: string, podcastId = ''): void {
    this.send({ type: 'session.update', session: sessionSettings(pipeline, targetLanguage, '', podcastId) });
    this.update({ pipeline, podcast: NO_PODCAST });
  }

  /** Plays the session's podcast from `line`, or from where it stopped. */
  playPodcast(line?: number): void {
    this.send(line === undefined ? { type: 'podcast.play' } : { type: 'podcast.play', line });
    this.awaitingReply = true;
    if (line !== undefined || this.snap.podcast.ended) this.update({ podcast: NO_PODCAST });
  }

  /** Ends the user's turn now (push-to-talk style). */
  commit(): void {
    this.send({ type: 'input_audio_buffer.commit' });
  }

  /** Asks the server to stop the reply; playback stops when response.cancelled arrives. */
  cancelReply(): void {
    this.send({ type: 'response.cancel' });
  }

  private onEvent(text: string): void {
    let ev: any;
    try {
      ev = JSON.parse(text);
    } catch {
      return;
    }
    switch (ev.type) {
      case 'session.created':
      case 'session.updated': {
        const rate = Number(ev.session?.output_sample_rate);
        if (rate > 0 && this.player) this.player.sampleRate = rate;
        this.update({ outputSampleRate: rate > 0 ? rate : this.snap.outputSampleRate, pipeline: ev.session?.pipeline ?? this.snap.pipeline });
        break;
      }
      case 'input_audio_buffer.speech_started':
        if (this.snap.state === 'listening') this.update({ partial: '' });
        break;
      case 'input_audio_buffer.speech_stopped':
        this.awaitingReply = true;
        break;
      case 'conversation.item.input_audio_transcription.delta':
        this.update({ partial: ev.text ?? this.snap.partial + (ev.delta ?? '') });
        break;
      case 'conversation.item.input_audio_transcription.completed':
        this.awaitingReply = true;
        this.update({
          partial: '',
          transcripts: [...this.snap.transcripts, {
            itemId: ev.item_id, text: ev.transcript ?? '', language: ev.language ?? null, emotion: ev.emotion ?? null,
            events: Array.isArray(ev.events) ? ev.events : [],
          }].slice(-20),
        });
        break;
      case 'response.created':
        this.currentResponse = { id: ev.response?.id, itemId: ev.response?.item_id };
        if (ev.response?.id) this.responseItems.set(ev.response.id, ev.response.item_id);
        this.awaitingReply = true;
        this.update({ reply: '', replyStatus: 'in_progress', citations: [], voiceStyle: null, latency: null });
        break;
      case 'response.text.delta':
        if (!this.cancelled.has(ev.response_id)) this.update({ reply: this.snap.reply + (ev.delta ?? '') });
        break;
      case 'response.audio.delta':
        if (this.cancelled.has(ev.response_id) || !this.player || !ev.delta) break;
        if (ev.response_id && ev.item_id) this.responseItems.set(ev.response_id, ev.item_id);
        this.player.enqueue(ev.item_id ?? this.currentResponse?.itemId ?? '', base64ToBytes(ev.delta));
        this.interruptedUntil = 0;
        break;
      case 'response.audio.done':
        break;
      case 'response.done': {
        const r = ev.response ?? {};
        this.awaitingReply = false;
        this.update({
          reply: r.output_text ?? this.snap.reply, replyStatus: r.status ?? 'completed',
          citations: Array.isArray(r.citations) ? r.citations : [], voiceStyle: r.voice_style ?? null, latency: r.latency ?? null,
        });
        break;
      }
      case 'response.cancelled':
        this.onCancelled(ev.response_id, ev.reason);
        break;
      case 'podcast.line':
      case 'podcast.ended':
        this.update({ podcast: podcastPlayback(this.snap.podcast, ev, this.cancelled) });
        if (ev.type === 'podcast.ended') this.awaitingReply = false;
        break;
      case 'error':
        this.update({ error: ev.error?.message ?? 'The voice session reported an error.' });
        if (ev.error?.code === 'response_failed' || ev.error?.code === 'engine_unavailable') this.awaitingReply = false;
        break;
      default:
        break;
    }
  }

  /** Binary transport: 'OVXA', response number (u32 BE), start ms (u64 BE), then PCM16. */
  private onBinary(data: ArrayBuffer): void {
    if (!this.player || data.byteLength < 16) return;
    const head = new Uint8Array(data, 0, 4);
    if (String.fromCharCode(...head) !== 'OVXA') return;
    const itemId = this.currentResponse?.itemId ?? '';
    if (this.currentResponse && this.cancelled.has(this.currentResponse.id)) return;
    this.player.enqueue(itemId, new Uint8Array(data, 16));
  }

  private onCancelled(responseId: string, reason: string): void {
    if (responseId) this.cancelled.add(responseId);
    const itemId = (responseId && this.responseItems.get(responseId)) || this.currentResponse?.itemId || '';
    const heard = this.player ? this.player.stopAll(itemId) : 0;
    this.send({ type: 'conversation.item.truncate', item_id: itemId, audio_end_ms: Math.max(0, Math.round(heard)) });
    this.awaitingReply = false;
    this.interruptedUntil = performance.now() + 2500;
    this.update({
      state: 'interrupted', replyStatus: `cancelled (${reason ?? 'client'})`, interruptions: this.snap.interruptions + 1,
      queuedAfterCancelMs: this.player ? this.player.queuedMs() : 0, queuedMs: this.player ? this.player.queuedMs() : 0,
    });
    this.tick();
  }

  private tick(): void {
    const p = this.player;
    if (!p || !this.ws) return;
    let state: VoiceState;
    if (p.isPlaying()) state = 'speaking';
    else if (this.interruptedUntil > performance.now()) state = 'interrupted';
    else if (this.awaitingReply) state = 'thinking';
    else state = 'listening';
    const patch: Partial<VoiceSnapshot> = { receivedMs: Math.round(p.receivedMs), playedMs: p.playedMs(), queuedMs: p.queuedMs() };
    if (state !== this.snap.state) patch.state = state;
    this.update(patch);
  }

  private fail(message: string): void {
    this.update({ state: 'error', error: message });
  }

  stop(normal = true): void {
    window.clearInterval(this.ticker);
    this.ticker = undefined;
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'bye');
    this.player?.stopAll();
    this.worklet?.port.postMessage('stop');
    this.worklet?.disconnect();
    this.worklet = null;
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
    this.ctx?.close().catch(() => undefined);
    this.ctx = null;
    this.analyser = null;
    const patch: Partial<VoiceSnapshot> = { partial: '', queuedMs: 0 };
    if (this.player) patch.playedMs = this.player.playedMs();
    this.player = null;
    if (normal) patch.state = 'idle';
    this.update(patch);
  }
}
