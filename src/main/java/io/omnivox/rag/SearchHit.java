package io.omnivox.rag;

/**
 * One retrieved chunk, with what a citation needs.
 *
 * @param documentId  the document's id in its knowledge base
 * @param title       the document's title
 * @param page        the page the chunk starts on
 * @param section     its section path, e.g. {@code Chapter 2 › Installing}; empty when none
 * @param startOffset where the chunk starts in the document's text
 * @param text        the chunk's text
 * @param score       higher is better; comparable only within one search (RRF score for hybrid, cosine similarity
 *                    for vector, BM25 for keyword)
 */
public record SearchHit(String documentId, String title, int page, String section, int startOffset, String text,
        double score) {
}
