package io.omnivox.fuzz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import io.omnivox.audio.AudioClip;
import io.omnivox.audio.WavCodec;
import io.omnivox.document.TestDocuments;

/**
 * Malformed inputs, made from valid seeds (a WAV, a PNG, a JPEG, a PDF, DOCX, PPTX and EPUB files the tests build)
 * by deterministic mutations — truncation, flipped bytes, zeroed and repeated blocks — plus hand-made hostile cases
 * (decompression bombs, path traversal in archives, lying headers), plus every file kept under
 * {@code src/test/resources/fuzz/<kind>/} (regressions: a file that once broke the server stays there).
 */
final class FuzzCorpus {

    /** One malformed file: its kind (which endpoints take it), a name saying how it was made, and its bytes. */
    record Sample(String kind, String name, byte[] bytes) {
        @Override
        public String toString() {
            return kind + "/" + name + " (" + bytes.length + " bytes)";
        }
    }

    static final Path KEPT = Path.of("src", "test", "resources", "fuzz");
    private static final long SEED = 20261124L;

    private FuzzCorpus() {
    }

    static List<Sample> audio() {
        List<Sample> out = new ArrayList<>(mutations("audio", "tone.wav", wav()));
        out.add(new Sample("audio", "empty.wav", new byte[0]));
        out.add(new Sample("audio", "one-byte.wav", new byte[] { 'R' }));
        out.add(new Sample("audio", "text.wav", "this is not audio at all\n".repeat(40).getBytes(StandardCharsets.UTF_8)));
        out.add(new Sample("audio", "riff-no-chunks.wav", riffHeader(Integer.MAX_VALUE)));
        out.add(new Sample("audio", "zero-channels.wav", wavWith(1, 0, 16_000, 16)));
        out.add(new Sample("audio", "zero-rate.wav", wavWith(1, 1, 0, 16)));
        out.add(new Sample("audio", "seven-bit.wav", wavWith(1, 1, 16_000, 7)));
        out.add(new Sample("audio", "unknown-codec.wav", wavWith(0x1234, 1, 16_000, 16)));
        out.add(new Sample("audio", "255-channels.wav", wavWith(1, 255, 16_000, 16)));
        out.add(new Sample("audio", "id3-junk.mp3", prefixed("ID3\u0004\u0000\u0000\u007f\u007f\u007f\u007f", 2048)));
        out.add(new Sample("audio", "ogg-junk.ogg", prefixed("OggS\u0000\u0002", 4096)));
        out.add(new Sample("audio", "flac-junk.flac", prefixed("fLaC\u0000\u0000\u0000\"", 4096)));
        out.add(new Sample("audio", "mp4-junk.m4a", prefixed("\u0000\u0000\u0000\u0018ftypM4A ", 4096)));
        out.addAll(kept("audio"));
        return out;
    }

    static List<Sample> images() {
        List<Sample> out = new ArrayList<>(mutations("image", "text.png", image("png")));
        out.addAll(mutations("image", "text.jpg", image("jpg")));
        out.add(new Sample("image", "empty.png", new byte[0]));
        out.add(new Sample("image", "png-bomb-header.png", pngClaiming(60_000, 60_000)));
        out.add(new Sample("image", "png-zero-size.png", pngClaiming(0, 0)));
        out.add(new Sample("image", "bmp-huge.bmp", bmpClaiming(100_000, 100_000)));
        out.add(new Sample("image", "gif-junk.gif", prefixed("GIF89a\u00ff\u00ff\u00ff\u00ff", 1024)));
        out.add(new Sample("image", "svg.svg", ("<svg xmlns='http://www.w3.org/2000/svg'><!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
                + "<text>&a;</text></svg>").getBytes(StandardCharsets.UTF_8)));
        out.add(new Sample("image", "tiff-junk.tif", prefixed("II*\u0000\u00ff\u00ff\u00ff\u00ff", 1024)));
        out.add(new Sample("image", "webp-junk.webp", prefixed("RIFF\u00ff\u00ff\u00ff\u00ffWEBPVP8 ", 1024)));
        out.add(new Sample("image", "random.bin", random(4096, 1)));
        out.addAll(kept("image"));
        return out;
    }

