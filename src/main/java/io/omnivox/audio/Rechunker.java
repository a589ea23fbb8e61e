package io.omnivox.audio;

import java.util.function.Consumer;

/**
 * Re-cuts blocks of any size into chunks of exactly {@code chunkSamples} (the last may be shorter), each a fresh array
 * the consumer may keep.
 */
final class Rechunker {

    private final int chunkSamples;
    private final Consumer<float[]> sink;
    private float[] pending;
    private int used;

    Rechunker(int chunkSamples, Consumer<float[]> sink) {
        if (chunkSamples <= 0) {
            throw new IllegalArgumentException("chunkSamples must be positive, got " + chunkSamples);
        }
        this.chunkSamples = chunkSamples;
        this.sink = sink;
    }

    void accept(float[] samples, int offset, int length) {
        while (length > 0) {
            if (pending == null) {
                pending = new float[chunkSamples];
                used = 0;
            }
            int n = Math.min(length, chunkSamples - used);
            System.arraycopy(samples, offset, pending, used, n);
            used += n;
            offset += n;
            length -= n;
            if (used == chunkSamples) {
                float[] chunk = pending;
                pending = null;
                sink.accept(chunk);
            }
        }
    }

    void accept(float[] samples) {
        accept(samples, 0, samples.length);
    }

    /** Emits the partial last chunk, if any. */
    void finish() {
        if (pending != null && used > 0) {
            float[] chunk = java.util.Arrays.copyOf(pending, used);
            pending = null;
            sink.accept(chunk);
        }
    }
}
