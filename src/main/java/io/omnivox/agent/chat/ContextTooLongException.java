package io.omnivox.agent.chat;

/** A conversation's prompt does not fit the model's context; the caller should shorten it (413 over HTTP). */
public final class ContextTooLongException extends RuntimeException {

    private final int tokens;
    private final int limit;

    public ContextTooLongException(int tokens, int limit) {
        super("The conversation needs " + tokens + " prompt tokens; the model's context holds " + limit + ".");
        this.tokens = tokens;
        this.limit = limit;
    }

    public int tokens() {
        return tokens;
    }

    public int limit() {
        return limit;
    }
}
