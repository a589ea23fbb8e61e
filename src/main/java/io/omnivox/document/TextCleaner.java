package io.omnivox.document;

import java.util.List;
import java.util.regex.Pattern;

/** Whitespace normalisation shared by the parsers, so the same text comes out whatever the source format. */
final class TextCleaner {

    /** Whitespace including the no-break space, which office and web documents use as ordinary spacing. */
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");
    private static final Pattern LINE_SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\u00A0]+");

    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t\\u00A0]*\\n\\s*");

    private TextCleaner() {
    }

    /** All whitespace runs to one space, trimmed: headings, table cells, titles. */
    static String singleLine(String text) {
        return text == null ? "" : SPACES.matcher(text).replaceAll(" ").strip();
    }

    /** Keeps line breaks but collapses the spaces within each line and trims each line. */
    static String lines(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String clean = LINE_SPACES.matcher(line).replaceAll(" ").strip();
            if (!clean.isEmpty()) {
                if (!out.isEmpty()) {
                    out.append('\n');
                }
                out.append(clean);
            }
        }
        return out.toString();
    }

    /** Plain text cut into paragraphs at blank lines, any line ending accepted. */
    static List<String> paragraphs(String text) {
        String unified = text.replace("\r\n", "\n").replace('\r', '\n');
        return List.of(BLANK_LINE.split(unified));
    }
}
