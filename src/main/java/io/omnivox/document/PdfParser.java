package io.omnivox.document;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;


/**
 * PDFs with PDFBox: each page's text layer first; a page whose text layer is missing or too thin (a scan) is rendered
 * at {@code dpi} and read by OCR. Page count is checked before any page is processed.
 */
public final class PdfParser {

    /** A page with fewer letters than this in its text layer is treated as a scan. */
    static final int MIN_TEXT_LAYER_LETTERS = 16;

    private final int maxPages;
    private final int dpi;
    private final Function<BufferedImage, String> ocr;

    /**
     * @param maxPages most pages accepted
     * @param dpi      rendering resolution for OCR'd pages
     * @param ocr      reads a rendered page; may be null when no OCR engine is available (scanned pages stay empty)
     */
    public PdfParser(int maxPages, int dpi, Function<BufferedImage, String> ocr) {
        this.maxPages = maxPages;
        this.dpi = dpi;
        this.ocr = ocr;
    }

    public ParsedDocument parse(Path file, String fileName) {
        try (PdfPages pdf = PdfPages.open(file, maxPages, dpi)) {
            List<ParsedDocument.Page> pages = new ArrayList<>();
            int offset = 0;
            for (int i = 0; i < pdf.pageCount(); i++) {
                ParsedDocument.Page page = page(pdf, i, offset);
                pages.add(page);
                offset += page.text().length() + 2;
            }
            return new ParsedDocument(pdf.title().orElse(fileName), "pdf", pages);
        }
    }

    private ParsedDocument.Page page(PdfPages pdf, int index, int offset) {
        String text = pdf.text(index);
        if (letters(text) >= MIN_TEXT_LAYER_LETTERS || ocr == null) {
            return new ParsedDocument.Page(index + 1, text, ParsedDocument.Source.TEXT_LAYER, offset);
        }
        return new ParsedDocument.Page(index + 1, ocr.apply(pdf.render(index)).strip(), ParsedDocument.Source.OCR,
                offset);
    }

    private static long letters(String text) {
        return text.codePoints().filter(Character::isLetterOrDigit).count();
    }
}
