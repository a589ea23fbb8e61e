package io.omnivox.document;

/** Plain text as one page, paragraphs at blank lines. Title: the file name. */
public final class TextParser {

    private final int maxPages;

    public TextParser(int maxPages) {
        this.maxPages = maxPages;
    }

    public ParsedDocument parse(String text, String fileName) {
        DocumentBuilder builder = new DocumentBuilder(maxPages).newPage();
        for (String paragraph : TextCleaner.paragraphs(text)) {
            builder.paragraph(paragraph);
        }
        return builder.build(fileName, "text");
    }
}
