package io.omnivox.document;

import java.util.ArrayList;
import java.util.List;

/**
 * A document reduced to what retrieval and citations need: its title and its pages, each with its text and where the
 * text came from. Offsets are character positions in {@link #text()}, so a passage can be cited by page and offset.
 *
 * @param title    the document's title (metadata), else its file name
 * @param format   e.g. {@code pdf}, {@code docx}, {@code epub}
 * @param pages    pages in order, numbered from 1 (PDF pages, slides, EPUB chapters, or one page for a web page)
 * @param headings the document's headings in reading order, each with where it stands
 */
public record ParsedDocument(String title, String format, List<Page> pages, List<Heading> headings) {

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

    /**
     * A heading (a section's title).
     *
     * @param level  1 for the top level, down to 6
     * @param text   the heading's text
     * @param page   the page it stands on
     * @param offset where it starts in the document's text
     */
    public record Heading(int level, String text, int page, int offset) {
    }

    public ParsedDocument {
        pages = List.copyOf(pages);
        headings = List.copyOf(headings);
    }

    /** A document without headings (e.g. a PDF, whose text layer does not mark them). */
    public ParsedDocument(String title, String format, List<Page> pages) {
        this(title, format, pages, List.of());
    }

    /** The page holding text offset {@code offset}. */
    public Page pageAt(int offset) {
        Page found = pages.isEmpty() ? null : pages.get(0);
        for (Page page : pages) {
            if (page.offset() <= offset) {
                found = page;
            }
        }
        return found;
    }

    /**
     * The headings in force at {@code offset}, outermost first: the section path a passage there belongs to, e.g.
     * {@code [Chapter 2, Installing]}.
     */
    public List<Heading> sectionPath(int offset) {
        ArrayList<Heading> path = new ArrayList<>();
        for (Heading heading : headings) {
            if (heading.offset() > offset) {
                break;
            }
            while (!path.isEmpty() && path.get(path.size() - 1).level() >= heading.level()) {
                path.remove(path.size() - 1);
            }
            path.add(heading);
        }
        return List.copyOf(path);
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
