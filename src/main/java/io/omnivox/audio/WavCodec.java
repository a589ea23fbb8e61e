package io.omnivox.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Pure-Java WAV decoding and encoding: the common case needs no ffmpeg process. Decoding is described in
 * {@link WavReader}, streaming encoding in {@link WavWriter}; these are the one-call conveniences.
 */
public final class WavCodec {

    private WavCodec() {
    }

    /** Decodes a whole WAV file to mono at its own sample rate. */
    public static AudioClip decode(byte[] wav) {
        return decode(new ByteArrayInputStream(wav));
    }

    /**
     * Decodes a whole WAV stream to mono at its own sample rate. Unbounded: untrusted input goes through
     * {@link AudioDecoder} with {@link DecodeLimits}.
     *
     * @throws AudioFormatException as {@link WavReader#open} does, and EMPTY when the data chunk holds no samples
     */
    public static AudioClip decode(InputStream in) {
        AudioClip clip = WavReader.open(in).readAll();
        if (clip.samples().length == 0) {
            throw noSamples();
        }
        return clip;
    }

    /** Starts streaming a WAV file: the header is parsed, the samples are read on demand. */
    public static WavReader open(InputStream in) {
        return WavReader.open(in);
    }

    /** Encodes {@code clip} as a mono WAV file: {@code bitsPerSample} 16 (PCM) or 32 (IEEE float). */
    public static byte[] encode(AudioClip clip, int bitsPerSample) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + clip.samples().length * (bitsPerSample / 8));
        write(clip, bitsPerSample, out);
        return out.toByteArray();
    }

    /** Writes {@code clip} as a mono WAV file to {@code out}, then closes it. */
    public static void write(AudioClip clip, int bitsPerSample, OutputStream out) {
        try (WavWriter writer = writer(out, clip.sampleRate(), bitsPerSample, clip.samples().length)) {
            writer.write(clip.samples());
        }
    }

    /**
     * A streaming writer.
     *
     * @param totalSamples the exact number of samples to come, or -1 if unknown (sizes become 0xFFFFFFFF)
     */
    public static WavWriter writer(OutputStream out, int sampleRate, int bitsPerSample, long totalSamples) {
        return new WavWriter(out, sampleRate, bitsPerSample, totalSamples);
    }

    static AudioFormatException noSamples() {
        return new AudioFormatException(AudioFormatException.Problem.EMPTY, "The audio contains no samples.");
    }
}
