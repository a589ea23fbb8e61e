package io.omnivox.document;

import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a {@link ParsedDocument} from pages, headings and paragraphs, so that every parser lays its text out the
 * same way: paragraphs separated by a blank line, a heading as a paragraph of its own, pages joined as
 * {@link ParsedDocument#text()} joins them. Page offsets and heading pages and offsets are computed here, once.
 */
public final class DocumentBuilder {

    static final String PARAGRAPH_SEPARATOR = "\n\n";
    /** {@link ParsedDocument#text()} joins pages with a blank line; offsets must count it. */
    private static final int PAGE_SEPARATOR_LENGTH = 2;
    private static final int DEEPEST_HEADING = 6;

    private final int maxPages;
    private final List<ParsedDocument.Page> pages = new ArrayList<>();
    private final List<ParsedDocument.Heading> headings = new ArrayList<>();
    private StringBuilder page;
    private ParsedDocument.Source source = ParsedDocument.Source.TEXT_LAYER;
    private int pageOffset;
    private boolean breakPending;

    /** @param maxPages more pages than this is a 413 {@code document-too-many-pages}, raised as soon as it happens */
    public DocumentBuilder(int maxPages) {
        this.maxPages = maxPages;
    }

    /** Starts a new page now (a slide, a chapter), even if the current one is empty. */
    public DocumentBuilder newPage() {
        return newPage(ParsedDocument.Source.TEXT_LAYER);
    }

    /** Starts a new page whose text came from {@code pageSource}. */
    public DocumentBuilder newPage(ParsedDocument.Source pageSource) {
        closePage();
        if (pages.size() + 1 > maxPages) {
            throw new DocumentException(413, "document-too-many-pages",
                    "The document has more than " + maxPages + " pages; the limit is " + maxPages + ".");
        }
        page = new StringBuilder();
        source = pageSource;
        breakPending = false;
        return this;
    }

    /**
     * A page break in flowing text (DOCX): what follows goes on a new page. Breaks before any text, or several in a
     * row, do not produce empty pages.
     */
    public DocumentBuilder pageBreak() {
        if (page != null && !page.isEmpty()) {
            breakPending = true;
        }
        return this;
    }

    /** A heading of {@code level} (clamped to 1…6), also written into the page as its own paragraph. */
    public DocumentBuilder heading(int level, String text) {
        String clean = TextCleaner.singleLine(text);
        if (clean.isEmpty()) {
            return this;
        }
        int start = append(clean);
        headings.add(new ParsedDocument.Heading(Math.clamp(level, 1, DEEPEST_HEADING), clean, pages.size() + 1,
                pageOffset + start));
        return this;
    }

    /** A paragraph of body text; blank text is skipped. */
    public DocumentBuilder paragraph(String text) {
        String clean = text == null ? "" : text.strip();
        if (!clean.isEmpty()) {
            append(clean);
        }
        return this;
    }

    /** Pages started so far. */
    public int pageCount() {
        return pages.size() + (page == null ? 0 : 1);
    }

    /** The document; one empty page when nothing was added (a document without text still has a page). */
    public ParsedDocument build(String title, String format) {
        if (page == null && pages.isEmpty()) {
            newPage();
        }
        closePage();
        return new ParsedDocument(title, format, pages, headings);
    }

    /** Appends a paragraph to the current page and answers where it starts within the page. */
    private int append(String paragraph) {
        if (page == null || breakPending) {
            newPage(page == null ? ParsedDocument.Source.TEXT_LAYER : source);
        }
        if (!page.isEmpty()) {
            page.append(PARAGRAPH_SEPARATOR);
        }
        int start = page.length();
        page.append(paragraph);
        return start;
    }

    private void closePage() {
        if (page == null) {
            return;
        }
        ParsedDocument.Page done = new ParsedDocument.Page(pages.size() + 1, page.toString(), source, pageOffset);
        pages.add(done);
        pageOffset += done.text().length() + PAGE_SEPARATOR_LENGTH;
        page = null;
    }
}
