package io.omnivox.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/** Documents the tests build themselves: DOCX and PPTX with POI, EPUB with a ZipOutputStream, and zip bombs. */
public final class TestDocuments {

    /** Unpacked size of the bombs: far past every default limit, yet a few hundred KiB on the wire. */
    public static final int BOMB_BYTES = 300 * 1024 * 1024;

    private TestDocuments() {
    }

    /**
     * A report: title in core properties, a Title-style paragraph, headings by style id, by style name and by outline
     * level, a table, and an explicit page break (page 2 starts at "Results").
     */
    public static byte[] docx() throws IOException {
        try (XWPFDocument docx = new XWPFDocument()) {
            docx.getProperties().getCoreProperties().setTitle("Quarterly Report");
            XWPFStyles styles = docx.createStyles();
            CTStyle localized = CTStyle.Factory.newInstance();
            localized.setStyleId("Ueberschrift2");
            localized.setType(STStyleType.PARAGRAPH);
            localized.addNewName().setVal("heading 2");
            styles.addStyle(new XWPFStyle(localized));

            paragraph(docx, "Title", "The Report");
            paragraph(docx, "Heading1", "Introduction");
            paragraph(docx, null, "Omnivox parses office files.");
            paragraph(docx, "Ueberschrift2", "Scope");
            paragraph(docx, null, "Only text matters here.");
            XWPFTable table = docx.createTable(2, 2);
            table.getRow(0).getCell(0).setText("Name");
            table.getRow(0).getCell(1).setText("Value");
            table.getRow(1).getCell(0).setText("pages");
            table.getRow(1).getCell(1).setText("2");
            XWPFParagraph beforeBreak = docx.createParagraph();
            beforeBreak.createRun().setText("End of page one.");
            beforeBreak.createRun().addBreak(BreakType.PAGE);
            paragraph(docx, "Heading1", "Results");
            XWPFParagraph outlined = paragraph(docx, null, "Details");
            outlined.getCTP().addNewPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(2));
            paragraph(docx, null, "All good.");
            return save(docx);
        }
    }

    static XWPFParagraph paragraph(XWPFDocument docx, String style, String text) {
        XWPFParagraph paragraph = docx.createParagraph();
        if (style != null) {
            paragraph.setStyle(style);
        }
        paragraph.createRun().setText(text);
        return paragraph;
    }

    static byte[] save(XWPFDocument docx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        docx.write(out);
        return out.toByteArray();
    }

    /** Two slides: a title slide, and one with a body, a grouped text box and a table. */
    public static byte[] pptx() throws IOException {
        try (XMLSlideShow deck = new XMLSlideShow()) {
            XSLFSlideLayout layout = deck.getSlideMasters().getFirst().getLayout(SlideLayout.TITLE_AND_CONTENT);
            XSLFSlide first = deck.createSlide(layout);
            first.getPlaceholder(0).setText("Roadmap 2025");
            first.getPlaceholder(1).setText("Where we are going");
            XSLFSlide second = deck.createSlide(layout);
            second.getPlaceholder(0).setText("Milestones");
            second.getPlaceholder(1).setText("Ship documents");
            XSLFGroupShape group = second.createGroup();
            XSLFTextBox box = group.createTextBox();
            box.setText("Grouped note");
            XSLFTable table = second.createTable();
            XSLFTableRow row = table.addRow();
            row.addCell().setText("Q1");
            row.addCell().setText("parsing");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            deck.write(out);
            return out.toByteArray();
        }
    }

    /**
     * A two-chapter book; the first chapter's file name has a space (the manifest escapes it as %20) and the OPF sits in
     * a folder, so hrefs must be resolved against it.
     */
    public static byte[] epub() throws IOException {
        return epub(Map.of(
                "OEBPS/Text/chapter 1.xhtml", xhtml("<h1>Chapter One</h1><p>It was a bright day.</p>"
                        + "<h2>A Walk</h2><p>They walked.</p>"),
                "OEBPS/Text/ch2.xhtml", xhtml("<h1>Chapter Two</h1><p>Night fell.</p>")),
                "Text/chapter%201.xhtml", "Text/ch2.xhtml");
    }

    public static byte[] epub(Map<String, byte[]> chapters, String firstHref, String secondHref) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            epubStart(zip);
            put(zip, "OEBPS/content.opf", ("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
                      <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                        <dc:identifier id="id">urn:test:book</dc:identifier>
                        <dc:title>The Test Book</dc:title>
                      </metadata>
                      <manifest>
                        <item id="c1" href="%s" media-type="application/xhtml+xml"/>
                        <item id="c2" href="%s" media-type="application/xhtml+xml"/>
                      </manifest>
                      <spine><itemref idref="c1"/><itemref idref="c2"/></spine>
                    </package>""").formatted(firstHref, secondHref).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> chapter : chapters.entrySet()) {
                put(zip, chapter.getKey(), chapter.getValue());
            }
        }
        return bytes.toByteArray();
    }

    /** A one-chapter EPUB 3 whose manifest names {@code png} as its cover image. */
    public static byte[] epubWithCover(byte[] png) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            epubStart(zip);
            put(zip, "OEBPS/content.opf", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
                      <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                        <dc:identifier id="id">urn:test:cover</dc:identifier>
                        <dc:title>The Covered Book</dc:title>
                      </metadata>
                      <manifest>
                        <item id="cover" href="Images/cover.png" media-type="image/png" properties="cover-image"/>
                        <item id="c1" href="Text/one.xhtml" media-type="application/xhtml+xml"/>
                      </manifest>
                      <spine><itemref idref="c1"/></spine>
                    </package>""".getBytes(StandardCharsets.UTF_8));
            put(zip, "OEBPS/Images/cover.png", png);
            put(zip, "OEBPS/Text/one.xhtml", xhtml("<h1>Only Chapter</h1><p>The end came quickly.</p>"));
        }
        return bytes.toByteArray();
    }

    /** An EPUB's first entries: the uncompressed mimetype, and a container naming {@code OEBPS/content.opf}. */
    private static void epubStart(ZipOutputStream zip) throws IOException {
        stored(zip, "mimetype", "application/epub+zip".getBytes(StandardCharsets.US_ASCII));
            put(zip, "META-INF/container.xml", """
                    <?xml version="1.0"?>
                    <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
                      <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
                      </rootfiles>
                    </container>""".getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] xhtml(String body) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">"
                + "<head><title>x</title></head><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] docxBomb;
    private static byte[] epubBomb;

    /**
     * A DOCX whose {@code word/document.xml} is a valid start followed by {@link #BOMB_BYTES} of spaces; built once per
     * test JVM, as deflating 300 MB takes a moment.
     */
    public static synchronized byte[] docxBomb() throws IOException {
        if (docxBomb == null) {
            docxBomb = buildDocxBomb();
        }
        return docxBomb;
    }

    /** An EPUB whose first chapter unpacks to {@link #BOMB_BYTES} of spaces; built once per test JVM. */
    public static synchronized byte[] epubBomb() throws IOException {
        if (epubBomb == null) {
            epubBomb = buildEpubBomb();
        }
        return epubBomb;
    }

    private static byte[] buildDocxBomb() throws IOException {
        byte[] good = docx();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(good));
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("word/document.xml")) {
                    zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas."
                            + "openxmlformats.org/wordprocessingml/2006/main\"><w:body>")
                            .getBytes(StandardCharsets.UTF_8));
                    spaces(zip, BOMB_BYTES);
                    zip.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] buildEpubBomb() throws IOException {
        // The bomb entry is streamed into the archive: building it in memory first would cost the 300 MB it unpacks to.
        byte[] book = epub(Map.of("OEBPS/Text/ch2.xhtml", xhtml("<p>Fine.</p>")), "Text/bomb.xhtml", "Text/ch2.xhtml");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(book));
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals("mimetype")) {
                    stored(zip, "mimetype", in.readAllBytes());
                } else {
                    put(zip, entry.getName(), in.readAllBytes());
                }
            }
            zip.putNextEntry(new ZipEntry("OEBPS/Text/bomb.xhtml"));
            zip.write("<html><body><p>".getBytes(StandardCharsets.UTF_8));
            spaces(zip, BOMB_BYTES);
            zip.write("</p></body></html>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void spaces(OutputStream out, int count) throws IOException {
        byte[] block = new byte[1 << 20];
        Arrays.fill(block, (byte) ' ');
        for (int written = 0; written < count; written += block.length) {
            out.write(block, 0, Math.min(block.length, count - written));
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /** EPUB readers expect {@code mimetype} first and uncompressed. */
    private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }
}
