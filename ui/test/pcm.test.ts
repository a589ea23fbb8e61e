import { describe, expect, it } from 'vitest';
import {
  FrameChunker, MicEncoder, StreamResampler, base64ToBytes, floatToPcm16, pcm16BytesToFloat, pcm16Ms, pcm16ToBytes,
} from '../src/lib/pcm';

describe('PCM16 conversion', () => {
  it('scales and clips floats', () => {
    expect(Array.from(floatToPcm16(Float32Array.from([0, 1, -1, 0.5, 2, -2, NaN])))).toEqual([0, 32767, -32768, 16384, 32767, -32768, 0]);
  });

  it('writes little-endian bytes and reads them back', () => {
    const bytes = pcm16ToBytes(Int16Array.from([1, -2, 0x1234]));
    expect(Array.from(bytes)).toEqual([1, 0, 0xfe, 0xff, 0x34, 0x12]);
    const floats = pcm16BytesToFloat(bytes);
    expect(floats[0]).toBeCloseTo(1 / 32768);
    expect(floats[1]).toBeCloseTo(-2 / 32768);
  });

  it('ignores a trailing odd byte and honours the view offset', () => {
    const buf = new Uint8Array([9, 0x00, 0x40, 7]);
    expect(Array.from(pcm16BytesToFloat(buf.subarray(1)))).toEqual([0.5]);
  });

  it('computes durations', () => {
    expect(pcm16Ms(640, 16000)).toBe(20);
    expect(pcm16Ms(48000, 24000)).toBe(1000);
  });
});

describe('StreamResampler', () => {
  it('downsamples 48 kHz to 16 kHz with the right length over many blocks', () => {
    const r = new StreamResampler(48000, 16000);
    let total = 0;
    for (let i = 0; i < 375; i++) total += r.process(new Float32Array(128)).length; // 1 s in 128-frame blocks
    expect(Math.abs(total - 16000)).toBeLessThanOrEqual(1);
  });

  it('handles a non-integer ratio (44.1 kHz) continuously', () => {
    const r = new StreamResampler(44100, 16000);
    let total = 0;
    for (let i = 0; i < 441; i++) total += r.process(new Float32Array(100).fill(0.25)).length;
    expect(Math.abs(total - 16000)).toBeLessThanOrEqual(1);
  });

  it('keeps a low tone intact across block boundaries', () => {
    const inRate = 48000;
    const r = new StreamResampler(inRate, 16000);
    const f = 200;
    const out: number[] = [];
    let n = 0;
    for (let b = 0; b < 100; b++) {
      const block = new Float32Array(128);
      for (let i = 0; i < 128; i++, n++) block[i] = Math.sin((2 * Math.PI * f * n) / inRate);
      out.push(...r.process(block));
    }
    // compare with the ideal 16 kHz sine after the filter has settled; the moving average delays by one input sample
    let maxErr = 0;
    for (let k = 100; k < out.length; k++) {
      const ideal = Math.sin((2 * Math.PI * f * (k * 3 - 1)) / inRate);
      maxErr = Math.max(maxErr, Math.abs(out[k] - ideal));
    }
    expect(maxErr).toBeLessThan(0.02);
  });

  it('upsamples by interpolation', () => {
    const r = new StreamResampler(8000, 16000);
    const out = Array.from(r.process(Float32Array.from([0, 1, 0])));
    expect(out).toEqual([0, 0.5, 1, 0.5]);
    expect(Array.from(r.process(Float32Array.from([1])))).toEqual([0, 0.5]);
  });

  it('passes equal rates through', () => {
    const r = new StreamResampler(16000, 16000);
    expect(Array.from(r.process(Float32Array.from([0.1, 0.2])))).toEqual([Math.fround(0.1), Math.fround(0.2)]);
  });
});

describe('framing', () => {
  it('cuts samples into 320-sample frames', () => {
    const c = new FrameChunker(320);
    expect(c.push(new Int16Array(300))).toHaveLength(0);
    const frames = c.push(Int16Array.from({ length: 700 }, (_, i) => i));
    expect(frames).toHaveLength(3);
    expect(frames[0][300]).toBe(0);
    expect(frames[1][0]).toBe(20);
  });

  it('MicEncoder makes 640-byte frames of 16 kHz audio from 48 kHz blocks', () => {
    const enc = new MicEncoder(48000);
    const frames: Uint8Array[] = [];
    for (let i = 0; i < 375; i++) frames.push(...enc.push(new Float32Array(128).fill(0.5)));
    expect(frames.length).toBe(50); // 1 s of input = 16 000 samples = 50 frames
    expect(frames.every((f) => f.byteLength === 640)).toBe(true);
    const view = new DataView(frames[10].buffer);
    expect(view.getInt16(100, true)).toBe(16384);
  });
});

describe('base64', () => {
  it('decodes standard and URL alphabets with or without padding', () => {
    expect(Array.from(base64ToBytes('AQID'))).toEqual([1, 2, 3]);
    expect(Array.from(base64ToBytes('AQI='))).toEqual([1, 2]);
    expect(Array.from(base64ToBytes('AQ'))).toEqual([1]);
    expect(Array.from(base64ToBytes('-_8='))).toEqual([0xfb, 0xff]);
    expect(Array.from(base64ToBytes('+/8='))).toEqual([0xfb, 0xff]);
  });

  it('matches btoa for arbitrary data', () => {
    const data = Uint8Array.from({ length: 1001 }, (_, i) => (i * 73 + 11) & 0xff);
    expect(Array.from(base64ToBytes(btoa(String.fromCharCode(...data))))).toEqual(Array.from(data));
  });

  it('rejects invalid characters', () => {
    expect(() => base64ToBytes('AQ!D')).toThrow();
  });
});
