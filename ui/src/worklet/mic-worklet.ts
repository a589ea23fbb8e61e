/// <reference lib="es2022" />
/**
 * AudioWorklet: microphone blocks (128 frames at the context's rate) → 16 kHz mono PCM16, posted to the page as
 * 20 ms frames of 640 bytes. Resampling happens here when the context does not run at 16 kHz.
 */
import { MicEncoder } from '../lib/pcm';

declare const sampleRate: number;
declare function registerProcessor(name: string, processor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor();
}

class MicProcessor extends AudioWorkletProcessor {
  private readonly encoder = new MicEncoder(sampleRate, 16000, 20);
  private running = true;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent) => {
      if (event.data === 'stop') this.running = false;
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    if (channels && channels.length > 0 && channels[0].length > 0) {
      let mono = channels[0];
      if (channels.length > 1) {
        mono = new Float32Array(channels[0].length);
        for (const ch of channels) for (let i = 0; i < mono.length; i++) mono[i] += ch[i] / channels.length;
      }
      for (const frame of this.encoder.push(mono)) {
        const buffer = frame.buffer as ArrayBuffer;
        this.port.postMessage(buffer, [buffer]);
      }
    }
    return this.running;
  }
}

registerProcessor('omnivox-mic', MicProcessor);
