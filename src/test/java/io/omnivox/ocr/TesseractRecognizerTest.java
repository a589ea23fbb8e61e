package io.omnivox.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.omnivox.model.ModelException;

class TesseractRecognizerTest {

    private static final Path BINARY = Path.of("/usr/bin/tesseract");
    private static final TesseractRecognizer OCR = new TesseractRecognizer(BINARY, Duration.ofSeconds(30));

    private static final String[] ENGLISH = {
            "The quick brown fox jumps over the lazy dog.",
            "Invoices are due within 30 days of receipt.",
            "Call 555-0142 before 9:45 on Monday, March 3.",
    };

    private static final String[] CHINESE = {
            "今天天气很好，我们去公园散步。",
            "请在三十天内支付这张发票。",
            "自托管助手可以识别图片中的文字。",
    };

    // ---- parsing, no binary needed ----

    @Test
    void parsesTsvIntoLinesAndParagraphs() {
        List<String> tsv = List.of(
                "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
                "1\t1\t0\t0\t0\t0\t0\t0\t500\t300\t-1\t",
                "2\t1\t1\t0\t0\t0\t10\t10\t200\t50\t-1\t",
                "4\t1\t1\t1\t1\t0\t10\t10\t200\t20\t-1\t",
                "5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t90\tHello",
                "5\t1\t1\t1\t1\t2\t70\t12\t60\t20\t70\tworld",
                "5\t1\t1\t1\t2\t1\t10\t40\t30\t20\t80\tagain",
                "5\t1\t2\t1\t1\t1\t10\t100\t20\t20\t95\t今天",
                "5\t1\t2\t1\t1\t2\t32\t100\t20\t20\t85\t天气",
                "5\t1\t2\t1\t1\t3\t54\t100\t10\t20\t75\t，",
                "5\t1\t2\t1\t1\t4\t66\t100\t40\t20\t65\tOK",
                "5\t1\t2\t1\t1\t5\t110\t100\t5\t20\t-1\t ");
        OcrResult result = TesseractRecognizer.parse(tsv, 100, 200);
        assertEquals("Hello world\nagain\n\n今天天气，OK", result.text());
        assertEquals(3, result.lines().size());
        assertEquals(new Box(110, 210, 120, 22), result.lines().get(0).box());
        assertEquals(0.80, result.lines().get(0).confidence(), 1e-9);
        assertEquals(new Box(110, 300, 96, 20), result.lines().get(2).box());
        assertEquals(0.80, result.lines().get(2).confidence(), 1e-9);
        assertEquals("", TesseractRecognizer.parse(List.of(tsv.get(0)), 0, 0).text());
    }

    @Test
    void mapsLanguageHints() {
        assertEquals("eng", TesseractRecognizer.language("en"));
        assertEquals("chi_sim", TesseractRecognizer.language("zh"));
        assertEquals("chi_sim", TesseractRecognizer.language("zh-CN"));
        assertEquals("eng+chi_sim", TesseractRecognizer.language("auto"));
        assertEquals("eng+chi_sim", TesseractRecognizer.language(null));
    }

    // ---- the real engine ----

    private static void assumeTesseract() {
        assumeTrue(TesseractRecognizer.available(BINARY),
                "tesseract is not installed at " + BINARY + " (apt-get install tesseract-ocr tesseract-ocr-eng "
                        + "tesseract-ocr-chi-sim)");
    }

