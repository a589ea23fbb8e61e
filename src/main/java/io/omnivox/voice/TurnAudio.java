package io.omnivox.voice;

import java.util.Arrays;

/**
 * The input audio a {@link TurnDetector} may still need: from the start of the turn in progress, or, between turns,
 * the last {@code history} samples (the detector reports a start only after the speech has lasted a while). Older
 * audio is dropped when new audio arrives, so a turn's audio can be copied out right after its end is reported.
 * Memory stays bounded by the longest turn plus the history.
 */
final class TurnAudio {

    private final int history;
    private float[] samples = new float[32_000];
    /** Absolute sample index of {@code samples[0]}. */
    private long origin;
    private int size;
    /** Start of the turn in progress; {@code -1} between turns. */
    private long turnStart = -1;

    TurnAudio(int history) {
        this.history = history;
    }

    void add(float[] more) {
        long end = origin + size;
        dropBefore(turnStart >= 0 ? turnStart : end - history);
        if (size + more.length > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + more.length));
        }
        System.arraycopy(more, 0, samples, size, more.length);
        size += more.length;
    }

    /** A turn started at {@code start}: keep its audio until it ends. */
    void turnStarted(long start) {
        turnStart = start;
    }

    /** The turn ended: from the next audio on, only the history is kept. */
    void turnEnded() {
        turnStart = -1;
    }

    /** Audio from {@code start} to {@code end}, clipped to what is kept. */
    float[] copy(long start, long end) {
        long from = Math.max(start, origin);
        long to = Math.min(end, origin + size);
        if (to <= from) {
            return new float[0];
        }
        return Arrays.copyOfRange(samples, (int) (from - origin), (int) (to - origin));
    }

    private void dropBefore(long keep) {
        int drop = (int) Math.max(0, Math.min(size, keep - origin));
        // move only when it frees a good share, so streaming small frames stays cheap
        if (drop > 0 && drop >= size / 2) {
            System.arraycopy(samples, drop, samples, 0, size - drop);
            size -= drop;
            origin += drop;
        }
    }
}
