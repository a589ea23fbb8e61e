package io.omnivox.ocr;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import javax.imageio.ImageIO;

import io.omnivox.model.ExternalCommand;
import io.omnivox.model.ModelException;

/**
 * The light OCR fallback: Tesseract 5 from Debian ({@code tesseract-ocr}, {@code tesseract-ocr-eng},
 * {@code tesseract-ocr-chi-sim}), run as its command on a temporary PNG with TSV output
 * ({@code tesseract in.png stdout -l eng+chi_sim --psm 3 tsv}). Words are joined into lines (without spaces between
 * CJK characters), lines into paragraphs; boxes are in the full image's coordinates even when a region is read.
 * {@link OcrMode#FORMAT} falls back to plain text.
 */
public final class TesseractRecognizer implements TextRecognizer {

    public static final String ENGINE = "tesseract";

    /** White margin put around the (cropped) image: Tesseract misses text that touches the border. */
    static final int MARGIN = 10;

    private final Path binary;
    private final Duration timeout;

    public TesseractRecognizer(Path binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** Whether the Debian command is installed at {@code binary}. */
    public static boolean available(Path binary) {
        return Files.isExecutable(binary);
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public OcrResult recognize(OcrRequest asked) {
        OcrRequest request = asked.withColourResolved();
        BufferedImage image = request.image();
        Box region = request.region().map(r -> clamp(r, image)).orElse(new Box(0, 0, image.getWidth(), image.getHeight()));
        if (region.width() == 0 || region.height() == 0) {
            return new OcrResult("", List.of(), ENGINE);
        }
        BufferedImage page = pad(image, region);
        Path png = null;
        try {
            png = Files.createTempFile("omnivox-ocr-", ".png");
            if (!ImageIO.write(page, "png", png.toFile())) {
                throw new ModelException("Tesseract: no PNG writer for the image");
            }
            List<String> rows = run(png, language(request.language()));
            OcrResult result = parse(rows, region.x() - MARGIN, region.y() - MARGIN);
            return new OcrResult(result.text(),
                    result.lines().stream().map(l -> new OcrLine(l.text(), clamp(l.box(), region), l.confidence()))
                            .toList(),
                    ENGINE);
        } catch (IOException e) {
            throw new ModelException("Tesseract failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(png);
        }
    }

    /** Tesseract's language list for a request's hint: {@code en}→eng, {@code zh}→chi_sim, anything else both. */
    static String language(String hint) {
        String h = hint == null ? "" : hint.strip().toLowerCase(Locale.ROOT);
        if (h.equals("en") || h.startsWith("en-") || h.startsWith("en_") || h.equals("eng")) {
            return "eng";
        }
        if (h.equals("zh") || h.startsWith("zh-") || h.startsWith("zh_") || h.equals("chi_sim")) {
            return "chi_sim";
        }
        return "eng+chi_sim";
    }

    private static Box clamp(Box r, BufferedImage image) {
        return clamp(r, new Box(0, 0, image.getWidth(), image.getHeight()));
    }

    /** {@code r} cut to {@code bounds} (a box in the margin is pulled onto the region's edge). */
    static Box clamp(Box r, Box bounds) {
        int right = bounds.x() + bounds.width();
        int bottom = bounds.y() + bounds.height();
        int x0 = Math.max(bounds.x(), Math.min(r.x(), right));
        int y0 = Math.max(bounds.y(), Math.min(r.y(), bottom));
        int x1 = Math.max(x0, Math.min(r.x() + r.width(), right));
        int y1 = Math.max(y0, Math.min(r.y() + r.height(), bottom));
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    /** The region on an opaque white page with a margin (transparency flattened onto white). */
    private static BufferedImage pad(BufferedImage image, Box region) {
        BufferedImage page = new BufferedImage(region.width() + 2 * MARGIN, region.height() + 2 * MARGIN,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, page.getWidth(), page.getHeight());
            g.drawImage(image.getSubimage(region.x(), region.y(), region.width(), region.height()), MARGIN, MARGIN,
                    null);
        } finally {
            g.dispose();
        }
        return page;
    }

    /** Tesseract's TSV for {@code png}; one thread per run, since callers run several at once. */
    private List<String> run(Path png, String languages) {
        byte[] tsv = ExternalCommand.run("Tesseract", List.of(binary.toString(), png.toString(), "stdout", "-l",
                languages, "--psm", "3", "tsv"), null, null, Map.of("OMP_THREAD_LIMIT", "1"), timeout,
                " (languages " + languages + ": are tesseract-ocr-eng and tesseract-ocr-chi-sim installed?)");
        return new String(tsv, StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * Parses Tesseract's TSV ({@code level page_num block_num par_num line_num word_num left top width height conf
     * text}) into lines and paragraph text; boxes are shifted by {@code (dx, dy)}.
     */
    static OcrResult parse(List<String> rows, int dx, int dy) {
        List<OcrLine> lines = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        LineBuilder current = null;
        String paragraphKey = null;
        for (String row : rows) {
            String[] f = row.split("\t", -1);
            if (f.length < 12 || !f[0].equals("5")) {
                continue; // header, page/block/paragraph/line rows
            }
            String word = String.join("\t", java.util.Arrays.copyOfRange(f, 11, f.length)).strip();
            if (word.isEmpty()) {
                continue;
            }
            String lineKey = f[1] + "/" + f[2] + "/" + f[3] + "/" + f[4];
            String parKey = f[1] + "/" + f[2] + "/" + f[3];
            if (current == null || !current.key.equals(lineKey)) {
                if (current != null) {
                    OcrLine line = current.build(dx, dy);
                    lines.add(line);
                    text.append(line.text());
                    text.append(parKey.equals(paragraphKey) ? "\n" : "\n\n");
                }
                current = new LineBuilder(lineKey);
                paragraphKey = parKey;
            }
            current.add(word, Integer.parseInt(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]),
                    Integer.parseInt(f[9]), Double.parseDouble(f[10]));
        }
        if (current != null) {
            OcrLine line = current.build(dx, dy);
            lines.add(line);
            text.append(line.text());
        }
        return new OcrResult(text.toString(), lines, ENGINE);
    }

    /**
     * Joins two words: a space between them unless both sides of the join are CJK (or one is CJK punctuation). Han
     * next to Latin or digits gets a space: Tesseract's CJK boxes overlap, so the source's spacing cannot be told.
     */
    static String join(String left, String right) {
        if (left.isEmpty()) {
            return right;
        }
        int last = left.codePointBefore(left.length());
        int first = right.codePointAt(0);
        boolean tight = (isCjk(last) && isCjk(first)) || isCjkPunctuation(last) || isCjkPunctuation(first);
        return tight ? left + right : left + " " + right;
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || isCjkPunctuation(cp);
    }

    private static boolean isCjkPunctuation(int cp) {
        return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
    }

    private static final class LineBuilder {
        final String key;
        String text = "";
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = Integer.MIN_VALUE;
        int y1 = Integer.MIN_VALUE;
        double confSum;
        int confCount;

        LineBuilder(String key) {
            this.key = key;
        }

        void add(String word, int left, int top, int width, int height, double conf) {
            text = join(text, word);
            x0 = Math.min(x0, left);
            y0 = Math.min(y0, top);
            x1 = Math.max(x1, left + width);
            y1 = Math.max(y1, top + height);
            if (conf >= 0) {
                confSum += conf;
                confCount++;
            }
        }

        OcrLine build(int dx, int dy) {
            double confidence = confCount == 0 ? 1.0 : Math.max(0, Math.min(1, confSum / confCount / 100.0));
            return new OcrLine(text, new Box(x0 + dx, y0 + dy, x1 - x0, y1 - y0), confidence);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is not worth failing a recognition for
            }
        }
    }
}
