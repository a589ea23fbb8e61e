package io.omnivox.document;

/** The formats {@link DocumentService} parses, as reported in {@link ParsedDocument#format()}. */
public enum DocumentFormat {
    PDF("pdf"),
    DOCX("docx"),
    PPTX("pptx"),
    EPUB("epub"),
    HTML("html"),
    MARKDOWN("markdown"),
    TEXT("text"),
    IMAGE("image");

    /** What an unsupported upload is told. */
    static final String SUPPORTED = "PDF, DOCX, PPTX, EPUB, HTML, Markdown (.md, .markdown), plain text (.txt) and "
            + "images (PNG, JPEG, GIF, BMP, TIFF, WebP)";

    private final String id;

    DocumentFormat(String id) {
        this.id = id;
    }

    /** The name in {@link ParsedDocument#format()}. */
    public String id() {
        return id;
    }
}
