package io.omnivox.model.decoder;

import java.util.concurrent.atomic.AtomicBoolean;

/** Lets another thread (a barge-in, a closed socket, a cancelled job) stop a generation between two tokens. */
public final class CancellationToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
