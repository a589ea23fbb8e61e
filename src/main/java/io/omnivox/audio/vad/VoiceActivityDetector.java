package io.omnivox.audio.vad;

import java.util.ArrayList;
import java.util.List;

import io.omnivox.audio.AudioClip;

/**
 * Finds where people speak in mono audio at {@value #SAMPLE_RATE} Hz. Positions are sample counts at that rate.
 *
 * <p>Implementations are thread-safe: {@link #detect} may run concurrently and every {@link #open()} returns an
 * independent stream (which itself is not thread-safe).
 */
public interface VoiceActivityDetector {

    /** The only sample rate detectors accept, in Hz: resample other audio first. */
    int SAMPLE_RATE = 16_000;

    /**
     * The speech segments in {@code clip}, in order, not overlapping, padded as the options say.
     *
     * @throws IllegalArgumentException when the clip is not at {@value #SAMPLE_RATE} Hz
     */
    default List<SpeechSegment> detect(AudioClip clip) {
        requireSampleRate(clip.sampleRate());
        List<SpeechSegment> segments = new ArrayList<>();
        try (VadStream stream = open()) {
            List<VadEvent> events = new ArrayList<>(stream.accept(clip.samples()));
            events.addAll(stream.finish());
            for (VadEvent event : events) {
                if (event instanceof VadEvent.SpeechEnded ended) {
                    segments.add(ended.segment());
                }
            }
        }
        return List.copyOf(segments);
    }

    /** A new stream for audio at {@value #SAMPLE_RATE} Hz, with its own state. The caller closes it. */
    VadStream open();

    /** Fails clearly unless {@code sampleRate} is {@value #SAMPLE_RATE}. */
    static void requireSampleRate(int sampleRate) {
        if (sampleRate != SAMPLE_RATE) {
            throw new IllegalArgumentException("Voice activity detection needs " + SAMPLE_RATE
                    + " Hz mono audio, got " + sampleRate + " Hz; resample the clip first");
        }
    }
}
