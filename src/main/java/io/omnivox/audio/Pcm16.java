package io.omnivox.audio;

/**
 * Headerless 16-bit signed little-endian PCM, the wire format of raw audio: samples in [-1, 1] to bytes and back,
 * with the same mapping as {@link WavReader} and {@link WavWriter} ({@code code / 32768}, clipped).
 */
public final class Pcm16 {

    private Pcm16() {
    }

    public static byte[] encode(float[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int v = WavWriter.pcm16(samples[i]);
            out[2 * i] = (byte) v;
            out[2 * i + 1] = (byte) (v >> 8);
        }
        return out;
    }

    /** The samples of {@code bytes}; a trailing odd byte is ignored. */
    public static float[] decode(byte[] bytes) {
        float[] samples = new float[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8)) / 32768f;
        }
        return samples;
    }
}
