package io.omnivox.voice;

/** What {@link TurnDetector} reports; positions are sample counts from the start of the session's input at 16 kHz. */
public sealed interface TurnEvent {

    /** The user started speaking at {@code startSample}. */
    record Started(long startSample) implements TurnEvent {
    }

    /** Time for another partial transcript: the turn's audio so far ends at {@code endSample}. */
    record PartialDue(long startSample, long endSample) implements TurnEvent {
    }

    /**
     * The turn is over.
     *
     * @param startSample first sample of the turn
     * @param endSample   end of its last speech
     * @param reason      why it ended
     */
    record Ended(long startSample, long endSample, Reason reason) implements TurnEvent {
    }

    /** Why a turn ended. */
    enum Reason {
        /** The configured silence followed the speech. */
        SILENCE,
        /** The client committed the turn (push-to-talk). */
        COMMIT,
        /** The turn reached its maximum length. */
        MAX_LENGTH
    }
}
