package io.omnivox.document;

import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown with commonmark, rendered to HTML and read like a web page, so ATX ({@code ## x}) and setext
 * ({@code x\n---}) headings both come out with their levels. Title: the first level-1 heading, else the file name.
 */
public final class MarkdownParser {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().build();
    private final HtmlParser html;

    public MarkdownParser(int maxPages) {
        this.html = new HtmlParser(maxPages);
    }

    public ParsedDocument parse(String markdown, String fileName) {
        // Rendered HTML has no <title>, so the title falls to the first h1, as wanted for Markdown.
        return html.parse(Jsoup.parse(renderer.render(parser.parse(markdown))), fileName, "markdown");
    }
}
