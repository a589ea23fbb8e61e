package io.omnivox.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import io.omnivox.document.PdfParser;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.ocr.OcrRequest;
import io.omnivox.ocr.PpOcrRecognizer;
import io.omnivox.ocr.TesseractRecognizer;
import io.omnivox.ocr.TextRecognizer;
import io.omnivox.ocr.got.GotPreprocessor;
import io.omnivox.ocr.got.GotTiling;

/**
 * Pages per second on this machine: PDFs with a text layer, scanned PDF pages read by each installed OCR engine, and
 * GOT-OCR's preprocessing (tiling + normalisation of a 2000×1500 page photo), each measured in the same run.
 */
public final class OcrBench {

    private static final String LINE = "Omnivox reads documents and cites the page it found the answer on.";

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "%-40s %12s%n", "workload", "pages/s");
        Path textPdf = temp(pdf(40, false));
        report("PDF text layer (40 pages)", 40, () -> new PdfParser(100, 200, null).parse(textPdf, "text.pdf"));
        int scans = Bench.quick() ? 1 : 3;
        Path scanned = temp(pdf(scans, true));
        String pages = scans + (scans == 1 ? " page" : " pages");
        Path tesseractBinary = Path.of("/usr/bin/tesseract");
        if (TesseractRecognizer.available(tesseractBinary)) {
            ocr("scanned PDF, Tesseract (" + pages + ")", scans, scanned,
                    new TesseractRecognizer(tesseractBinary, Duration.ofMinutes(1)));
        }
        Path ppocr = Path.of("target", "ocr-models");
        if (Files.isRegularFile(ppocr.resolve("ch_PP-OCRv4_det_infer.onnx"))) {
            try (OnnxSessionFactory factory = Bench.onnx()) {
                ocr("scanned PDF, PP-OCRv4 ONNX (" + pages + ")", scans, scanned,
                        new PpOcrRecognizer(factory, ppocr));
            }
        }
        BufferedImage photo = page(2000, 1500);
        report("GOT preprocessing (2000x1500, tiles)", 5, () -> {
            for (BufferedImage tile : GotTiling.tiles(photo)) {
                GotPreprocessor.pixelValues(tile);
            }
            return null;
        });
    }

    private static void ocr(String name, int pages, Path pdf, TextRecognizer engine) {
        report(name, pages, () -> new PdfParser(100, 200, image -> engine.recognize(OcrRequest.plain(image)).text())
                .parse(pdf, "scan.pdf"));
    }

    /** The parser reads PDFs from files (random access); the bench's are written to temporary ones. */
    private static Path temp(byte[] pdf) throws java.io.IOException {
        Path file = Files.createTempFile("omnivox-bench", ".pdf");
        file.toFile().deleteOnExit();
        return Files.write(file, pdf);
    }

    private static double textLayerMsPerPage;

    private interface Work {
        Object run() throws Exception;
    }

    private static void report(String name, int pages, Work work) {
        try {
            work.run(); // warm-up
            long start = System.nanoTime();
            int runs = Bench.quick() ? 1 : 3;
            for (int i = 0; i < runs; i++) {
                work.run();
            }
            double seconds = (System.nanoTime() - start) / 1e9 / runs;
            System.out.printf(Locale.ROOT, "%-40s %12.1f%n", name, pages / seconds);
            double msPerPage = seconds * 1000 / pages;
            if (textLayerMsPerPage == 0) {
                textLayerMsPerPage = msPerPage; // the first workload, the PDF text layer, is the baseline
            } else {
                Bench.row("ocr", name + " per page", msPerPage, "PDF text layer per page", textLayerMsPerPage, "ms");
            }
        } catch (Exception e) {
            System.out.printf(Locale.ROOT, "%-40s failed: %s%n", name, e.getMessage());
        }
    }

    private static byte[] pdf(int pages, boolean scanned) throws Exception {
        try (PDDocument pdf = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    if (scanned) {
                        ByteArrayOutputStream png = new ByteArrayOutputStream();
                        ImageIO.write(page(1700, 2200), "png", png);
                        content.drawImage(PDImageXObject.createFromByteArray(pdf, png.toByteArray(), "p"), 0, 0, 612, 792);
                    } else {
                        content.beginText();
                        content.setFont(font, 11);
                        content.newLineAtOffset(72, 720);
                        for (int line = 0; line < 40; line++) {
                            content.showText(LINE);
                            content.newLineAtOffset(0, -16);
                        }
                        content.endText();
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    /** A page of text lines rendered with Java2D. */
    private static BufferedImage page(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, Math.max(16, width / 60)));
        int step = Math.max(24, width / 40);
        for (int y = step * 2; y < height - step; y += step) {
            g.drawString(LINE, step, y);
        }
        g.dispose();
        return image;
    }
}
