package io.omnivox.studio;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.omnivox.asr.WordErrorRate;

/**
 * Quality control of one synthesised segment: not silent (the engine said nothing), not clipped (a run of samples at
 * full scale, heard as crackle), about as long as its text takes to say (a truncated or run-away synthesis is far
 * off), and, when a recogniser checked it, heard back close to its text.
 *
 * @param peak          the loudest sample, in [0, 1]
 * @param clippedRatio  the share of samples at full scale
 * @param durationRatio the audio's length over what its text takes to say at a conversational pace
 * @param wordErrorRate the word error rate of the recogniser's hearing against the text; null when not checked
 */
record SegmentCheck(double peak, double clippedRatio, double durationRatio, Double wordErrorRate,
        double maxWordErrorRate) {

    /** Below this peak a segment is taken as silence. */
    static final double SILENT_PEAK = 0.01;
    /** More than this share of full-scale samples is clipping. */
    static final double MAX_CLIPPED = 0.001;
    /** A conversational pace: 150 words a minute; CJK text at about four characters a second. */
    static final double SECONDS_PER_WORD = 0.4;
    static final double SECONDS_PER_CJK_CHARACTER = 0.25;
    /** How far from the expected length a segment may be; only texts expected to last this long are timed. */
    static final double MIN_RATIO = 0.33;
    static final double MAX_RATIO = 3.5;
    static final double TIMED_FROM_SECONDS = 1.5;

    static SegmentCheck of(float[] audio, int sampleRate, String text, Double wordErrorRate, double maxWordErrorRate) {
        double peak = 0;
        long clipped = 0;
        for (float sample : audio) {
            double level = Math.abs(sample);
            peak = Math.max(peak, level);
            if (level >= 0.999) {
                clipped++;
            }
        }
        double expected = expectedSeconds(text);
        double ratio = expected < TIMED_FROM_SECONDS ? 1.0 : audio.length / (double) sampleRate / expected;
        return new SegmentCheck(peak, audio.length == 0 ? 0 : (double) clipped / audio.length, ratio, wordErrorRate,
                maxWordErrorRate);
    }

    /** How long {@code text} takes to say at a conversational pace, in seconds. */
    static double expectedSeconds(String text) {
        long cjk = text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL).count();
        return Math.max(WordErrorRate.words(text).size() * SECONDS_PER_WORD, cjk * SECONDS_PER_CJK_CHARACTER);
    }

    /** What is wrong with the segment; empty when it passed. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (peak < SILENT_PEAK) {
            problems.add("silent");
        }
        if (clippedRatio > MAX_CLIPPED) {
            problems.add("clipped");
        }
        if (durationRatio < MIN_RATIO) {
            problems.add("too short for its text");
        }
        if (durationRatio > MAX_RATIO) {
            problems.add("too long for its text");
        }
        if (wordErrorRate != null && wordErrorRate > maxWordErrorRate) {
            problems.add("heard back differently");
        }
        return problems;
    }

    boolean passed() {
        return problems().isEmpty();
    }

    String toJson() {
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                "{\"peak\": %.4f, \"clipped_ratio\": %.5f, \"duration_ratio\": %.2f", peak, clippedRatio,
                durationRatio));
        if (wordErrorRate != null) {
            json.append(String.format(Locale.ROOT, ", \"word_error_rate\": %.3f", wordErrorRate));
        }
        json.append(", \"problems\": [");
        List<String> problems = problems();
        for (int i = 0; i < problems.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(problems.get(i)).append('"');
        }
        return json.append("]}").toString();
    }
}
