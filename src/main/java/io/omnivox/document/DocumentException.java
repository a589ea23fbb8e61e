package io.omnivox.document;

/** The caller's document cannot be parsed; {@link #status()} and {@link #slug()} become the problem+json answer. */
public final class DocumentException extends RuntimeException {

    private final int status;
    private final String slug;

    public DocumentException(int status, String slug, String message) {
        super(message);
        this.status = status;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }
}
