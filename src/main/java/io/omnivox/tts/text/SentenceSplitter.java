package io.omnivox.tts.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Cuts text into chunks for streaming synthesis: whole sentences where possible, so each chunk has natural prosody and
 * the first one is ready quickly.
 * <ol>
 * <li>Sentences end at {@code . ! ? ; 。 ！ ？ ； …} (with any closing quotes, brackets and closing tags after them) and
 * at line breaks. A period is no sentence end in a number (3.5), an address (example.com), after an initial
 * (J. R. R.) or after an abbreviation that does not end sentences (Dr., e.g., vs.); inside a {@code <strong>} or
 * {@code <laughter>} span no sentence ends.</li>
 * <li>A sentence longer than the maximum is cut at its last clause mark that fits ({@code , ， 、 : ： —}, not in
 * 1,234 or 10:30), else at its last space that fits, else (CJK without punctuation, a very long word) at the longest
 * prefix that fits, never inside a tag.</li>
 * <li>A piece shorter than the minimum is merged with the next one as long as the two fit the maximum.</li>
 * </ol>
 * Lengths are weights: one per character, {@code cjkWeight} per CJK character (a Chinese character takes about as long
 * to say as three Latin letters: about 5 characters per second against about 15), nothing for tags. Every chunk weighs
 * at most the maximum. Span tags cut by a chunk boundary are closed at its end and reopened at the start of the next
 * chunk, so every chunk is balanced. Whitespace runs, line breaks included, become one space. Immutable and
 * thread-safe.
 */
public final class SentenceSplitter {

    public static final int DEFAULT_MIN_LENGTH = 8;
    public static final int DEFAULT_MAX_LENGTH = 120;
    public static final int DEFAULT_CJK_WEIGHT = 3;

    private static final String SENTENCE_ENDS = ".!?;。！？；…";
    private static final String CLAUSE_MARKS = ",，、:：—";
    private static final String CLOSERS = "\"'”’)）」』》】]";

    private final int minLength;
    private final int maxLength;
    private final int cjkWeight;

    /** Chunks of 8 to 120, CJK characters weighing 3. */
    public SentenceSplitter() {
        this(DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH, DEFAULT_CJK_WEIGHT);
    }

