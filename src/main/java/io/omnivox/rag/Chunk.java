package io.omnivox.rag;

import java.util.List;

/**
 * A passage of a document small enough to embed and to quote, with what a citation needs.
 *
 * @param documentId  the document's id within its knowledge base
 * @param title       the document's title
 * @param page        the page the passage starts on (from 1)
 * @param sectionPath the headings the passage stands under, outermost first (empty before the first heading)
 * @param startOffset where the passage starts in the document's text ({@code ParsedDocument.text()})
 * @param text        the passage
 */
public record Chunk(String documentId, String title, int page, List<String> sectionPath, int startOffset, String text) {

    /** Separates headings in {@link #section()}. */
    public static final String SECTION_SEPARATOR = " › ";

    public Chunk {
        sectionPath = List.copyOf(sectionPath);
    }

    /** The section path as one line, e.g. {@code Chapter 2 › Installing}; empty when there is none. */
    public String section() {
        return String.join(SECTION_SEPARATOR, sectionPath);
    }
}
