package io.omnivox.audio.vad;

/**
 * One stretch of speech in a clip or stream, padded as configured in {@link VadOptions#speechPadMs()}.
 *
 * @param startSample first sample of the speech (inclusive), counted from the start of the clip or stream
 * @param endSample   sample just after the speech (exclusive); never before {@code startSample}
 * @param sampleRate  samples per second of the audio the positions count
 */
public record SpeechSegment(long startSample, long endSample, int sampleRate) {

    public SpeechSegment {
        if (startSample < 0 || endSample < startSample) {
            throw new IllegalArgumentException("need 0 <= start <= end, got [" + startSample + ", " + endSample + ")");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    /** Start in seconds. */
    public double startSeconds() {
        return startSample / (double) sampleRate;
    }

    /** End in seconds. */
    public double endSeconds() {
        return endSample / (double) sampleRate;
    }

    /** Length in seconds. */
    public double durationSeconds() {
        return (endSample - startSample) / (double) sampleRate;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "[%.3f s, %.3f s)", startSeconds(), endSeconds());
    }
}
