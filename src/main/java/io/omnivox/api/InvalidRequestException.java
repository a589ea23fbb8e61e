package io.omnivox.api;

/** One field of a request is invalid; becomes a 400 problem naming the field. */
public final class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
