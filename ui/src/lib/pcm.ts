/** Pure audio helpers: float ↔ PCM16, streaming resampling, 20 ms framing, base64. No browser APIs. */

/** Float samples in [-1, 1] to signed 16-bit; out-of-range values are clipped. */
export function floatToPcm16(input: Float32Array): Int16Array {
  const out = new Int16Array(input.length);
  for (let i = 0; i < input.length; i++) {
    let s = input[i];
    if (!(s === s)) s = 0; // NaN
    s = s < -1 ? -1 : s > 1 ? 1 : s;
    out[i] = s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff);
  }
  return out;
}

/** PCM16 little-endian bytes to float samples in [-1, 1); a trailing odd byte is ignored. */
export function pcm16BytesToFloat(bytes: Uint8Array): Float32Array {
  const n = bytes.length >> 1;
  const out = new Float32Array(n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, n * 2);
  for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true) / 0x8000;
  return out;
}

/** Signed 16-bit samples to little-endian bytes (whatever the platform's byte order). */
export function pcm16ToBytes(samples: Int16Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, samples[i], true);
  return out;
}

/**
 * Resamples a stream of mono float blocks by linear interpolation, keeping its position between blocks so the
 * output is continuous. When downsampling, a short moving average over the input (about one output period) runs
 * first to reduce aliasing.
 */
export class StreamResampler {
  readonly ratio: number; // input samples per output sample
  private pos = 0; // position of the next output sample, in input samples, relative to `prev`'s index 0
  private prev: Float32Array = new Float32Array(0); // input kept from earlier blocks (at most 1 sample)
  private readonly taps: number;
  private history: number[] = [];
  private sum = 0;

  constructor(readonly inRate: number, readonly outRate: number) {
    if (!(inRate > 0) || !(outRate > 0)) throw new Error('sample rates must be positive');
    this.ratio = inRate / outRate;
    this.taps = this.ratio > 1 ? Math.max(1, Math.floor(this.ratio)) : 1;
  }

  process(block: Float32Array): Float32Array {
    if (this.inRate === this.outRate) return block.slice();
    const input = this.smooth(block);
    const all = new Float32Array(this.prev.length + input.length);
    all.set(this.prev, 0);
    all.set(input, this.prev.length);
    const out: number[] = [];
    let pos = this.pos;
    // an output sample at `pos` needs all[floor(pos)] and all[floor(pos) + 1]
    while (pos < all.length - 1) {
      const i = Math.floor(pos);
      const frac = pos - i;
      out.push(all[i] + (all[i + 1] - all[i]) * frac);
      pos += this.ratio;
    }
    // keep the last input sample for interpolation across the block boundary
    const keepFrom = Math.max(0, all.length - 1);
    this.prev = all.slice(keepFrom);
    this.pos = pos - keepFrom;
    return Float32Array.from(out);
  }

  private smooth(block: Float32Array): Float32Array {
    if (this.taps <= 1) return block;
    const out = new Float32Array(block.length);
    for (let i = 0; i < block.length; i++) {
      this.history.push(block[i]);
      this.sum += block[i];
      if (this.history.length > this.taps) this.sum -= this.history.shift()!;
      out[i] = this.sum / this.history.length;
    }
    return out;
  }
}

/** Collects samples into fixed-size frames (320 samples = 20 ms at 16 kHz = 640 bytes of PCM16). */
export class FrameChunker {
  private pending: Int16Array;
  private filled = 0;

  constructor(readonly frameSamples = 320) {
    this.pending = new Int16Array(frameSamples);
  }

  push(samples: Int16Array): Int16Array[] {
    const frames: Int16Array[] = [];
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(this.frameSamples - this.filled, samples.length - offset);
      this.pending.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.frameSamples) {
        frames.push(this.pending);
        this.pending = new Int16Array(this.frameSamples);
        this.filled = 0;
      }
    }
    return frames;
  }
}

/** The whole capture path of one block: resample to 16 kHz, convert, cut into 20 ms frames. */
export class MicEncoder {
  private readonly resampler: StreamResampler | null;
  private readonly chunker: FrameChunker;

  constructor(inRate: number, readonly outRate = 16000, frameMs = 20) {
    this.resampler = inRate === outRate ? null : new StreamResampler(inRate, outRate);
    this.chunker = new FrameChunker(Math.round((outRate * frameMs) / 1000));
  }

  /** Returns the complete frames as PCM16 little-endian bytes. */
  push(block: Float32Array): Uint8Array[] {
    const samples = this.resampler ? this.resampler.process(block) : block;
    return this.chunker.push(floatToPcm16(samples)).map(pcm16ToBytes);
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_LOOKUP = (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) t[B64.charCodeAt(i)] = i;
  t['-'.charCodeAt(0)] = 62; // base64url too
  t['_'.charCodeAt(0)] = 63;
  return t;
})();

/** Base64 (standard or URL alphabet, padding optional, whitespace ignored) to bytes. */
export function base64ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61) break; // '='
    const v = code < 128 ? B64_LOOKUP[code] : -1;
    if (v < 0) {
      if (code === 32 || code === 10 || code === 13 || code === 9) continue;
      throw new Error('invalid base64');
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.slice(0, n);
}

/** Milliseconds of PCM16 mono audio in `bytes` bytes at `rate` Hz. */
export function pcm16Ms(bytes: number, rate: number): number {
  return ((bytes / 2) * 1000) / rate;
}
