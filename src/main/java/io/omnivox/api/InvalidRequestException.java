package io.omnivox.api;

/**
 * One field of a request is invalid; becomes a problem naming the field: 400 by default, 422 when the request is well
 * formed but its content cannot be used (e.g. a voice prompt without speech).
 */
public final class InvalidRequestException extends RuntimeException {

    private final String field;
    private final int status;
    private final String slug;

    public InvalidRequestException(String field, String message) {
        this(400, "validation", field, message);
    }

    public InvalidRequestException(int status, String slug, String field, String message) {
        super(message);
        this.field = field;
        this.status = status;
        this.slug = slug;
    }

    public String field() {
        return field;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
