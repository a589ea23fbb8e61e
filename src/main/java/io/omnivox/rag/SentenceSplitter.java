package io.omnivox.rag;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds sentence ends in prose, Latin and Chinese alike, without a language model: a sentence ends after {@code .!?}
 * followed by white space (and not by a lower-case letter, which keeps "e.g. this" together), right after the
 * full-width {@code 。！？} (Chinese does not put a space after them), and at a blank line (paragraphs, headings).
 * Closing quotes and brackets after the mark stay with the sentence.
 */
final class SentenceSplitter {

    private SentenceSplitter() {
    }

    /**
     * The end offsets (exclusive) of the sentences in {@code text} between {@code start} and {@code end}; the last
     * one is always {@code end}.
     */
    static List<Integer> sentenceEnds(String text, int start, int end) {
        List<Integer> ends = new ArrayList<>();
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            int boundary = -1;
            if (c == '。' || c == '！' || c == '？') {
                boundary = skipClosers(text, i + 1, end);
            } else if (c == '.' || c == '!' || c == '?') {
                int after = skipClosers(text, i + 1, end);
                if (after == end || (Character.isWhitespace(text.charAt(after)) && !nextIsLowerCase(text, after, end))) {
                    boundary = after;
                }
            } else if (c == '\n' && blankLineFollows(text, i + 1, end)) {
                boundary = i + 1;
            }
            if (boundary > start && boundary < end && (ends.isEmpty() || boundary > ends.get(ends.size() - 1))) {
                ends.add(boundary);
                i = boundary;
            } else {
                i++;
            }
        }
        ends.add(end);
        return ends;
    }

    private static int skipClosers(String text, int i, int end) {
        while (i < end && "\"'”’)]」』）".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static boolean nextIsLowerCase(String text, int i, int end) {
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < end && Character.isLowerCase(text.charAt(i));
    }

    private static boolean blankLineFollows(String text, int i, int end) {
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r')) {
            i++;
        }
        return i < end && text.charAt(i) == '\n';
    }
}
