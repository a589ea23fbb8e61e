/**
 * Gapless playback of PCM16 reply chunks: each chunk becomes an AudioBufferSourceNode started exactly where the
 * previous one ends. Keeps the counts the voice page shows (received, played, scheduled-but-unplayed) and can stop
 * everything at once, telling how much of a reply was actually heard.
 */
import { pcm16BytesToFloat } from './pcm';

interface Scheduled {
  source: AudioBufferSourceNode;
  itemId: string;
  start: number; // context time
  end: number;
}

/** Small lead so the first chunk is not started in the past. */
const LEAD_S = 0.05;

export class PcmPlayer {
  private scheduled: Scheduled[] = [];
  private nextTime = 0;
  private readonly output: GainNode;
  /** Per reply item: seconds of audio that finished playing (chunks already ended). */
  private playedDone = new Map<string, number>();
  receivedMs = 0;

  constructor(readonly ctx: AudioContext, public sampleRate: number) {
    this.output = ctx.createGain();
    this.output.connect(ctx.destination);
  }

  /** Queues a chunk of PCM16 little-endian mono bytes for the reply `itemId`. */
  enqueue(itemId: string, bytes: Uint8Array): void {
    const samples = pcm16BytesToFloat(bytes);
    if (samples.length === 0) return;
    const buffer = this.ctx.createBuffer(1, samples.length, this.sampleRate);
    buffer.getChannelData(0).set(samples);
    const source = this.ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(this.output);
    const now = this.ctx.currentTime;
    const start = Math.max(this.nextTime, now + LEAD_S);
    source.start(start);
    const entry: Scheduled = { source, itemId, start, end: start + buffer.duration };
    this.nextTime = entry.end;
    this.scheduled.push(entry);
    this.receivedMs += buffer.duration * 1000;
    source.onended = () => {
      const i = this.scheduled.indexOf(entry);
      if (i >= 0) {
        this.scheduled.splice(i, 1);
        this.playedDone.set(itemId, (this.playedDone.get(itemId) ?? 0) + (entry.end - entry.start));
      }
    };
  }

  /** Milliseconds of `itemId`'s audio heard so far. */
  playedMs(itemId?: string): number {
    const now = this.ctx.currentTime;
    let seconds = 0;
    for (const [id, s] of this.playedDone) if (itemId === undefined || id === itemId) seconds += s;
    for (const e of this.scheduled) {
      if (itemId !== undefined && e.itemId !== itemId) continue;
      seconds += Math.min(Math.max(now - e.start, 0), e.end - e.start);
    }
    return Math.round(seconds * 1000);
  }

  /** Milliseconds scheduled but not yet played. */
  queuedMs(): number {
    const now = this.ctx.currentTime;
    let seconds = 0;
    for (const e of this.scheduled) seconds += e.end - Math.max(e.start, Math.min(now, e.end));
    return Math.round(seconds * 1000);
  }

  isPlaying(): boolean {
    return this.scheduled.some((e) => e.end > this.ctx.currentTime);
  }

  /** Stops every source now, drops the queue and returns how much of `itemId` was heard (ms). */
  stopAll(itemId?: string): number {
    const heard = this.playedMs(itemId);
    const now = this.ctx.currentTime;
    for (const e of this.scheduled) {
      e.source.onended = null;
      try {
        e.source.stop(0);
      } catch {
        /* not started yet in some engines */
      }
      e.source.disconnect();
      const played = Math.min(Math.max(now - e.start, 0), e.end - e.start);
      this.playedDone.set(e.itemId, (this.playedDone.get(e.itemId) ?? 0) + played);
    }
    this.scheduled = [];
    this.nextTime = 0;
    return heard;
  }
}
