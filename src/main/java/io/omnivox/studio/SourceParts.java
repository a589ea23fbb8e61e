package io.omnivox.studio;

import java.util.ArrayList;
import java.util.List;

/** A source text cut into consecutive parts of about equal length, at paragraph (else sentence) boundaries. */
final class SourceParts {

    private SourceParts() {
    }

    /** Exactly {@code count} parts, in order; the later ones may be empty when the text is short. */
    static List<String> split(String text, int count) {
        String[] paragraphs = text.strip().split("\\n\\s*\\n");
        List<String> pieces = new ArrayList<>();
        for (String paragraph : paragraphs) {
            if (paragraphs.length < count) {
                for (String sentence : paragraph.split("(?<=[.!?])\\s+")) {
                    pieces.add(sentence);
                }
            } else {
                pieces.add(paragraph);
            }
        }
        int total = pieces.stream().mapToInt(String::length).sum();
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int done = 0;
        for (String piece : pieces) {
            current.append(current.isEmpty() ? "" : "\n\n").append(piece.strip());
            done += piece.length();
            if (parts.size() < count - 1 && done >= (long) total * (parts.size() + 1) / count) {
                parts.add(current.toString());
                current.setLength(0);
            }
        }
        parts.add(current.toString());
        while (parts.size() < count) {
            parts.add("");
        }
        return parts;
    }
}
