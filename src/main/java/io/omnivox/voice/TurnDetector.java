package io.omnivox.voice;

import java.util.ArrayList;
import java.util.List;

import io.omnivox.audio.vad.VadEvent;
import io.omnivox.audio.vad.VadStream;

/**
 * Finds the user's turns in streamed audio. The voice activity detector reports bursts of speech; a turn is a run of
 * bursts with pauses shorter than the end-of-speech silence, so a breath between two phrases does not end it. Also
 * says when a partial transcript is due and ends turns that run too long. Keeps the current turn's audio (and a
 * short history, since the detector reports a start only after the speech has lasted a while) so the recogniser gets
 * the whole turn. Not thread-safe: one session's audio, one thread.
 */
public final class TurnDetector implements AutoCloseable {

    /** Audio kept before the current turn, enough for the detector's reporting delay and padding. */
    static final int HISTORY_SAMPLES = 16_000;

    /**
     * @param silenceSamples  silence after speech that ends a turn
     * @param maxTurnSamples  longest turn
     * @param partialSamples  audio between two partial transcripts; 0 for none
     */
    public record Timing(long silenceSamples, long maxTurnSamples, long partialSamples) {
    }

    private final VadStream vad;
    private final Timing timing;
    private final TurnAudio audio = new TurnAudio(HISTORY_SAMPLES);
    private boolean inTurn;
    private long turnStart;
    private long lastSpeechEnd;
    private long lastPartial;

    public TurnDetector(VadStream vad, Timing timing) {
        this.vad = vad;
        this.timing = timing;
    }

    /** Adds audio (16 kHz mono); returns what it completes, in order. */
    public List<TurnEvent> accept(float[] samples) {
        audio.add(samples);
        List<TurnEvent> events = new ArrayList<>();
        for (VadEvent event : vad.accept(samples)) {
            switch (event) {
                case VadEvent.SpeechStarted started -> {
                    if (!inTurn) {
                        inTurn = true;
                        turnStart = started.startSample();
                        lastPartial = turnStart;
                        audio.turnStarted(turnStart);
                        events.add(new TurnEvent.Started(turnStart));
                    }
                }
                case VadEvent.SpeechEnded ended -> lastSpeechEnd = ended.segment().endSample();
            }
        }
        long now = vad.position();
        if (inTurn) {
            if (!vad.inSpeech() && lastSpeechEnd > turnStart && now - lastSpeechEnd >= timing.silenceSamples()) {
                events.add(end(lastSpeechEnd, TurnEvent.Reason.SILENCE));
            } else if (now - turnStart >= timing.maxTurnSamples()) {
                events.add(end(now, TurnEvent.Reason.MAX_LENGTH));
            } else if (timing.partialSamples() > 0 && now - lastPartial >= timing.partialSamples()
                    && (vad.inSpeech() || lastSpeechEnd > lastPartial)) {
                // only when there is new speech to hear: re-reading a silent tail would repeat the last partial
                lastPartial = now;
                events.add(new TurnEvent.PartialDue(turnStart, now));
            }
        }
        return events;
    }

    /** Ends the turn in progress now (push-to-talk); empty when there is none. */
    public List<TurnEvent> commit() {
        return inTurn ? List.of(end(vad.position(), TurnEvent.Reason.COMMIT)) : List.of();
    }

    /** Forgets the turn in progress. */
    public void clear() {
        inTurn = false;
        audio.turnEnded();
    }

    public boolean inTurn() {
        return inTurn;
    }

    /** Samples accepted so far. */
    public long position() {
        return vad.position();
    }

    /**
     * The input audio from {@code start} to {@code end}: the current turn or its history. A finished turn's audio
     * is there until the next {@link #accept}, so take it when its {@link TurnEvent.Ended} is handled.
     */
    public float[] audio(long start, long end) {
        return audio.copy(start, end);
    }

    private TurnEvent end(long end, TurnEvent.Reason reason) {
        inTurn = false;
        audio.turnEnded();
        return new TurnEvent.Ended(turnStart, Math.max(end, turnStart), reason);
    }

    @Override
    public void close() {
        vad.close();
    }
}
