package io.omnivox.model.registry;

/** A model file could not be fetched; the message says which file, from where, why, and what to do instead. */
public final class FetchException extends Exception {

    public FetchException(String message) {
        super(message);
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
