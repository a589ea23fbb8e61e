package io.omnivox.document;

import java.util.List;

/**
 * A document reduced to what retrieval and citations need: its title and its pages, each with its text and where the
 * text came from. Offsets are character positions in {@link #text()}, so a passage can be cited by page and offset.
 *
 * @param title  the document's title (metadata), else its file name
 * @param format e.g. {@code pdf}
 * @param pages  pages in order, numbered from 1
 */
public record ParsedDocument(String title, String format, List<Page> pages) {

    /** How a page's text was obtained. */
    public enum Source {
        /** The file's own text layer. */
        TEXT_LAYER,
        /** Rendered and read by OCR, because the page had no usable text layer. */
        OCR
    }

    /**
     * One page.
     *
     * @param number page number from 1
     * @param text   the page's text
     * @param source where the text came from
     * @param offset where the page starts in the document's text
     */
    public record Page(int number, String text, Source source, int offset) {
    }

    public ParsedDocument {
        pages = List.copyOf(pages);
    }

    /** All text, pages separated by blank lines; page offsets index into it. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Page page : pages) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(page.text());
        }
        return text.toString();
    }
}
