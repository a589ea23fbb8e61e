package io.omnivox.tts;

/** Receives synthesised audio in order. */
@FunctionalInterface
public interface ChunkSink {

    /**
     * One chunk of mono PCM in [-1, 1] at the engine's sample rate.
     *
     * @return {@code false} to stop synthesis (cancellation), {@code true} to go on
     */
    boolean accept(float[] pcm);
}
