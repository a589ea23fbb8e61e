package io.omnivox.audio.vad;

/**
 * What a {@link VadStream} reports. Positions are sample counts from the start of the stream at
 * {@link VoiceActivityDetector#SAMPLE_RATE}; they may lie before the end of the audio accepted so far, because a start
 * is only reported once the speech has lasted {@link VadOptions#minSpeechMs()} and an end once
 * {@link VadOptions#minSilenceMs()} of silence has followed it.
 */
public sealed interface VadEvent {

    /** The sample position the event is about: the (padded) start or end of the speech. */
    long sample();

    /**
     * Speech started at {@code startSample} (padding included). A {@link SpeechEnded} with the same start always
     * follows, at the latest when the stream is finished.
     *
     * @param startSample first sample of the speech
     * @param sampleRate  samples per second
     */
    record SpeechStarted(long startSample, int sampleRate) implements VadEvent {

        @Override
        public long sample() {
            return startSample;
        }

        /** Start in seconds. */
        public double startSeconds() {
            return startSample / (double) sampleRate;
        }
    }

    /**
     * The speech that started at {@code segment.startSample()} ended at {@code segment.endSample()} (padding included).
     *
     * @param segment the whole speech segment, exactly as {@link VoiceActivityDetector#detect} reports it
     */
    record SpeechEnded(SpeechSegment segment) implements VadEvent {

        @Override
        public long sample() {
            return segment.endSample();
        }
    }
}