    static List<Sample> documents() throws IOException {
        List<Sample> out = new ArrayList<>(mutations("document", "book.pdf", pdf()));
        out.addAll(mutations("document", "report.docx", TestDocuments.docx()));
        out.addAll(mutations("document", "slides.pptx", TestDocuments.pptx()));
        out.addAll(mutations("document", "book.epub", TestDocuments.epub()));
        out.add(new Sample("document", "pdf-header-only.pdf", "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
        out.add(new Sample("document", "pdf-self-reference.pdf", ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >>"
                + " endobj\ntrailer << /Root 1 0 R /Size 2 >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII)));
        out.add(new Sample("document", "pdf-huge-count.pdf", ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>"
                + " endobj\n2 0 obj << /Type /Pages /Kids [2 0 R] /Count 999999999 >> endobj\ntrailer << /Root 1 0 R"
                + " >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII)));
        out.add(new Sample("document", "empty.zip", zip(new String[0][])));
        out.add(new Sample("document", "traversal.epub", zip(new String[][] { { "mimetype", "application/epub+zip" },
                { "../../../../tmp/omnivox-fuzz-escape", "x" }, { "META-INF/container.xml", "<container/>" } })));
        out.add(new Sample("document", "container-to-nowhere.epub", zip(new String[][] {
                { "mimetype", "application/epub+zip" }, { "META-INF/container.xml", "<?xml version='1.0'?><container"
                        + " xmlns='urn:oasis:names:tc:opendocument:xmlns:container'><rootfiles><rootfile"
                        + " full-path='nope.opf'/></rootfiles></container>" } })));
        out.add(new Sample("document", "docx-without-body.docx", zip(new String[][] { { "[Content_Types].xml",
                "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>" } })));
        out.add(new Sample("document", "many-entries.zip", manyEntries(5_000)));
        out.add(new Sample("document", "docx-bomb.docx", TestDocuments.docxBomb()));
        out.add(new Sample("document", "epub-bomb.epub", TestDocuments.epubBomb()));
        out.add(new Sample("document", "random.bin", random(8192, 2)));
        out.addAll(kept("document"));
        return out;
    }

    /** Truncations, flipped bytes, a zeroed and a repeated block: eleven broken copies of a valid file. */
    static List<Sample> mutations(String kind, String name, byte[] valid) {
        Random random = new Random(SEED ^ name.hashCode());
        List<Sample> out = new ArrayList<>();
        for (double cut : new double[] { 0.001, 0.1, 0.5, 0.9 }) {
            out.add(new Sample(kind, "cut-" + (int) (cut * 1000) + "-" + name,
                    Arrays.copyOf(valid, Math.max(1, (int) (valid.length * cut)))));
        }
        out.add(new Sample(kind, "cut-last-byte-" + name, Arrays.copyOf(valid, valid.length - 1)));
        for (int variant = 0; variant < 3; variant++) {
            byte[] flipped = valid.clone();
            for (int i = 0; i < 16; i++) {
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
            }
            out.add(new Sample(kind, "flipped-" + variant + "-" + name, flipped));
        }
        for (int variant = 0; variant < 2; variant++) {
            byte[] zeroed = valid.clone();
            int at = random.nextInt(Math.max(1, zeroed.length - 64));
            Arrays.fill(zeroed, at, Math.min(zeroed.length, at + 64), (byte) 0);
            out.add(new Sample(kind, "zeroed-" + variant + "-" + name, zeroed));
        }
        int middle = valid.length / 2;
        byte[] repeated = new byte[valid.length + 256];
        System.arraycopy(valid, 0, repeated, 0, middle);
        System.arraycopy(valid, middle - 256 < 0 ? 0 : middle - 256, repeated, middle, Math.min(256, middle));
        System.arraycopy(valid, middle, repeated, middle + 256, valid.length - middle);
        out.add(new Sample(kind, "repeated-block-" + name, repeated));
        return out;
    }

    /** Files kept as regressions under {@code fuzz/<kind>/}; none when the folder is absent. */
    static List<Sample> kept(String kind) {
        Path folder = KEPT.resolve(kind);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().map(f -> new Sample(kind, "kept-" + f.getFileName(),
                    read(f))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- seeds ------------------------------------------------------------------------------------------------------

    static byte[] wav() {
        float[] tone = new float[16_000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        }
        return WavCodec.encode(new AudioClip(tone, 16_000), 16);
    }

    static byte[] image(String format) {
        BufferedImage image = new BufferedImage(200, 60, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.fillRect(0, 0, 200, 60);
        g.setColor(java.awt.Color.BLACK);
        g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 28));
        g.drawString("Fuzz 42", 10, 40);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] pdf() {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int p = 1; p <= 2; p++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                    text.newLineAtOffset(72, 700);
                    text.showText("Page " + p + ": the harbour keeps its own clock.");
                    text.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- hostile hand-made files ------------------------------------------------------------------------------------

    private static byte[] wavWith(int tag, int channels, int rate, int bits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(36 + 3200, 4));
        out.writeBytes("WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(16, 4));
        out.writeBytes(le(tag, 2));
        out.writeBytes(le(channels, 2));
        out.writeBytes(le(rate, 4));
        out.writeBytes(le((long) rate * channels * Math.max(1, bits / 8), 4));
        out.writeBytes(le(channels * Math.max(1, bits / 8), 2));
        out.writeBytes(le(bits, 2));
        out.writeBytes("data".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(3200, 4));
        out.writeBytes(new byte[3200]);
        return out.toByteArray();
    }

    private static byte[] riffHeader(long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(size, 4));
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A PNG whose header claims a size far beyond its few bytes of data (a decompression bomb's header). */
    private static byte[] pngClaiming(int width, int height) {
        byte[] valid = image("png");
        byte[] out = valid.clone();
        // IHDR's width and height follow the 8-byte signature, the chunk length (4) and type (4)
        System.arraycopy(be(width), 0, out, 16, 4);
        System.arraycopy(be(height), 0, out, 20, 4);
        return out;
    }

    private static byte[] bmpClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("BM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le(54 + 16, 4));
        out.writeBytes(le(0, 4));
        out.writeBytes(le(54, 4));
        out.writeBytes(le(40, 4));
        out.writeBytes(le(width, 4));
        out.writeBytes(le(height, 4));
        out.writeBytes(le(1, 2));
        out.writeBytes(le(24, 2));
        out.writeBytes(new byte[24 + 16]);
        return out.toByteArray();
    }

    private static byte[] zip(String[][] entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String[] entry : entries) {
                zip.putNextEntry(new ZipEntry(entry[0]));
                zip.write(entry[1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] manyEntries(int count) {
        String[][] entries = new String[count][];
        for (int i = 0; i < count; i++) {
            entries[i] = new String[] { "word/part" + i + ".xml", "<x/>" };
        }
        return zip(entries);
    }

    private static byte[] prefixed(String magic, int length) {
        byte[] out = random(length, magic.hashCode());
        byte[] head = magic.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, out, 0, head.length);
        return out;
    }

    private static byte[] random(int length, long seed) {
        byte[] out = new byte[length];
        new Random(SEED + seed).nextBytes(out);
        return out;
    }

    private static byte[] le(long value, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    private static byte[] be(int value) {
        return new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value };
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
