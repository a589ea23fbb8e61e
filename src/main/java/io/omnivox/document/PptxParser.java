package io.omnivox.document;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/**
 * PowerPoint decks with POI XSLF, one page per slide: the title placeholder becomes a level-1 heading, the other text
 * shapes (inside groups too) and tables their paragraphs. Title: the core properties, else the first slide's title,
 * else the file name.
 */
public final class PptxParser {

    private final int maxPages;

    public PptxParser(int maxPages) {
        this.maxPages = maxPages;
    }

    public ParsedDocument parse(Path file, String fileName) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
                XMLSlideShow deck = new XMLSlideShow(pkg)) {
            List<XSLFSlide> slides = deck.getSlides();
            if (slides.size() > maxPages) {
                throw new DocumentException(413, "document-too-many-pages",
                        "The PPTX has " + slides.size() + " slides; the limit is " + maxPages + ".");
            }
            DocumentBuilder builder = new DocumentBuilder(maxPages);
            String firstTitle = null;
            for (XSLFSlide slide : slides) {
                builder.newPage();
                String title = slide(slide, builder);
                firstTitle = firstTitle == null ? title : firstTitle;
            }
            String title = TextCleaner.singleLine(deck.getProperties().getCoreProperties().getTitle());
            title = !title.isEmpty() ? title : firstTitle != null ? firstTitle : fileName;
            return builder.build(title, "pptx");
        } catch (IOException | InvalidFormatException | RuntimeException e) {
            throw OoxmlSupport.failure(e, "PPTX");
        }
    }

    /** Adds one slide (its title first, whatever its place in the drawing order); answers the title, if any. */
    private static String slide(XSLFSlide slide, DocumentBuilder builder) {
        List<XSLFShape> body = new ArrayList<>();
        String title = null;
        for (XSLFShape shape : slide.getShapes()) {
            if (title == null && shape instanceof XSLFTextShape text && isTitle(text)
                    && !TextCleaner.singleLine(text.getText()).isEmpty()) {
                title = TextCleaner.singleLine(text.getText());
            } else {
                body.add(shape);
            }
        }
        if (title != null) {
            builder.heading(1, title);
        }
        body.forEach(shape -> shape(shape, builder));
        return title;
    }

    private static boolean isTitle(XSLFTextShape shape) {
        Placeholder placeholder = shape.getTextType();
        return placeholder == Placeholder.TITLE || placeholder == Placeholder.CENTERED_TITLE;
    }

    private static void shape(XSLFShape shape, DocumentBuilder builder) {
        if (shape instanceof XSLFGroupShape group) {
            group.getShapes().forEach(child -> shape(child, builder));
        } else if (shape instanceof XSLFTable table) {
            for (XSLFTableRow row : table.getRows()) {
                List<String> cells = row.getCells().stream().map(XSLFTableCell::getText).map(TextCleaner::singleLine)
                        .toList();
                if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                    builder.paragraph(String.join(HtmlText.CELL_SEPARATOR, cells));
                }
            }
        } else if (shape instanceof XSLFTextShape text) {
            for (XSLFTextParagraph paragraph : text.getTextParagraphs()) {
                builder.paragraph(TextCleaner.lines(paragraph.getText()));
            }
        }
    }
}
