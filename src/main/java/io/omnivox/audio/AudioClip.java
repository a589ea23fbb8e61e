package io.omnivox.audio;

/**
 * Mono PCM audio: samples in [-1, 1] at {@code sampleRate} Hz. The array is shared, not copied: treat it as read-only.
 *
 * @param samples    mono samples, nominally in [-1, 1]
 * @param sampleRate samples per second
 */
public record AudioClip(float[] samples, int sampleRate) {

    public AudioClip {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    /** Length in seconds. */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** The samples from {@code start} (inclusive) to {@code end} (exclusive), as a new clip. */
    public AudioClip slice(int start, int end) {
        return new AudioClip(java.util.Arrays.copyOfRange(samples, start, end), sampleRate);
    }
}