    /**
     * @param minLength pieces lighter than this are merged with the next one (0 disables merging)
     * @param maxLength no chunk weighs more; at least {@code cjkWeight}, so one CJK character fits
     * @param cjkWeight weight of one CJK character, at least 1
     */
    public SentenceSplitter(int minLength, int maxLength, int cjkWeight) {
        if (cjkWeight < 1) {
            throw new IllegalArgumentException("cjkWeight must be at least 1, got " + cjkWeight);
        }
        if (minLength < 0 || maxLength < Math.max(minLength, cjkWeight)) {
            throw new IllegalArgumentException("need 0 <= minLength <= maxLength and maxLength >= cjkWeight, got min "
                    + minLength + ", max " + maxLength + ", cjkWeight " + cjkWeight);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.cjkWeight = cjkWeight;
    }

    /** The chunks of {@code text}, in order; empty when it holds nothing to say. */
    public List<String> split(String text) {
        Layout layout = new Layout(text, cjkWeight);
        List<int[]> pieces = new ArrayList<>();
        for (int[] sentence : sentences(layout)) {
            cutToMax(layout, sentence[0], sentence[1], pieces);
        }
        return render(layout, merge(layout, pieces));
    }

    /** The weight of {@code text}: what the minimum and maximum lengths measure. */
    public int weight(String text) {
        Layout layout = new Layout(text, cjkWeight);
        return layout.weight(0, text.length());
    }

    private List<int[]> sentences(Layout layout) {
        String text = layout.text;
        List<int[]> sentences = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            if (layout.inTag(i)) {
                i = layout.tagEnd(i);
                continue;
            }
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                addTrimmed(layout, start, i, sentences);
                start = i + 1;
                i++;
                continue;
            }
            if (SENTENCE_ENDS.indexOf(c) >= 0 && (c != '.' || periodEndsSentence(layout, i))) {
                int end = afterClosers(layout, i + 1, true);
                if (layout.spanDepth(end) == 0) {
                    addTrimmed(layout, start, end, sentences);
                    start = end;
                }
                i = end;
                continue;
            }
            i++;
        }
        addTrimmed(layout, start, text.length(), sentences);
        return sentences;
    }

    /** Whether the period at {@code at} ends a sentence rather than a number, address, initial or abbreviation. */
    private static boolean periodEndsSentence(Layout layout, int at) {
        String text = layout.text;
        int next = at + 1 < text.length() ? text.codePointAt(at + 1) : -1;
        if (next != -1 && (Lang.isLatinWordChar(next) || next == ',')) {
            return false;
        }
        int wordStart = at;
        while (wordStart > 0 && (Lang.isLatinLetter(text.charAt(wordStart - 1)) || (text.charAt(wordStart - 1) == '.'
                && wordStart - 1 > 0 && Lang.isLatinLetter(text.charAt(wordStart - 2))))) {
            wordStart--;
        }
        String word = text.substring(wordStart, at);
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            // An initial: "J. R. R. Tolkien".
            return false;
        }
        Optional<Abbreviations.Abbreviation> abbreviation = Abbreviations.lookup(word);
        boolean initialism = word.indexOf('.') > 0 && abbreviation.isEmpty();
        if (abbreviation.isEmpty() && !initialism) {
            return true;
        }
        if (abbreviation.isPresent() && abbreviation.get().kind() != Abbreviations.Kind.FINAL) {
            return false;
        }
        // "etc." and "U.S." end a sentence when a capital, a CJK character or the end follows.
        int after = at + 1;
        while (after < text.length() && text.charAt(after) == ' ') {
            after++;
        }
        return after >= text.length() || after > at + 1 && (Character.isUpperCase(text.charAt(after))
                || Lang.isCjk(text.charAt(after)) || text.charAt(after) == '\n');
    }

    /** Past further sentence marks, closing quotes and brackets, and closing tags (with {@code tags}). */
    private static int afterClosers(Layout layout, int from, boolean sentenceMarks) {
        String text = layout.text;
        int i = from;
        while (i < text.length()) {
            if (layout.inTag(i)) {
                if (!Markup.isClosing(layout.tagAt(i))) {
                    break;
                }
                i = layout.tagEnd(i);
            } else if (CLOSERS.indexOf(text.charAt(i)) >= 0
                    || (sentenceMarks && SENTENCE_ENDS.indexOf(text.charAt(i)) >= 0)) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** Adds {@code [start, end)} cut into pieces of at most the maximum weight. */
    private void cutToMax(Layout layout, int start, int end, List<int[]> pieces) {
        while (layout.weight(start, end) > maxLength) {
            int cut = cutPoint(layout, start, end);
            addTrimmed(layout, start, cut, pieces);
            start = cut;
            // The space a cut was made at belongs to neither piece, nor does it count towards the next one.
            while (start < end && Character.isWhitespace(layout.text.charAt(start))) {
                start++;
            }
        }
        addTrimmed(layout, start, end, pieces);
    }

    /** Where to cut a too-long piece: the last clause mark that fits, else the last space, else as far as fits. */
    private int cutPoint(Layout layout, int start, int end) {
        String text = layout.text;
        int lastClause = -1;
        int lastSpace = -1;
        int lastFit = start;
        for (int i = start; i < end; ) {
            int next = layout.inTag(i) ? layout.tagEnd(i) : i + Character.charCount(text.codePointAt(i));
            if (layout.weight(start, next) > maxLength) {
                break;
            }
            lastFit = next;
            if (!layout.inTag(i)) {
                char c = text.charAt(i);
                if (CLAUSE_MARKS.indexOf(c) >= 0 && !betweenDigits(text, i)) {
                    int after = afterClosers(layout, i + 1, false);
                    if (layout.weight(start, after) <= maxLength && layout.weight(start, after) >= minLength) {
                        lastClause = after;
                    }
                } else if (c == ' ' && layout.weight(start, i) >= minLength && !afterAbbreviation(text, i)) {
                    lastSpace = i;
                }
            }
            i = next;
        }
        if (lastClause > start) {
            return lastClause;
        }
        if (lastSpace > start) {
            return lastSpace;
        }
        return Math.max(lastFit, start + 1);
    }

    private static boolean betweenDigits(String text, int at) {
        return at > 0 && at + 1 < text.length() && Character.isDigit(text.charAt(at - 1))
                && Character.isDigit(text.charAt(at + 1));
    }

    /** "Dr. Smith": a space after a title or inline abbreviation is no place to cut. */
    private static boolean afterAbbreviation(String text, int space) {
        if (space == 0 || text.charAt(space - 1) != '.') {
            return false;
        }
        int wordStart = space - 1;
        while (wordStart > 0 && Lang.isLatinLetter(text.charAt(wordStart - 1))) {
            wordStart--;
        }
        return Abbreviations.lookup(text.substring(wordStart, space - 1))
                .map(a -> a.kind() != Abbreviations.Kind.FINAL).orElse(false);
    }

    private List<int[]> merge(Layout layout, List<int[]> pieces) {
        List<int[]> merged = new ArrayList<>();
        for (int[] piece : pieces) {
            if (!merged.isEmpty()) {
                int[] last = merged.get(merged.size() - 1);
                boolean shortPiece = layout.weight(last[0], last[1]) < minLength
                        || layout.weight(piece[0], piece[1]) < minLength;
                if (shortPiece && layout.weight(last[0], piece[1]) <= maxLength) {
                    last[1] = piece[1];
                    continue;
                }
            }
            merged.add(piece.clone());
        }
        return merged;
    }

    /** Each piece as text: whitespace collapsed, span tags balanced across pieces, unspeakable pieces dropped. */
    private static List<String> render(Layout layout, List<int[]> pieces) {
        List<String> chunks = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>();
        for (int[] piece : pieces) {
            StringBuilder chunk = new StringBuilder();
            for (Iterator<String> it = open.descendingIterator(); it.hasNext(); ) {
                chunk.append(it.next());
            }
            boolean speakable = false;
            for (Markup.Segment segment : Markup.segments(layout.text.substring(piece[0], piece[1]))) {
                String piecePart = segment.text();
                if (!segment.tag()) {
                    chunk.append(piecePart.replaceAll("\\s+", " "));
                    speakable |= piecePart.codePoints().anyMatch(Character::isLetterOrDigit);
                    continue;
                }
                chunk.append(piecePart);
                Optional<String> closing = Markup.closingOf(piecePart);
                if (closing.isPresent()) {
                    open.push(piecePart);
                } else if (Markup.isClosing(piecePart)) {
                    if (!open.isEmpty() && Markup.closingOf(open.peek()).orElseThrow().equalsIgnoreCase(piecePart)) {
                        open.pop();
                    }
                } else {
                    speakable = true;
                }
            }
            for (String tag : open) {
                chunk.append(Markup.closingOf(tag).orElseThrow());
            }
            if (speakable) {
                chunks.add(chunk.toString().strip());
            }
        }
        return chunks;
    }

    /** Adds {@code [start, end)} without its leading and trailing whitespace, if anything is left. */
    private static void addTrimmed(Layout layout, int start, int end, List<int[]> pieces) {
        String text = layout.text;
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start < end) {
            pieces.add(new int[] {start, end});
        }
    }

    /** The text with its tags located and a running weight, so any range's weight is one subtraction. */
    private static final class Layout {

        final String text;
        /** For each character inside a tag, the index just past the tag; -1 outside tags. */
        private final int[] tagEnd;
        /** For each character inside a tag, the index where the tag starts. */
        private final int[] tagStart;
        /** Weight of text[0, i). */
        private final int[] prefixWeight;
        /** Open span tags before index i. */
        private final int[] depth;

        Layout(String text, int cjkWeight) {
            this.text = text;
            int n = text.length();
            tagEnd = new int[n];
            tagStart = new int[n];
            Arrays.fill(tagEnd, -1);
            int offset = 0;
            for (Markup.Segment segment : Markup.segments(text)) {
                int length = segment.text().length();
                if (segment.tag()) {
                    for (int i = offset; i < offset + length; i++) {
                        tagEnd[i] = offset + length;
                        tagStart[i] = offset;
                    }
                }
                offset += length;
            }
            prefixWeight = new int[n + 1];
            depth = new int[n + 1];
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                int w;
                if (tagEnd[i] >= 0 || Character.isLowSurrogate(c)) {
                    w = 0;
                } else {
                    w = Lang.isCjk(text.codePointAt(i)) ? cjkWeight : 1;
                }
                prefixWeight[i + 1] = prefixWeight[i] + w;
                depth[i + 1] = depth[i];
                if (tagEnd[i] >= 0 && tagStart[i] == i) {
                    String tag = text.substring(i, tagEnd[i]);
                    if (Markup.closingOf(tag).isPresent()) {
                        depth[i + 1]++;
                    } else if (Markup.isClosing(tag) && depth[i] > 0) {
                        depth[i + 1]--;
                    }
                }
            }
        }

        boolean inTag(int i) {
            return tagEnd[i] >= 0;
        }

        int tagEnd(int i) {
            return tagEnd[i];
        }

        String tagAt(int i) {
            return text.substring(tagStart[i], tagEnd[i]);
        }

        int weight(int start, int end) {
            return prefixWeight[end] - prefixWeight[start];
        }

        int spanDepth(int at) {
            return depth[at];
        }
    }
}
