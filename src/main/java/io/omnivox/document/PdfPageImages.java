package io.omnivox.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A PDF opened for OCR: its pages rendered one at a time at a fixed resolution, so memory holds one page image, not
 * the whole document. The page count is checked when opening, before anything is rendered.
 */
public final class PdfPageImages implements AutoCloseable {

    private final PDDocument pdf;
    private final PDFRenderer renderer;
    private final int dpi;

    private PdfPageImages(PDDocument pdf, int dpi) {
        this.pdf = pdf;
        this.renderer = new PDFRenderer(pdf);
        this.dpi = dpi;
    }

    /**
     * Opens {@code file}.
     *
     * @throws DocumentException 422 when encrypted, 413 over {@code maxPages} pages, 400 when not a readable PDF
     */
    public static PdfPageImages open(Path file, int maxPages, int dpi) {
        PDDocument pdf;
        try {
            pdf = Loader.loadPDF(file.toFile());
        } catch (InvalidPasswordException e) {
            throw new DocumentException(422, "document-encrypted",
                    "The PDF is encrypted with a password; upload an unprotected copy.");
        } catch (IOException e) {
            throw new DocumentException(400, "document-corrupt", "The PDF could not be read: " + e.getMessage());
        }
        int count = pdf.getNumberOfPages();
        if (count > maxPages) {
            closeQuietly(pdf);
            throw new DocumentException(413, "document-too-many-pages",
                    "The PDF has " + count + " pages; the limit here is " + maxPages + ".");
        }
        return new PdfPageImages(pdf, dpi);
    }

    public int pageCount() {
        return pdf.getNumberOfPages();
    }

    /** Page {@code index} (from 0) as an RGB image. */
    public BufferedImage render(int index) {
        try {
            return renderer.renderImageWithDPI(index, dpi, ImageType.RGB);
        } catch (IOException e) {
            throw new DocumentException(400, "document-corrupt",
                    "Page " + (index + 1) + " of the PDF could not be rendered: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        closeQuietly(pdf);
    }

    private static void closeQuietly(PDDocument pdf) {
        try {
            pdf.close();
        } catch (IOException e) {
            // nothing was written; a failed close of a read-only document loses nothing
        }
    }
}
