package io.omnivox.audio;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes mono WAV to a stream as samples arrive (for example text-to-speech as it is synthesised): 16-bit PCM or
 * 32-bit IEEE float. When the length is unknown up front the RIFF and data sizes are written as {@code 0xFFFFFFFF},
 * the streaming convention that browsers, ffmpeg and {@link WavReader} read as "until end of stream". Not
 * thread-safe; {@link #close} closes the underlying stream.
 */
public final class WavWriter implements Closeable {

    private static final long MAX_DATA_BYTES = 0xFFFFFFFFL - 64;

    private final OutputStream out;
    private final int bitsPerSample;
    private final long totalSamples;
    private final byte[] buffer = new byte[16384];
    private long written;
    private boolean closed;

    /**
     * Writes the header immediately.
     *
     * @param bitsPerSample 16 (PCM, samples clipped to [-1, 1]) or 32 (IEEE float, lossless)
     * @param totalSamples  the exact number of samples that will follow, or -1 if unknown
     */
    public WavWriter(OutputStream out, int sampleRate, int bitsPerSample, long totalSamples) {
        if (bitsPerSample != 16 && bitsPerSample != 32) {
            throw new IllegalArgumentException("bitsPerSample must be 16 (PCM) or 32 (float), got " + bitsPerSample);
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (totalSamples < -1 || totalSamples * (bitsPerSample / 8) > MAX_DATA_BYTES) {
            throw new IllegalArgumentException("a WAV file holds at most 4 GB; " + totalSamples + " samples is "
                    + (totalSamples < 0 ? "invalid" : "too many"));
        }
        this.out = out;
        this.bitsPerSample = bitsPerSample;
        this.totalSamples = totalSamples;
        try {
            out.write(header(sampleRate, bitsPerSample, totalSamples));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(float[] samples) {
        write(samples, 0, samples.length);
    }

    public void write(float[] samples, int offset, int length) {
        if (closed) {
            throw new IllegalStateException("the WAV writer is closed");
        }
        if (totalSamples >= 0 && written + length > totalSamples) {
            throw new IllegalStateException("the header promised " + totalSamples + " samples; writing "
                    + (written + length) + " would corrupt the file");
        }
        int bytesPerSample = bitsPerSample / 8;
        int perBlock = buffer.length / bytesPerSample;
        try {
            for (int start = 0; start < length; start += perBlock) {
                int n = Math.min(perBlock, length - start);
                for (int i = 0; i < n; i++) {
                    float x = samples[offset + start + i];
                    if (bitsPerSample == 16) {
                        putLe(buffer, i * 2, pcm16(x), 2);
                    } else {
                        putLe(buffer, i * 4, Float.floatToRawIntBits(x), 4);
                    }
                }
                out.write(buffer, 0, n * bytesPerSample);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written += length;
    }

    /** Flushes and closes the stream; fails if fewer samples were written than the header promised. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (totalSamples >= 0 && written != totalSamples) {
            throw new IllegalStateException("the header promised " + totalSamples + " samples but " + written
                    + " were written");
        }
    }

    /** The 16-bit code for {@code x}: the inverse of {@link WavReader}'s {@code code / 32768}, clipped. */
    static int pcm16(float x) {
        return (int) Math.max(-32768, Math.min(32767, Math.round(x * 32768.0)));
    }

    private static byte[] header(int sampleRate, int bits, long totalSamples) {
        boolean pcm = bits == 16;
        int fmtSize = pcm ? 16 : 18; // non-PCM formats carry cbSize and a fact chunk
        int headerSize = 12 + 8 + fmtSize + (pcm ? 0 : 12) + 8;
        long dataBytes = totalSamples < 0 ? 0xFFFFFFFFL : totalSamples * (bits / 8);
        long riffSize = totalSamples < 0 ? 0xFFFFFFFFL : headerSize - 8 + dataBytes;
        byte[] h = new byte[headerSize];
        int p = ascii(h, 0, "RIFF");
        p = putLe(h, p, (int) riffSize, 4);
        p = ascii(h, p, "WAVE");
        p = ascii(h, p, "fmt ");
        p = putLe(h, p, fmtSize, 4);
        p = putLe(h, p, pcm ? 1 : 3, 2);
        p = putLe(h, p, 1, 2);
        p = putLe(h, p, sampleRate, 4);
        p = putLe(h, p, sampleRate * (bits / 8), 4);
        p = putLe(h, p, bits / 8, 2);
        p = putLe(h, p, bits, 2);
        if (!pcm) {
            p = putLe(h, p, 0, 2);
            p = ascii(h, p, "fact");
            p = putLe(h, p, 4, 4);
            p = putLe(h, p, (int) (totalSamples < 0 ? 0xFFFFFFFFL : totalSamples), 4);
        }
        p = ascii(h, p, "data");
        putLe(h, p, (int) dataBytes, 4);
        return h;
    }

    private static int ascii(byte[] b, int p, String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(a, 0, b, p, a.length);
        return p + a.length;
    }

    private static int putLe(byte[] b, int p, int v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b[p + i] = (byte) (v >> (8 * i));
        }
        return p + bytes;
    }
}
