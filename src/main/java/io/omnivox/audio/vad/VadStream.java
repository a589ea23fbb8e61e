package io.omnivox.audio.vad;

import java.util.List;

/**
 * Voice activity detection over audio that arrives in pieces (e.g. a WebSocket). Accepts mono float samples at
 * {@link VoiceActivityDetector#SAMPLE_RATE} in chunks of any size and reports when speech starts and ends. Feeding a
 * clip in any chunking and then calling {@link #finish()} reports exactly the segments
 * {@link VoiceActivityDetector#detect} finds in it.
 *
 * <p>Not thread-safe: one stream serves one audio source, fed from one thread at a time. Closing is idempotent.
 */
public interface VadStream extends AutoCloseable {

    /** Accepts all of {@code samples} (nominally in [-1, 1]); returns the events they complete, oldest first. */
    default List<VadEvent> accept(float[] samples) {
        return accept(samples, 0, samples.length);
    }

    /**
     * Accepts {@code length} samples from {@code samples[offset]}; returns the events they complete, oldest first (an
     * empty list when none). Samples are buffered until a whole analysis window is available.
     *
     * @throws IllegalStateException after {@link #finish()} or {@link #close()}
     */
    List<VadEvent> accept(float[] samples, int offset, int length);

    /**
     * Ends the input: analyses the buffered tail and ends speech still in progress at the last sample. Returns the
     * remaining events. Later calls to {@code accept} or {@code finish} throw {@link IllegalStateException}.
     */
    List<VadEvent> finish();

    /** Samples accepted so far. */
    long position();

    /** Whether a reported {@link VadEvent.SpeechStarted} has not yet been followed by its {@link VadEvent.SpeechEnded}. */
    boolean inSpeech();

    /** Releases the stream's resources without reporting anything further. */
    @Override
    void close();
}
