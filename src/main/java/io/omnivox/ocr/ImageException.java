package io.omnivox.ocr;

/** The caller's image cannot be used; {@link #status()} and {@link #slug()} become the problem+json answer. */
public final class ImageException extends RuntimeException {

    private final int status;
    private final String slug;

    public ImageException(int status, String slug, String message) {
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
