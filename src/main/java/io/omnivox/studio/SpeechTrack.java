package io.omnivox.studio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.omnivox.audio.WavCodec;
import io.omnivox.audio.WavWriter;

/**
 * Spoken lines laid on one timeline as a 16-bit mono WAV: each segment at its own start sample, silence between them,
 * and lines that overlap added together (a reaction over the end of the line before it is mixed in, never cut). Only
 * the part still to be overlapped is held in memory, so an hour-long episode streams to disk.
 */
final class SpeechTrack {

    private static final int SILENCE_BLOCK = 1 << 14;

    private SpeechTrack() {
    }

    /**
     * Writes {@code segments} (WAVs at {@code sampleRate}) starting at {@code startSamples} (in order, never going
     * backwards) to {@code target}, followed by {@code trailingSamples} of silence; returns its length in samples.
     */
    static long write(List<Path> segments, List<Long> startSamples, int sampleRate, long trailingSamples,
            Path target) {
        long total = 0;
        for (int i = 0; i < segments.size(); i++) {
            total = Math.max(total, startSamples.get(i) + frames(segments.get(i)));
        }
        total += trailingSamples;
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target));
                WavWriter wav = WavCodec.writer(file, sampleRate, 16, total)) {
            long written = 0;
            float[] tail = new float[0]; // mixed samples from 'written' on, not yet written
            for (int i = 0; i < segments.size(); i++) {
                long start = startSamples.get(i);
                float[] audio = samples(segments.get(i));
                int before = (int) Math.min(tail.length, Math.max(0, start - written));
                wav.write(tail, 0, before);
                written += before;
                silence(wav, start - written);
                written = Math.max(written, start);
                int kept = tail.length - before;
                float[] mixed = new float[Math.max(kept, audio.length)];
                System.arraycopy(tail, before, mixed, 0, kept);
                for (int s = 0; s < audio.length; s++) {
                    mixed[s] += audio[s];
                }
                tail = mixed;
            }
            wav.write(tail);
            silence(wav, total - written - tail.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    private static void silence(WavWriter wav, long samples) {
        float[] zeros = new float[SILENCE_BLOCK];
        for (long left = samples; left > 0; left -= SILENCE_BLOCK) {
            wav.write(zeros, 0, (int) Math.min(left, SILENCE_BLOCK));
        }
    }

    /** A segment's length in samples, from its header. */
    static long frames(Path wav) {
        try (InputStream in = Files.newInputStream(wav)) {
            long declared = WavCodec.open(in).declaredFrames();
            return declared >= 0 ? declared : samples(wav).length; // a header that did not say: count them
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] samples(Path wav) {
        try (InputStream in = Files.newInputStream(wav)) {
            return WavCodec.decode(in).samples();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
