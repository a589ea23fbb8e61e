package io.omnivox.rag;

import java.util.ArrayList;
import java.util.List;

import io.omnivox.document.ParsedDocument;

/**
 * Cuts a {@link ParsedDocument} into {@link Chunk}s for retrieval.
 * <p>
 * Sizes are in <b>characters</b>, not tokens: characters cost nothing to count, mean the same for every embedding
 * model, and a budget of 500 characters stays inside bge-small's 512-token window even for Chinese, where one
 * character is about one token (English runs about four characters a token, so English chunks use ~130 tokens).
 * <p>
 * Rules, in order: a chunk never crosses a heading (each heading starts a section, and a chunk carries that section's
 * path); within a section, whole sentences are packed up to {@code targetChars}; the next chunk repeats the previous
 * chunk's last whole sentences up to {@code overlapChars}, so a fact split across the cut is still found whole; a
 * single sentence longer than the budget is the only thing cut mid-sentence (at a space where there is one).
 */
public final class Chunker {

    private final int targetChars;
    private final int overlapChars;

    /**
     * @param targetChars  most characters in a chunk (a longer single sentence is cut to this size)
     * @param overlapChars most characters of whole trailing sentences repeated at the start of the next chunk;
     *                     below {@code targetChars}
     */
    public Chunker(int targetChars, int overlapChars) {
        if (targetChars < 1 || overlapChars < 0 || overlapChars >= targetChars) {
            throw new IllegalArgumentException("need 0 <= overlap < target, got target " + targetChars
                    + ", overlap " + overlapChars);
        }
        this.targetChars = targetChars;
        this.overlapChars = overlapChars;
    }

    /** The chunks of {@code document}, in reading order. */
    public List<Chunk> chunk(ParsedDocument document, String documentId) {
        String text = document.text();
        List<Chunk> chunks = new ArrayList<>();
        List<Integer> cuts = sectionStarts(document, text.length());
        for (int s = 0; s + 1 < cuts.size(); s++) {
            int sectionStart = cuts.get(s);
            List<String> path = document.sectionPath(sectionStart).stream().map(ParsedDocument.Heading::text).toList();
            for (int[] span : pack(sentences(text, sectionStart, cuts.get(s + 1)))) {
                addTrimmed(chunks, document, documentId, path, text, span[0], span[1]);
            }
        }
        return chunks;
    }

    /** Section boundaries: the text's start, every heading, the text's end. */
    private static List<Integer> sectionStarts(ParsedDocument document, int length) {
        List<Integer> cuts = new ArrayList<>();
        cuts.add(0);
        for (ParsedDocument.Heading heading : document.headings()) {
            int at = Math.min(Math.max(heading.offset(), 0), length);
            if (at > cuts.get(cuts.size() - 1)) {
                cuts.add(at);
            }
        }
        if (length > cuts.get(cuts.size() - 1)) {
            cuts.add(length);
        }
        return cuts;
    }

    /** Sentence spans of a section, over-long sentences already cut to the budget. */
    private List<int[]> sentences(String text, int start, int end) {
        List<int[]> spans = new ArrayList<>();
        int from = start;
        for (int to : SentenceSplitter.sentenceEnds(text, start, end)) {
            while (to - from > targetChars) {
                int cut = lastSpace(text, from, from + targetChars);
                spans.add(new int[] {from, cut});
                from = cut;
            }
            if (to > from) {
                spans.add(new int[] {from, to});
            }
            from = to;
        }
        return spans;
    }

    /** Where to cut an over-long sentence: after the last space in the second half of the budget, else hard. */
    private static int lastSpace(String text, int from, int limit) {
        for (int i = limit; i > from + (limit - from) / 2; i--) {
            if (Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return limit;
    }

    /** Greedy packing of whole sentences into chunk spans, each chunk starting with the previous one's overlap. */
    private List<int[]> pack(List<int[]> sentences) {
        List<int[]> chunks = new ArrayList<>();
        int first = 0;
        while (first < sentences.size()) {
            int last = first;
            while (last + 1 < sentences.size() && sentences.get(last + 1)[1] - sentences.get(first)[0] <= targetChars) {
                last++;
            }
            chunks.add(new int[] {sentences.get(first)[0], sentences.get(last)[1]});
            if (last + 1 >= sentences.size()) {
                break;
            }
            // Step back over whole sentences that fit the overlap and still leave room for the next new sentence, so
            // every chunk brings new text (no chunk is only a repeat of the previous one's tail).
            int next = last + 1;
            int nextEnd = sentences.get(last + 1)[1];
            while (next - 1 > first && sentences.get(last)[1] - sentences.get(next - 1)[0] <= overlapChars
                    && nextEnd - sentences.get(next - 1)[0] <= targetChars) {
                next--;
            }
            first = next;
        }
        return chunks;
    }

    private static void addTrimmed(List<Chunk> chunks, ParsedDocument document, String documentId, List<String> path,
            String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start < end) {
            ParsedDocument.Page page = document.pageAt(start);
            chunks.add(new Chunk(documentId, document.title(), page == null ? 1 : page.number(), path, start,
                    text.substring(start, end)));
        }
    }
}
