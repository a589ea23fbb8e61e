package io.omnivox.asr;

import java.util.List;

/**
 * What was heard in one utterance.
 *
 * @param text     the words, rich tags removed
 * @param language detected (or requested) language code, e.g. {@code en}; {@code nospeech} when nothing was said
 * @param emotion  SenseVoice's emotion tag, e.g. {@code HAPPY}, {@code NEUTRAL}; {@code EMO_UNKNOWN} when unknown
 * @param events   audio events, e.g. {@code Speech}, {@code Laughter}, {@code BGM}
 * @param itn      whether inverse text normalisation was applied
 * @param tokens   recognised pieces with times in seconds; a piece that starts a word begins with a space
 */
public record Transcript(String text, String language, String emotion, List<String> events, boolean itn,
        List<TimedToken> tokens) {

    /** One recognised piece (a word or sub-word) and when it was heard. */
    public record TimedToken(String text, double start, double end) {
    }

    public Transcript {
        events = List.copyOf(events);
        tokens = List.copyOf(tokens);
    }

    /** Pieces joined into words: a new word at a leading space, and every CJK character is a word of its own. */
    public List<TimedToken> words() {
        List<TimedToken> words = new java.util.ArrayList<>();
        for (TimedToken token : tokens) {
            boolean cjk = !token.text().isBlank() && Character.isIdeographic(token.text().strip().codePointAt(0));
            TimedToken last = words.isEmpty() ? null : words.get(words.size() - 1);
            boolean lastCjk = last != null && Character.isIdeographic(last.text().codePointAt(0));
            if (last == null || token.text().startsWith(" ") || cjk || lastCjk) {
                words.add(new TimedToken(token.text().strip(), token.start(), token.end()));
            } else {
                words.set(words.size() - 1, new TimedToken(last.text() + token.text(), last.start(), token.end()));
            }
        }
        return words.stream().filter(w -> !w.text().isEmpty()).toList();
    }

    /** True when nothing intelligible was said. */
    public boolean noSpeech() {
        return text.isBlank();
    }
}
