package io.omnivox.model;

/** No engine can serve a capability right now; the message says what to install or fetch. Answered with 503. */
public final class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message) {
        super(message);
    }
}
