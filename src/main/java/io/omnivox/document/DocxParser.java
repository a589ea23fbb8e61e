package io.omnivox.document;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlCursor;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDecimalNumber;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBrType;

/**
 * Word documents with POI XWPF. Headings come from paragraph styles ({@code Heading1} or "heading 1") or an outline
 * level; tables become rows of cells joined by {@code " | "}. Pages: Word's own {@code lastRenderedPageBreak} marks
 * when the file has them (they record where pages fell when it was last laid out), else explicit page breaks
 * ({@code <w:br w:type="page"/>}, "page break before") — one source only, as a page break usually also has a rendered
 * mark right after it. Title: the core properties, else a paragraph in the {@code Title} style, else the first
 * heading, else the file name.
 */
public final class DocxParser {

    private static final Pattern HEADING_STYLE = Pattern.compile("heading\\s*([1-9])");
    /** Word's outline levels 0–8 are heading levels 1–9; 9 means body text. */
    private static final int BODY_OUTLINE_LEVEL = 9;

    private final int maxPages;

    public DocxParser(int maxPages) {
        this.maxPages = maxPages;
    }

    public ParsedDocument parse(Path file, String fileName) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
                XWPFDocument docx = new XWPFDocument(pkg)) {
            return new Reader(docx, maxPages).read(fileName);
        } catch (IOException | InvalidFormatException | RuntimeException e) {
            throw OoxmlSupport.failure(e, "DOCX");
        }
    }

    /** One document's walk: the page-break source chosen for the whole file, and the title candidates met. */
    private static final class Reader {

        private final XWPFDocument docx;
        private final DocumentBuilder builder;
        private final boolean renderedBreaks;
        private String titleParagraph;
        private String firstHeading;

        Reader(XWPFDocument docx, int maxPages) {
            this.docx = docx;
            this.builder = new DocumentBuilder(maxPages);
            this.renderedBreaks = hasRenderedBreaks(docx);
        }

        ParsedDocument read(String fileName) {
            for (IBodyElement element : docx.getBodyElements()) {
                if (element instanceof XWPFParagraph paragraph) {
                    paragraph(paragraph);
                } else if (element instanceof XWPFTable table) {
                    table(table);
                }
            }
            String title = TextCleaner.singleLine(docx.getProperties().getCoreProperties().getTitle());
            for (String candidate : new String[] {titleParagraph, firstHeading, fileName}) {
                if (title.isEmpty() && candidate != null) {
                    title = candidate;
                }
            }
            return builder.build(title, "docx");
        }

        private void paragraph(XWPFParagraph paragraph) {
            if (!renderedBreaks && paragraph.isPageBreak()) {
                builder.pageBreak();
            }
            List<String> pieces = pieces(paragraph);
            int level = headingLevel(paragraph);
            boolean title = level == 0 && isTitleStyle(paragraph);
            if (level > 0 || title) {
                // A heading is one line: breaks inside it move it whole to the next page.
                String text = TextCleaner.singleLine(String.join(" ", pieces));
                if (pieces.size() > 1 && pieces.getFirst().isBlank()) {
                    builder.pageBreak();
                }
                if (title) {
                    titleParagraph = titleParagraph == null && !text.isEmpty() ? text : titleParagraph;
                    builder.paragraph(text);
                } else {
                    firstHeading = firstHeading == null && !text.isEmpty() ? text : firstHeading;
                    builder.heading(level, text);
                }
                return;
            }
            for (int i = 0; i < pieces.size(); i++) {
                if (i > 0) {
                    builder.pageBreak();
                }
                builder.paragraph(pieces.get(i));
            }
        }

        private void table(XWPFTable table) {
            for (XWPFTableRow row : table.getRows()) {
                List<String> cells = new ArrayList<>();
                boolean breakInRow = false;
                for (XWPFTableCell cell : row.getTableCells()) {
                    StringBuilder text = new StringBuilder();
                    for (XWPFParagraph paragraph : cell.getParagraphs()) {
                        List<String> pieces = pieces(paragraph);
                        breakInRow |= pieces.size() > 1;
                        text.append(String.join(" ", pieces)).append(' ');
                    }
                    cells.add(TextCleaner.singleLine(text.toString()));
                }
                if (breakInRow) {
                    builder.pageBreak();
                }
                if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                    builder.paragraph(String.join(HtmlText.CELL_SEPARATOR, cells));
                }
            }
        }

        /** The paragraph's text split at the page breaks of the chosen source: n breaks, n + 1 pieces. */
        private List<String> pieces(XWPFParagraph paragraph) {
            List<String> pieces = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (XWPFRun run : paragraph.getRuns()) {
                try (XmlCursor cursor = run.getCTR().newCursor()) {
                    for (boolean more = cursor.toFirstChild(); more; more = cursor.toNextSibling()) {
                        String name = cursor.getName().getLocalPart();
                        switch (name) {
                            case "t" -> text.append(cursor.getTextValue());
                            case "tab", "ptab" -> text.append('\t');
                            case "cr" -> text.append('\n');
                            case "noBreakHyphen" -> text.append('-');
                            case "br" -> {
                                if (!renderedBreaks && cursor.getObject() instanceof CTBr br
                                        && br.getType() == STBrType.PAGE) {
                                    pieces.add(text.toString());
                                    text.setLength(0);
                                } else {
                                    text.append('\n');
                                }
                            }
                            case "lastRenderedPageBreak" -> {
                                if (renderedBreaks) {
                                    pieces.add(text.toString());
                                    text.setLength(0);
                                }
                            }
                            default -> {
                                // Properties, drawings, field codes, deleted text: not part of the reading text.
                            }
                        }
                    }
                }
            }
            pieces.add(text.toString());
            return pieces;
        }

        private int headingLevel(XWPFParagraph paragraph) {
            int level = outlineLevel(paragraph.getCTP().getPPr());
            XWPFStyle style = paragraph.getStyleID() == null || docx.getStyles() == null ? null
                    : docx.getStyles().getStyle(paragraph.getStyleID());
            for (String name : new String[] {paragraph.getStyleID(), style == null ? null : style.getName()}) {
                Matcher heading = name == null ? null : HEADING_STYLE.matcher(name.toLowerCase(Locale.ROOT));
                if (level == 0 && heading != null && heading.matches()) {
                    level = Integer.parseInt(heading.group(1));
                }
            }
            if (level == 0 && style != null && style.getCTStyle().getPPr() != null) {
                level = outlineLevel(style.getCTStyle().getPPr());
            }
            return level;
        }

        private static int outlineLevel(CTPPrGeneral properties) {
            return properties == null || !properties.isSetOutlineLvl() ? 0
                    : outlineLevel(properties.getOutlineLvl());
        }

        private static int outlineLevel(CTPPr properties) {
            return properties == null || !properties.isSetOutlineLvl() ? 0
                    : outlineLevel(properties.getOutlineLvl());
        }

        private static int outlineLevel(CTDecimalNumber outline) {
            int value = outline.getVal().intValue();
            return value >= 0 && value < BODY_OUTLINE_LEVEL ? value + 1 : 0;
        }

        private boolean isTitleStyle(XWPFParagraph paragraph) {
            String id = paragraph.getStyleID();
            XWPFStyle style = id == null || docx.getStyles() == null ? null : docx.getStyles().getStyle(id);
            return "title".equalsIgnoreCase(id) || style != null && "title".equalsIgnoreCase(style.getName());
        }

        /** Whether Word left its rendered page marks in the file (a file saved by a program that lays out pages). */
        private static boolean hasRenderedBreaks(XWPFDocument docx) {
            try (XmlCursor cursor = docx.getDocument().getBody().newCursor()) {
                cursor.selectPath("declare namespace w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'"
                        + " .//w:lastRenderedPageBreak");
                return cursor.toNextSelection();
            }
        }
    }
}
