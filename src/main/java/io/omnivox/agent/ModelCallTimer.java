package io.omnivox.agent;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;

/**
 * Notes when a chat request leaves for the model, so latency reports can tell the model's time to first token apart
 * from Omnivox's own work before it (memory, tools, prompt). A listener on the chat models; LangChain4j calls it on
 * the thread that makes the request, which {@link #watch()} marks.
 */
public final class ModelCallTimer implements ChatModelListener {

    /** The one listener every chat model gets. */
    public static final ModelCallTimer INSTANCE = new ModelCallTimer();

    private static final ThreadLocal<Watch> CURRENT = new ThreadLocal<>();

    private ModelCallTimer() {
    }

    /**
     * Starts watching the current thread's chat requests; the first one's send time lands in the returned watch.
     * Close it when the call that makes the requests returns.
     */
    public static Watch watch() {
        Watch watch = new Watch();
        CURRENT.set(watch);
        return watch;
    }

    @Override
    public void onRequest(ChatModelRequestContext context) {
        Watch watch = CURRENT.get();
        if (watch != null && watch.firstRequestNanos == 0) {
            watch.firstRequestNanos = System.nanoTime();
        }
    }

    /** When the first watched request was sent ({@link System#nanoTime()}), or 0 before any. */
    public static final class Watch implements AutoCloseable {
        private volatile long firstRequestNanos;

        public long firstRequestNanos() {
            return firstRequestNanos;
        }

        @Override
        public void close() {
            CURRENT.remove();
        }
    }
}
