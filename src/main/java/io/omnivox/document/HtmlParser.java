package io.omnivox.document;

import java.io.IOException;
import java.nio.file.Path;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** A web page with jsoup, as one page. Title: {@code <title>}, else the first {@code h1}, else the file name. */
public final class HtmlParser {

    private final int maxPages;

    public HtmlParser(int maxPages) {
        this.maxPages = maxPages;
    }

    /** A page from a file, in the charset its BOM or {@code <meta charset>} names (UTF-8 when none). */
    public ParsedDocument parse(Path file, String fileName) throws IOException {
        return parse(Jsoup.parse(file.toFile(), null), fileName, "html");
    }

    public ParsedDocument parse(String html, String fileName) {
        return parse(Jsoup.parse(html), fileName, "html");
    }

    /** Also used for Markdown, which is rendered to HTML first and reported under its own {@code format}. */
    ParsedDocument parse(Document page, String fileName, String format) {
        DocumentBuilder builder = new DocumentBuilder(maxPages).newPage();
        HtmlText.append(page.body(), builder);
        String title = TextCleaner.singleLine(page.title());
        if (title.isEmpty()) {
            Element h1 = page.body().selectFirst("h1");
            title = h1 == null ? "" : TextCleaner.singleLine(h1.text());
        }
        return builder.build(title.isEmpty() ? fileName : title, format);
    }
}
