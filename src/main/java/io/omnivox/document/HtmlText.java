package io.omnivox.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Walks an HTML element into a {@link DocumentBuilder}: {@code h1}–{@code h6} become headings, block elements end a
 * paragraph, table rows become one paragraph of cells joined by {@code " | "}, {@code <br>} a line break, and
 * {@code <pre>} keeps its layout. Shared by the HTML, Markdown and EPUB parsers.
 */
final class HtmlText {

    static final String CELL_SEPARATOR = " | ";

    /** Markup whose text is not part of the reading text. */
    private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "head", "svg",
            "math", "iframe", "object", "canvas", "select", "button");

    /** Elements that start and end a paragraph of their own. */
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
            "figure", "figcaption", "section", "article", "header", "footer", "aside", "main", "nav", "address", "hr",
            "table", "thead", "tbody", "tfoot", "caption", "form", "fieldset", "legend", "details", "summary", "body",
            "center", "hgroup");

    private final DocumentBuilder builder;
    private final StringBuilder inline = new StringBuilder();

    private HtmlText(DocumentBuilder builder) {
        this.builder = builder;
    }

    /** Adds the text under {@code root} to the builder's current page. */
    static void append(Element root, DocumentBuilder builder) {
        HtmlText walker = new HtmlText(builder);
        walker.walk(root);
        walker.flush();
    }

    /** The level of a heading element, or 0. */
    static int headingLevel(Element element) {
        String name = element.normalName();
        return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6'
                ? name.charAt(1) - '0' : 0;
    }

    private void walk(Node node) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode text) {
                inline.append(text.getWholeText().replace('\n', ' '));
            } else if (child instanceof Element element) {
                element(element);
            }
        }
    }

    private void element(Element element) {
        String name = element.normalName();
        if (SKIPPED.contains(name)) {
            return;
        }
        int level = headingLevel(element);
        if (level > 0) {
            flush();
            builder.heading(level, element.text());
        } else if (name.equals("br")) {
            inline.append('\n');
        } else if (name.equals("pre")) {
            flush();
            builder.paragraph(stripBlankEdges(element.wholeText()));
        } else if (name.equals("tr")) {
            flush();
            builder.paragraph(row(element));
        } else if (BLOCKS.contains(name)) {
            flush();
            walk(element);
            flush();
        } else {
            walk(element);
        }
    }

    private static String row(Element tr) {
        List<String> cells = new ArrayList<>();
        for (Element cell : tr.children()) {
            if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
                cells.add(TextCleaner.singleLine(cell.text()));
            }
        }
        return String.join(CELL_SEPARATOR, cells);
    }

    private void flush() {
        builder.paragraph(TextCleaner.lines(inline.toString()));
        inline.setLength(0);
    }

    /** Preformatted text keeps its indentation; only the blank lines around it go. */
    private static String stripBlankEdges(String text) {
        return text.replaceAll("^(\\s*\\n)+", "").stripTrailing();
    }
}
