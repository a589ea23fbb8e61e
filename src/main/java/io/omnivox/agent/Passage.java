package io.omnivox.agent;

/**
 * A retrieved piece of a user's document.
 *
 * @param documentId the document it comes from
 * @param title      the document's title
 * @param page       page (or slide, or chapter) number from 1
 * @param section    the heading path, e.g. {@code Chapter 2 › Installing}; empty when the document has none
 * @param text       the passage
 * @param score      relevance, higher is better (comparable within one search only)
 */
public record Passage(String documentId, String title, int page, String section, String text, double score) {
}
