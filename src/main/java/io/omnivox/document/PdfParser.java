package io.omnivox.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

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

    public ParsedDocument parse(InputStream in, String fileName) {
        try (PDDocument pdf = Loader.loadPDF(new RandomAccessReadBuffer(in))) {
            int count = pdf.getNumberOfPages();
            if (count > maxPages) {
                throw new DocumentException(413, "document-too-many-pages",
                        "The PDF has " + count + " pages; the limit is " + maxPages + ".");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            PDFRenderer renderer = new PDFRenderer(pdf);
            List<ParsedDocument.Page> pages = new ArrayList<>();
            int offset = 0;
            for (int i = 0; i < count; i++) {
                ParsedDocument.Page page = page(pdf, stripper, renderer, i, offset);
                pages.add(page);
                offset += page.text().length() + 2;
            }
            String title = Optional.ofNullable(pdf.getDocumentInformation().getTitle()).filter(t -> !t.isBlank())
                    .orElse(fileName);
            return new ParsedDocument(title, "pdf", pages);
        } catch (InvalidPasswordException e) {
            throw new DocumentException(422, "document-encrypted",
                    "The PDF is encrypted with a password; upload an unprotected copy.");
        } catch (IOException e) {
            throw new DocumentException(400, "document-corrupt", "The PDF could not be read: " + e.getMessage());
        }
    }

    private ParsedDocument.Page page(PDDocument pdf, PDFTextStripper stripper, PDFRenderer renderer, int index,
            int offset) throws IOException {
        stripper.setStartPage(index + 1);
        stripper.setEndPage(index + 1);
        String text = stripper.getText(pdf).strip();
        if (letters(text) >= MIN_TEXT_LAYER_LETTERS || ocr == null) {
            return new ParsedDocument.Page(index + 1, text, ParsedDocument.Source.TEXT_LAYER, offset);
        }
        BufferedImage image = renderer.renderImageWithDPI(index, dpi, ImageType.RGB);
        return new ParsedDocument.Page(index + 1, ocr.apply(image).strip(), ParsedDocument.Source.OCR, offset);
    }

    private static long letters(String text) {
        return text.codePoints().filter(Character::isLetterOrDigit).count();
    }
}
