package io.omnivox.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A PDF opened for reading, the one place PDFs are loaded: the page count is checked when opening, before any page is
 * read; encrypted and unreadable files become specific 4xx errors; each page gives its text layer or is rendered at a
 * fixed resolution one at a time, so memory holds one page image, not the whole document.
 */
public final class PdfPages implements AutoCloseable {

    /** The first bytes of every PDF file. */
    static final String SIGNATURE = "%PDF-";

    private final PDDocument pdf;
    private final PDFRenderer renderer;
    private final PDFTextStripper stripper = new PDFTextStripper();
    private final int dpi;

    private PdfPages(PDDocument pdf, int dpi) {
        this.pdf = pdf;
        this.renderer = new PDFRenderer(pdf);
        this.dpi = dpi;
    }

    /** Whether {@code file} starts like a PDF. */
    public static boolean isPdf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(SIGNATURE.length()), StandardCharsets.ISO_8859_1).equals(SIGNATURE);
        }
    }

    /**
     * Opens {@code file}.
     *
     * @throws DocumentException 422 when encrypted, 413 over {@code maxPages} pages, 400 when not a readable PDF
     */
    public static PdfPages open(Path file, int maxPages, int dpi) {
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
        return new PdfPages(pdf, dpi);
    }

    public int pageCount() {
        return pdf.getNumberOfPages();
    }

    /** The document's title from its metadata, if it has one. */
    public Optional<String> title() {
        return Optional.ofNullable(pdf.getDocumentInformation().getTitle()).filter(t -> !t.isBlank());
    }

    /** The text layer of page {@code index} (from 0), stripped; empty for a scan. */
    public String text(int index) {
        try {
            stripper.setStartPage(index + 1);
            stripper.setEndPage(index + 1);
            return stripper.getText(pdf).strip();
        } catch (IOException e) {
            throw new DocumentException(400, "document-corrupt",
                    "Page " + (index + 1) + " of the PDF could not be read: " + e.getMessage());
        }
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
