package io.omnivox.audio.vad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A {@link VadStream} that cuts the audio into fixed windows, scores each with a {@link WindowScorer} and feeds the
 * scores to a {@link SpeechSegmenter}. The last, partial window is zero-padded when the stream is finished, as in
 * Silero's reference. Not thread-safe.
 */
final class WindowedVadStream implements VadStream {

    /** Speech probability of one window; keeps whatever state it needs across windows. Not thread-safe. */
    interface WindowScorer extends AutoCloseable {

        /** The probability in [0, 1] that {@code window} (read-only, reused by the caller) is speech. */
        float score(float[] window);

        @Override
        default void close() {
        }
    }

    private final WindowScorer scorer;
    private final SpeechSegmenter segmenter;
    private final float[] window;
    private int filled;
    private long position;
    private boolean finished;
    private boolean closed;

    WindowedVadStream(WindowScorer scorer, VadOptions options, int windowSamples) {
        this.scorer = scorer;
        this.segmenter = new SpeechSegmenter(options, windowSamples, VoiceActivityDetector.SAMPLE_RATE);
        this.window = new float[windowSamples];
    }

    @Override
    public List<VadEvent> accept(float[] samples, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, samples.length);
        requireOpen();
        List<VadEvent> events = new ArrayList<>(0);
        int end = offset + length;
        for (int i = offset; i < end;) {
            int n = Math.min(window.length - filled, end - i);
            System.arraycopy(samples, i, window, filled, n);
            filled += n;
            i += n;
            if (filled == window.length) {
                segmenter.accept(scorer.score(window), events);
                filled = 0;
            }
        }
        position += length;
        return List.copyOf(events);
    }

    @Override
    public List<VadEvent> finish() {
        requireOpen();
        finished = true;
        OptionalDouble tail = OptionalDouble.empty();
        if (filled > 0) {
            Arrays.fill(window, filled, window.length, 0f);
            tail = OptionalDouble.of(scorer.score(window));
            filled = 0;
        }
        List<VadEvent> events = new ArrayList<>(2);
        segmenter.finish(position, tail, events);
        return List.copyOf(events);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public boolean inSpeech() {
        return segmenter.inSpeech();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            scorer.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the VAD stream is closed");
        }
        if (finished) {
            throw new IllegalStateException("the VAD stream is finished; open a new one");
        }
    }
}
