package io.omnivox.api;

/**
 * The kinds of model work the API limits separately: each has its own capacity ({@code omnivox.api.capacity.*}), so
 * a flood of transcriptions cannot starve chat, and each is shed on its own when full.
 */
public enum Work {
    CHAT, SPEECH, TRANSCRIPTION, OCR, DOCUMENTS, IMAGES, EMBEDDINGS;

    /** The name in configuration, metrics and problem details, e.g. {@code chat}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
