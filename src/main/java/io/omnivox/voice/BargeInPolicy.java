package io.omnivox.voice;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.omnivox.asr.Transcript;

/**
 * Decides whether what the user says while a reply plays should interrupt it: it takes words that carry meaning
 * (not backchannels, not a lone function word). People expect a voice assistant to
 * stop when they speak to it, and not when they say "mhm", cough, laugh, or when its own voice leaks back from the
 * speakers into the microphone.
 */
public final class BargeInPolicy {

    /** Backchannels: short sounds of listening, not of taking the turn (English and Chinese). */
    static final Set<String> BACKCHANNELS = Set.of("mhm", "mm", "mmm", "hm", "hmm", "uh", "um", "uhhuh", "uh-huh",
            "ok", "okay", "yeah", "yep", "yes", "right", "sure", "ah", "aha", "oh", "嗯", "嗯嗯", "对", "对对", "好", "好的", "是",
            "哦", "啊");

    /**
     * Words that do not take the turn on their own. Recognisers also write them for noises and hums ("hmm" often
     * comes out as "the ah"), so a lone function word is not an interruption; with a content word it is.
     */
    static final Set<String> FUNCTION_WORDS = Set.of("the", "a", "an", "and", "of", "to", "in", "it", "is", "i",
            "uh", "er", "的", "了");

    /** SenseVoice's audio events that are sounds, not words. */
    static final Set<String> NOISE_EVENTS = Set.of("Laughter", "Cough", "Sneeze", "Cry", "Breath", "Applause", "BGM");

    /** Share of the heard words found in the reply being spoken above which the speech is taken for its echo. */
    static final double ECHO_SHARE = 0.7;

    private final SessionSettings.Interruption settings;

    public BargeInPolicy(SessionSettings.Interruption settings) {
        this.settings = settings;
    }

    /**
     * Whether {@code heard} (a partial or final transcript of the user's speech during the reply) interrupts the reply
     * whose text so far is {@code speaking}.
     */
    public boolean interrupts(Transcript heard, String speaking) {
        List<String> words = words(heard.text());
        if (!words.isEmpty() && isEcho(words, words(speaking))) {
            return false;
        }
        List<String> meaningful = words.stream()
                .filter(w -> !BACKCHANNELS.contains(w) && !FUNCTION_WORDS.contains(w)).toList();
        return switch (settings.policy()) {
            case ANY -> !words.isEmpty() || heard.events().stream().noneMatch(NOISE_EVENTS::contains);
            case WORDS -> !meaningful.isEmpty();
            case MIN_WORDS -> meaningful.size() >= settings.minWords();
        };
    }

    /** Whether most heard words occur, in order, in the text being spoken. */
    static boolean isEcho(List<String> heard, List<String> speaking) {
        if (speaking.isEmpty()) {
            return false;
        }
        int matched = 0;
        int at = 0;
        for (String word : heard) {
            int found = speaking.subList(at, speaking.size()).indexOf(word);
            if (found >= 0) {
                matched++;
                at += found + 1;
            }
        }
        return matched >= Math.max(1, Math.ceil(heard.size() * ECHO_SHARE));
    }

    /** Lower-case words without punctuation; each CJK character counts as a word. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder word = new StringBuilder();
        plain.codePoints().forEach(cp -> {
            if (Character.isIdeographic(cp)) {
                flush(word, words);
                words.add(new String(Character.toChars(cp)));
            } else if (Character.isLetterOrDigit(cp) || cp == '-' || cp == '\'') {
                word.appendCodePoint(cp);
            } else {
                flush(word, words);
            }
        });
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
