package io.omnivox.audio;

/**
 * How much audio a caller may send: {@code maxBytes} of encoded input (counted while reading, never taken from a
 * Content-Length or a header) and {@code maxSeconds} of decoded audio (counted on the decoded samples, never taken
 * from a header, because headers lie). Exceeding either raises {@link AudioFormatException.Problem#TOO_LARGE} or
 * {@link AudioFormatException.Problem#TOO_LONG} as soon as it happens.
 *
 * @param maxBytes   most encoded bytes read from the input; positive
 * @param maxSeconds most seconds of decoded audio; positive, {@link Double#POSITIVE_INFINITY} for no limit
 */
public record DecodeLimits(long maxBytes, double maxSeconds) {

    public DecodeLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds must be positive, got " + maxSeconds);
        }
    }

    /** No limits: for trusted, local input only (tests, tools). */
    public static DecodeLimits none() {
        return new DecodeLimits(Long.MAX_VALUE, Double.POSITIVE_INFINITY);
    }

    /** The most samples allowed at {@code sampleRate}. */
    long maxSamples(int sampleRate) {
        double samples = Math.floor(maxSeconds * sampleRate);
        return samples >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) samples;
    }

    AudioFormatException tooLong() {
        return new AudioFormatException(AudioFormatException.Problem.TOO_LONG,
                "The audio is longer than the " + seconds(maxSeconds) + " limit.");
    }

    AudioFormatException tooLarge() {
        return new AudioFormatException(AudioFormatException.Problem.TOO_LARGE,
                "The audio is larger than the " + bytes(maxBytes) + " limit.");
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? (long) s + " s" : s + " s";
    }

    static String bytes(long n) {
        if (n >= 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", n / 1e6);
        }
        return n >= 1_000 ? String.format(java.util.Locale.ROOT, "%.1f kB", n / 1e3) : n + " bytes";
    }
}
