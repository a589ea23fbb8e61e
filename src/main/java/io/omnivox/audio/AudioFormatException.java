package io.omnivox.audio;

/**
 * The caller's audio cannot be used: empty, not audio, truncated, an unsupported codec, too large or too long. The
 * {@link Problem} becomes the problem+json type; the message tells the caller what was wrong and what is accepted.
 */
public final class AudioFormatException extends RuntimeException {

    /** What kind of bad input this is; each maps to a stable problem type and HTTP status. */
    public enum Problem {
        EMPTY(400), NOT_AUDIO(415), TRUNCATED(400), UNSUPPORTED_CODEC(415), TOO_LARGE(413), TOO_LONG(413);

        private final int status;

        Problem(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The problem-type slug, e.g. {@code audio-too-long}. */
        public String slug() {
            return "audio-" + name().toLowerCase().replace('_', '-');
        }
    }

    private final Problem problem;

    public AudioFormatException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public AudioFormatException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
