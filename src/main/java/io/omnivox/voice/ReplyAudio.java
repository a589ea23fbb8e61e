package io.omnivox.voice;

import java.util.ArrayList;
import java.util.List;

/**
 * What of a reply has been sent as audio: each sentence with the span of audio it took, so the part a user heard
 * before interrupting (the client reports the played position) can be told in words.
 */
final class ReplyAudio {

    private record Spoken(String text, long startMs, long endMs) {
    }

    private final List<Spoken> sentences = new ArrayList<>();
    private long sentMs;

    /** Milliseconds of audio sent so far. */
    long sentMs() {
        return sentMs;
    }

    void audioSent(long ms) {
        sentMs += ms;
    }

    /** A sentence started being sent at the current position. */
    void sentenceStarted(String text) {
        sentences.add(new Spoken(text, sentMs, -1));
    }

    /** The current sentence's audio is all sent. */
    void sentenceEnded() {
        if (!sentences.isEmpty()) {
            Spoken last = sentences.get(sentences.size() - 1);
            sentences.set(sentences.size() - 1, new Spoken(last.text(), last.startMs(), sentMs));
        }
    }

    /** The text whose audio ends by {@code playedMs}: whole sentences, then the words of a sentence cut short. */
    String heardBy(long playedMs) {
        StringBuilder heard = new StringBuilder();
        for (Spoken sentence : sentences) {
            if (sentence.startMs() >= playedMs) {
                break;
            }
            long end = sentence.endMs() < 0 ? sentMs : sentence.endMs();
            String part = end <= playedMs ? sentence.text() : firstWords(sentence.text(),
                    (double) (playedMs - sentence.startMs()) / Math.max(1, end - sentence.startMs()));
            if (!part.isEmpty()) {
                heard.append(heard.isEmpty() ? "" : " ").append(part);
            }
        }
        return heard.toString();
    }

    /** The first {@code share} of a sentence's words (speech time spreads roughly evenly over words). */
    static String firstWords(String sentence, double share) {
        String[] words = sentence.strip().split("\\s+");
        int keep = (int) Math.floor(words.length * Math.max(0, Math.min(1, share)));
        return String.join(" ", java.util.Arrays.copyOf(words, keep)) + (keep > 0 && keep < words.length ? " …" : "");
    }
}