    private static void assumeFont(String family) {
        assumeTrue(Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())
                .contains(family), "font '" + family + "' is not installed (fonts-dejavu-core, fonts-wqy-microhei)");
    }

    @Test
    void readsEnglishInSeveralFontsAndSizes() {
        assumeTesseract();
        String reference = String.join("\n", ENGLISH);
        double worst = 0;
        StringBuilder report = new StringBuilder();
        for (String family : List.of("DejaVu Sans", "DejaVu Serif")) {
            assumeFont(family);
            for (int size : new int[] {18, 28, 40}) {
                Rendered page = render(ENGLISH, new Font(family, Font.PLAIN, size), 40, 40);
                OcrResult result = OCR.recognize(new OcrRequest(page.image, OcrMode.PLAIN, Optional.empty(), "en"));
                double cer = cer(reference, result.text());
                report.append(String.format("%s %d px: CER %.4f%n", family, size, cer));
                worst = Math.max(worst, cer);
                assertEquals(ENGLISH.length, result.lines().size(), family + " " + size + ": " + result.text());
                result.lines().forEach(l -> assertTrue(l.confidence() > 0.5 && l.confidence() <= 1, l.toString()));
            }
        }
        System.out.print(report);
        // measured: 0.0000 for every font and size with -l eng; 0.03 leaves room for a digit or punctuation
        // mark misread by another Tesseract build or font hinting without hiding a broken line join
        assertTrue(worst < 0.03, report.toString());
    }

    @Test
    void readsEnglishWithAutoLanguage() {
        assumeTesseract();
        assumeFont("DejaVu Sans");
        Rendered page = render(ENGLISH, new Font("DejaVu Sans", Font.PLAIN, 28), 40, 40);
        OcrResult result = OCR.recognize(OcrRequest.plain(page.image));
        double cer = cer(String.join("\n", ENGLISH), result.text());
        System.out.printf("English, eng+chi_sim: CER %.4f%n", cer);
        assertTrue(cer < 0.05, cer + ": " + result.text());
    }

    @Test
    void readsChinese() {
        assumeTesseract();
        assumeFont("WenQuanYi Micro Hei");
        String reference = String.join("\n", CHINESE);
        double worst = 0;
        StringBuilder report = new StringBuilder();
        for (int size : new int[] {18, 28, 40}) {
            Rendered page = render(CHINESE, new Font("WenQuanYi Micro Hei", Font.PLAIN, size), 40, 40);
            OcrResult result = OCR.recognize(new OcrRequest(page.image, OcrMode.PLAIN, Optional.empty(), "zh"));
            double cer = cer(reference, result.text());
            report.append(String.format("WenQuanYi Micro Hei %d px: CER %.4f: %s%n", size, cer,
                    result.text().replace('\n', '|')));
            worst = Math.max(worst, cer);
            assertFalse(result.text().matches("(?s).*\\p{IsHan} \\p{IsHan}.*"), "spaces between CJK: " + result.text());
        }
        System.out.print(report);
        // measured: 0.0000 at 18, 28 and 40 px with -l chi_sim; 0.10 allows four near-homoglyph misreads (e.g. 天/夭)
        // in the 45 reference characters, while a lost line or spaced-out CJK join would exceed it
        assertTrue(worst < 0.10, report.toString());
    }

    @Test
    void readsMixedChineseAndEnglishWithAutoLanguage() {
        assumeTesseract();
        assumeFont("WenQuanYi Micro Hei");
        String[] mixed = {"我们用Java 21和Quarkus构建助手。", "请在2026年3月前升级到Tesseract 5。"};
        Rendered page = render(mixed, new Font("WenQuanYi Micro Hei", Font.PLAIN, 28), 40, 40);
        OcrResult result = OCR.recognize(OcrRequest.plain(page.image));
        // Tesseract's CJK word boxes overlap, so whether the source had a space between Han and Latin cannot be
        // told; the recognizer always puts one there (the usual mixed-script spacing), and the reference says so
        String reference = "我们用 Java 21 和 Quarkus 构建助手。\n请在 2026 年 3 月前升级到 Tesseract 5。";
        double cer = cer(reference, result.text());
        System.out.printf("mixed zh/en, eng+chi_sim: CER %.4f%n", cer);
        // measured: 0.0172 (one misread in 58: "java" for "Java"); 0.08 allows three or four such misreads
        assertTrue(cer < 0.08, cer + ": " + result.text());
    }

    @Test
    void separatesParagraphsWithABlankLine() {
        assumeTesseract();
        assumeFont("DejaVu Sans");
        Font font = new Font("DejaVu Sans", Font.PLAIN, 28);
        Rendered top = render(new String[] {"First paragraph opens here", "and goes on a little."}, font, 40, 40);
        Rendered bottom = render(new String[] {"Second paragraph after a gap", "ends the page."}, font, 40, 40);
        BufferedImage image = blank(Math.max(top.image.getWidth(), bottom.image.getWidth()),
                top.image.getHeight() + 80 + bottom.image.getHeight());
        Graphics2D g = image.createGraphics();
        g.drawImage(top.image, 0, 0, null);
        g.drawImage(bottom.image, 0, top.image.getHeight() + 80, null);
        g.dispose();
        OcrResult result = OCR.recognize(new OcrRequest(image, OcrMode.PLAIN, Optional.empty(), "en"));
        assertEquals("First paragraph opens here\nand goes on a little.\n\nSecond paragraph after a gap\nends the page.",
                result.text());
    }

    @Test
    void readsEveryCellOfATable() {
        assumeTesseract();
        assumeFont("DejaVu Sans");
        String[][] cells = {
                {"Item", "Qty", "Price"},
                {"Apples", "12", "3.40"},
                {"Bread", "2", "5.15"},
                {"Coffee", "1", "9.99"},
        };
        int cellW = 180;
        int cellH = 50;
        BufferedImage image = blank(cellW * 3 + 80, cellH * cells.length + 80);
        Graphics2D g = graphics(image, new Font("DejaVu Sans", Font.PLAIN, 24));
        FontMetrics fm = g.getFontMetrics();
        for (int r = 0; r <= cells.length; r++) {
            g.drawLine(40, 40 + r * cellH, 40 + 3 * cellW, 40 + r * cellH);
        }
        for (int c = 0; c <= 3; c++) {
            g.drawLine(40 + c * cellW, 40, 40 + c * cellW, 40 + cells.length * cellH);
        }
        for (int r = 0; r < cells.length; r++) {
            for (int c = 0; c < 3; c++) {
                g.drawString(cells[r][c], 40 + c * cellW + 12, 40 + r * cellH + (cellH + fm.getAscent()) / 2 - 3);
            }
        }
        g.dispose();
        OcrResult result = OCR.recognize(new OcrRequest(image, OcrMode.PLAIN, Optional.empty(), "en"));
        List<String> words = Arrays.asList(result.text().split("[\\s|\\[\\]]+"));
        for (String[] row : cells) {
            for (String cell : row) {
                assertTrue(words.contains(cell), "missing cell '" + cell + "' in:\n" + result.text());
            }
        }
    }

    @Test
    void lineBoxesContainTheRenderedText() {
        assumeTesseract();
        assumeFont("DejaVu Serif");
        Rendered page = render(ENGLISH, new Font("DejaVu Serif", Font.PLAIN, 28), 60, 50);
        OcrResult result = OCR.recognize(new OcrRequest(page.image, OcrMode.PLAIN, Optional.empty(), "en"));
        assertEquals(ENGLISH.length, result.lines().size(), result.text());
        for (int i = 0; i < ENGLISH.length; i++) {
            Box ink = page.ink.get(i);
            Box box = result.lines().get(i).box();
            assertEquals(ENGLISH[i], result.lines().get(i).text());
            int tolerance = 3;
            assertTrue(Math.abs(box.x() - ink.x()) <= tolerance && Math.abs(box.y() - ink.y()) <= tolerance
                    && Math.abs(box.x() + box.width() - ink.x() - ink.width()) <= tolerance
                    && Math.abs(box.y() + box.height() - ink.y() - ink.height()) <= tolerance,
                    "line " + i + ": box " + box + " vs ink " + ink);
        }
    }

    @Test
    void readsOnlyTheRegion() {
        assumeTesseract();
        assumeFont("DejaVu Sans");
        String[] text = {"Alpha north line", "Bravo middle line", "Charlie south line", "Delta bottom line"};
        Rendered page = render(text, new Font("DejaVu Sans", Font.PLAIN, 28), 50, 60);
        Box first = page.ink.get(1);
        Box last = page.ink.get(2);
        Box region = new Box(first.x() - 15, first.y() - 15, page.image.getWidth() - first.x(),
                last.y() + last.height() + 15 - (first.y() - 15));
        OcrResult result = OCR.recognize(new OcrRequest(page.image, OcrMode.PLAIN, Optional.of(region), "en"));
        assertEquals("Bravo middle line\nCharlie south line", result.text());
        for (int i = 0; i < 2; i++) {
            Box box = result.lines().get(i).box();
            Box ink = page.ink.get(i + 1);
            assertTrue(Math.abs(box.x() - ink.x()) <= 3 && Math.abs(box.y() - ink.y()) <= 3,
                    "box " + box + " should be in full-image coordinates near " + ink);
        }
    }

    @Test
    void timeoutAndFailureBecomeModelExceptions() {
        assumeTesseract();
        assumeFont("DejaVu Sans");
        BufferedImage image = render(ENGLISH, new Font("DejaVu Sans", Font.PLAIN, 28), 40, 40).image;
        TesseractRecognizer hasty = new TesseractRecognizer(BINARY, Duration.ofMillis(1));
        assertThrows(ModelException.class, () -> hasty.recognize(OcrRequest.plain(image)));
        TesseractRecognizer failing = new TesseractRecognizer(Path.of("/bin/false"), Duration.ofSeconds(5));
        assertThrows(ModelException.class, () -> failing.recognize(OcrRequest.plain(image)));
    }

    @Test
    void blankImageGivesNoText() {
        assumeTesseract();
        OcrResult result = OCR.recognize(OcrRequest.plain(blank(400, 200)));
        assertEquals("", result.text());
        assertTrue(result.lines().isEmpty());
        assertEquals("tesseract", result.engine());
    }

    // ---- helpers ----

    private record Rendered(BufferedImage image, List<Box> ink) {
    }

    /** Lines drawn one below the other; {@code ink} is each line's tight pixel bounds. */
    private static Rendered render(String[] lines, Font font, int marginX, int marginY) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        int width = 0;
        for (String line : lines) {
            width = Math.max(width, fm.stringWidth(line));
        }
        int lineHeight = (int) Math.round(fm.getHeight() * 1.3);
        pg.dispose();
        BufferedImage image = blank(width + 2 * marginX, lineHeight * lines.length + 2 * marginY);
        Graphics2D g = graphics(image, font);
        List<Box> ink = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            int top = marginY + i * lineHeight;
            g.drawString(lines[i], marginX, top + fm.getAscent());
            ink.add(inkBounds(image, top, top + lineHeight));
        }
        g.dispose();
        return new Rendered(image, ink);
    }

    private static Box inkBounds(BufferedImage image, int fromY, int toY) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int y = fromY; y < Math.min(toY, image.getHeight()); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) < 128) { // at least half dark: what a binariser keeps
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return new Box(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    private static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static Graphics2D graphics(BufferedImage image, Font font) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(font);
        return g;
    }

    /** Character error rate: Levenshtein distance over code points / reference length; whitespace runs collapsed. */
    static double cer(String reference, String hypothesis) {
        int[] ref = reference.strip().replaceAll("\\s+", " ").codePoints().toArray();
        int[] hyp = hypothesis.strip().replaceAll("\\s+", " ").codePoints().toArray();
        int[] prev = new int[hyp.length + 1];
        int[] cur = new int[hyp.length + 1];
        for (int j = 0; j <= hyp.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= ref.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= hyp.length; j++) {
                int sub = prev[j - 1] + (ref[i - 1] == hyp[j - 1] ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return (double) prev[hyp.length] / ref.length;
    }
}
