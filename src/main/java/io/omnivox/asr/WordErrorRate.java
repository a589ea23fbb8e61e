package io.omnivox.asr;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Word error rate: (substitutions + deletions + insertions) / reference words, by word-level edit distance. */
public final class WordErrorRate {

    private WordErrorRate() {
    }

    /** Lowercase words with punctuation removed. */
    public static List<String> words(String text) {
        String clean = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]", " ").strip();
        return clean.isEmpty() ? List.of() : Arrays.asList(clean.split("\\s+"));
    }

    /** Word error rate of {@code hypothesis} against {@code reference} (texts, normalised by {@link #words}). */
    public static double rate(String reference, String hypothesis) {
        List<String> ref = words(reference);
        return ref.isEmpty() ? 0 : errors(ref, words(hypothesis)) / (double) ref.size();
    }

    /** Edit distance between the word lists. */
    public static int errors(List<String> reference, List<String> hypothesis) {
        int[] previous = new int[hypothesis.size() + 1];
        int[] current = new int[hypothesis.size() + 1];
        for (int j = 0; j <= hypothesis.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= reference.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hypothesis.size(); j++) {
                int substitution = previous[j - 1] + (reference.get(i - 1).equals(hypothesis.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[hypothesis.size()];
    }
}
