package io.omnivox.studio;

import java.util.ArrayList;
import java.util.List;

import io.omnivox.document.ParsedDocument;

/**
 * A book's chapters from its parsed text: split at its top-level headings (an EPUB's or DOCX's chapter titles, a
 * Markdown file's {@code #} lines); an EPUB without headings gets a chapter per spine document; anything else without
 * headings is one chapter, with a warning.
 */
final class BookChapters {

    /** One chapter: its title and its text. */
    record Chapter(String title, String text) {
    }

    /** The chapters and what was guessed about them. */
    record Result(List<Chapter> chapters, List<String> warnings) {
    }

    private BookChapters() {
    }

    static Result of(ParsedDocument book) {
        String text = book.text();
        int top = book.headings().stream().mapToInt(ParsedDocument.Heading::level).min().orElse(0);
        List<ParsedDocument.Heading> titles = book.headings().stream().filter(h -> h.level() == top).toList();
        List<Chapter> chapters = new ArrayList<>();
        if (!titles.isEmpty()) {
            String opening = text.substring(0, titles.get(0).offset()).strip();
            if (!opening.isEmpty()) {
                chapters.add(new Chapter(titleOf(book, "Opening"), opening));
            }
            for (int i = 0; i < titles.size(); i++) {
                int end = i + 1 < titles.size() ? titles.get(i + 1).offset() : text.length();
                String body = text.substring(titles.get(i).offset(), end).strip();
                if (!body.isEmpty()) {
                    chapters.add(new Chapter(titles.get(i).text().strip(), body));
                }
            }
            return new Result(chapters, List.of());
        }
        if (book.format().equals("epub") && book.pages().size() > 1) {
            for (ParsedDocument.Page page : book.pages()) {
                if (!page.text().isBlank()) {
                    chapters.add(new Chapter("Chapter " + (chapters.size() + 1), page.text().strip()));
                }
            }
            return new Result(chapters, List.of("The book's chapters have no titles; they are numbered."));
        }
        if (text.isBlank()) {
            return new Result(List.of(), List.of());
        }
        return new Result(List.of(new Chapter(titleOf(book, "Chapter 1"), text.strip())),
                List.of("No chapters were found (no headings); the book is read as one chapter."));
    }

    private static String titleOf(ParsedDocument book, String fallback) {
        return book.title() == null || book.title().isBlank() ? fallback : book.title().strip();
    }
}
