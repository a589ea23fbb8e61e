package io.omnivox.asr;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A whole upload transcribed: the VAD's speech segments, each recognised, with times relative to the upload's start.
 *
 * @param segments        recognised speech segments in time order
 * @param durationSeconds length of the whole audio
 * @param engine          the engine that produced it
 */
public record TranscriptionResult(List<Segment> segments, double durationSeconds, String engine) {

    /** One speech segment and what was heard in it; token times are absolute. */
    public record Segment(double start, double end, Transcript transcript) {
    }

    public TranscriptionResult {
        segments = List.copyOf(segments);
    }

    /** All text, segments joined (no space between CJK text, one space otherwise). */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            String next = segment.transcript().text();
            if (next.isEmpty()) {
                continue;
            }
            if (!text.isEmpty() && !isCjk(text.charAt(text.length() - 1)) && !isCjk(next.charAt(0))) {
                text.append(' ');
            }
            text.append(next);
        }
        return text.toString();
    }

    /** True when no segment holds any words. */
    public boolean noSpeech() {
        return segments.stream().allMatch(s -> s.transcript().noSpeech());
    }

    /** The language of the first segment with words (of any segment when none has words), else empty. */
    public String language() {
        return preferSpeech().map(s -> s.transcript().language()).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    /** The first emotion other than unknown (segments with words first), else {@code EMO_UNKNOWN}. */
    public String emotion() {
        return preferSpeech().map(s -> s.transcript().emotion()).filter(e -> !e.equals("EMO_UNKNOWN")).findFirst()
                .orElse("EMO_UNKNOWN");
    }

    private java.util.stream.Stream<Segment> preferSpeech() {
        return java.util.stream.Stream.concat(speech(), segments.stream());
    }

    /** Every event heard, in order of first appearance. */
    public List<String> events() {
        Set<String> events = new LinkedHashSet<>();
        segments.forEach(s -> events.addAll(s.transcript().events()));
        return List.copyOf(events);
    }

    private java.util.stream.Stream<Segment> speech() {
        return segments.stream().filter(s -> !s.transcript().noSpeech());
    }

    private static boolean isCjk(char c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || (c >= '\u3000' && c <= '\u303F') || (c >= '\uFF00' && c <= '\uFFEF');
    }
}
