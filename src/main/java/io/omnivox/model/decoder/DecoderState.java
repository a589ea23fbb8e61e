package io.omnivox.model.decoder;

import ai.onnxruntime.OrtSession;

/**
 * The KV cache of one generation: the previous step's result, whose {@code present.*} tensors are fed back as the next
 * step's past without copying. Owns native memory: close it when the generation ends.
 */
public final class DecoderState implements AutoCloseable {

    private OrtSession.Result previous;
    private int length;

    /** Positions already in the cache. */
    public int length() {
        return length;
    }

    /** The result holding the current cache tensors, or null before the first step. */
    OrtSession.Result previous() {
        return previous;
    }

    /** Replaces the cache with a new step's result, closing the old one. */
    void advance(OrtSession.Result next, int addedPositions) {
        OrtSession.Result old = previous;
        previous = next;
        length += addedPositions;
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            previous.close();
            previous = null;
        }
    }
}
