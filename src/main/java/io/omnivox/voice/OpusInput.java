package io.omnivox.voice;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Decodes the client's Opus packets ({@code input_audio_format: "opus"}, one packet per binary frame) straight to
 * 16 kHz mono: Opus decodes at any of its rates whatever rate it was encoded at, so no resampling is needed.
 * Not thread-safe (decoder state carries from packet to packet): one per session, used from its thread.
 */
final class OpusInput {

    /** The longest Opus packet lasts 120 ms. */
    private static final int MAX_SAMPLES = SessionSettings.INPUT_SAMPLE_RATE * 120 / 1000;

    private final OpusDecoder decoder;
    private final short[] pcm = new short[MAX_SAMPLES];

    OpusInput() {
        try {
            decoder = new OpusDecoder(SessionSettings.INPUT_SAMPLE_RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus decoder unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * The samples of one packet, in [-1, 1].
     *
     * @throws VoiceProtocolException {@code invalid_audio} for a packet that is not Opus
     */
    float[] decode(byte[] packet) {
        int count;
        try {
            count = decoder.decode(packet, 0, packet.length, pcm, 0, MAX_SAMPLES, false);
        } catch (OpusException | RuntimeException e) {
            throw new VoiceProtocolException("invalid_audio", "The frame is not a valid Opus packet: " + e.getMessage());
        }
        float[] samples = new float[count];
        for (int i = 0; i < count; i++) {
            samples[i] = pcm[i] / 32768f;
        }
        return samples;
    }
}
