package io.omnivox.audio.vad;

/**
 * How speech probabilities become segments; the same rules as Silero's reference {@code get_speech_timestamps}.
 *
 * @param threshold        a window whose speech probability is at least this starts (or continues) speech
 * @param negThreshold     while in speech, only windows below this count as silence (hysteresis); at most
 *                         {@code threshold}
 * @param minSpeechMs      speech of this many milliseconds or less is dropped
 * @param minSilenceMs     speech ends only after this many milliseconds below {@code negThreshold}; raise it (e.g. to
 *                         500-800) to detect the end of a conversational turn rather than of a phrase
 * @param speechPadMs      milliseconds added before and after every segment (split evenly when two segments are
 *                         closer than twice this)
 * @param maxSpeechSeconds longer speech is split so every padded segment lasts at most this long: at the longest
 *                         pause inside it, else at its least speech-like window in the second half;
 *                         {@link Double#POSITIVE_INFINITY} never splits
 */
public record VadOptions(double threshold, double negThreshold, int minSpeechMs, int minSilenceMs, int speechPadMs,
        double maxSpeechSeconds) {

    /** How far the release threshold sits below the start threshold by default (Silero's reference value). */
    public static final double HYSTERESIS = 0.15;

    /** The release threshold never defaults below this, so a very low start threshold can still end speech. */
    public static final double MIN_NEG_THRESHOLD = 0.01;

    /**
     * Silero's reference settings, except the maximum: 30 s so every segment fits one speech-recognition call
     * (SenseVoice is trained on utterances of up to about 30 s).
     */
    public static final VadOptions DEFAULTS = new VadOptions(0.5, 0.35, 250, 100, 30, 30);

    public VadOptions {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        }
        if (!(negThreshold >= 0 && negThreshold <= threshold)) {
            throw new IllegalArgumentException(
                    "negThreshold must be in [0, threshold=" + threshold + "], got " + negThreshold);
        }
        if (minSpeechMs < 0 || minSilenceMs < 0 || speechPadMs < 0) {
            throw new IllegalArgumentException("durations must not be negative: minSpeechMs=" + minSpeechMs
                    + ", minSilenceMs=" + minSilenceMs + ", speechPadMs=" + speechPadMs);
        }
        if (!(maxSpeechSeconds > 0)) {
            throw new IllegalArgumentException("maxSpeechSeconds must be positive (or infinite), got "
                    + maxSpeechSeconds);
        }
    }

    /** The release threshold that goes with {@code threshold} by default: {@value #HYSTERESIS} lower. */
    public static double defaultNegThreshold(double threshold) {
        return Math.max(threshold - HYSTERESIS, MIN_NEG_THRESHOLD);
    }

    /** Options from configuration; an unset release threshold follows {@link #defaultNegThreshold}. */
    public static VadOptions from(VadConfig config) {
        return new VadOptions(config.threshold(),
                config.negThreshold().orElse(defaultNegThreshold(config.threshold())),
                config.minSpeechMs(), config.minSilenceMs(), config.speechPadMs(), config.maxSpeechSeconds());
    }

    /** These options with another start threshold and the release threshold that goes with it. */
    public VadOptions withThreshold(double newThreshold) {
        return new VadOptions(newThreshold, defaultNegThreshold(newThreshold), minSpeechMs, minSilenceMs, speechPadMs,
                maxSpeechSeconds);
    }

    /** These options with another minimum silence, e.g. a longer one for end-of-turn detection. */
    public VadOptions withMinSilenceMs(int newMinSilenceMs) {
        return new VadOptions(threshold, negThreshold, minSpeechMs, newMinSilenceMs, speechPadMs, maxSpeechSeconds);
    }

    /** These options with another minimum speech duration. */
    public VadOptions withMinSpeechMs(int newMinSpeechMs) {
        return new VadOptions(threshold, negThreshold, newMinSpeechMs, minSilenceMs, speechPadMs, maxSpeechSeconds);
    }

    /** These options with another padding. */
    public VadOptions withSpeechPadMs(int newSpeechPadMs) {
        return new VadOptions(threshold, negThreshold, minSpeechMs, minSilenceMs, newSpeechPadMs, maxSpeechSeconds);
    }

    /** These options with another maximum segment length. */
    public VadOptions withMaxSpeechSeconds(double newMaxSpeechSeconds) {
        return new VadOptions(threshold, negThreshold, minSpeechMs, minSilenceMs, speechPadMs, newMaxSpeechSeconds);
    }
}
