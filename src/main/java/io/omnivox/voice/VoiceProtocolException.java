package io.omnivox.voice;

/** A client event or frame the session cannot use; becomes an {@code error} event and the session goes on. */
public final class VoiceProtocolException extends RuntimeException {

    private final String code;

    public VoiceProtocolException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The protocol's error code, e.g. {@code invalid_json}. */
    public String code() {
        return code;
    }
}
