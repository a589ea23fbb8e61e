package io.omnivox.audio.vad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Turns one speech probability per fixed-size window into {@link VadEvent}s with the rules of Silero's reference
 * {@code get_speech_timestamps}: start at {@code threshold}, end after {@code minSilence} below {@code negThreshold},
 * drop speech of {@code minSpeech} or less, pad each side (halving the gap when two segments are close), split speech
 * longer than the maximum. The reference works on a whole clip; this is the same computation made incremental: a start
 * is reported once the segment is sure to be kept and an end once the padding can no longer change, so a stream
 * reports exactly the segments of the whole clip.
 *
 * <p>Where the reference splits over-long speech only at a pause of at least 98 ms (which its default 100 ms minimum
 * silence never leaves) and otherwise cuts hard and drops the rest until speech restarts, this splits at the longest
 * pause inside the speech, else at its least speech-like window in the second half, and keeps the rest as speech.
 *
 * <p>Not thread-safe.
 */
final class SpeechSegmenter {

    private static final long NONE = -1;

    private final int sampleRate;
    private final int window;
    private final double threshold;
    private final double negThreshold;
    private final double minSpeech;
    private final double minSilence;
    private final long pad;
    /** Speech longer than this (in samples, before padding) is split; infinite: never. */
    private final double maxSpeech;

    private long windows;
    private long limit = Long.MAX_VALUE;

    /** Speech in progress, unpadded: {@code start} and, during a pause, where the pause began. */
    private boolean triggered;
    private long start;
    private long tempEnd = NONE;
    private boolean confirmed;
    private long paddedStart;
    /** Pauses inside the speech in progress that did not last long enough to end it: {start, length}. */
    private final List<long[]> pauses = new ArrayList<>();
    /** Probabilities of the speech in progress from window {@code probsFrom} on; kept only when splitting is on. */
    private float[] probs = new float[64];
    private int probCount;
    private long probsFrom;

    /** The last kept segment, whose end waits for its padding to be settled by the next segment or by time. */
    private boolean pending;
    private long pendingStart;
    private long pendingRawEnd;

    /**
     * @param options    the rules
     * @param window     samples per probability
     * @param sampleRate samples per second
     */
    SpeechSegmenter(VadOptions options, int window, int sampleRate) {
        this.sampleRate = sampleRate;
        this.window = window;
        this.threshold = options.threshold();
        this.negThreshold = options.negThreshold();
        this.minSpeech = sampleRate * options.minSpeechMs() / 1000.0;
        this.minSilence = sampleRate * options.minSilenceMs() / 1000.0;
        this.pad = Math.round(sampleRate * options.speechPadMs() / 1000.0);
        // As in the reference: leave room for the window that crosses the limit and for both paddings.
        this.maxSpeech = sampleRate * options.maxSpeechSeconds() - window - 2.0 * pad;
        if (maxSpeech < 2.0 * window) {
            throw new IllegalArgumentException("maxSpeechSeconds=" + options.maxSpeechSeconds()
                    + " leaves no room for speech after " + options.speechPadMs() + " ms padding on each side and a "
                    + window + "-sample window");
        }
    }

    /** Takes the probability of the next window (whole windows only, in order) and adds what it decides to {@code out}. */
    void accept(double probability, List<VadEvent> out) {
        long cur = windows * window;
        windows++;
        boolean speech = probability >= threshold;
        if (speech && tempEnd != NONE) {
            pauses.add(new long[] {tempEnd, cur - tempEnd});
            tempEnd = NONE;
        }
        if (speech && !triggered) {
            triggered = true;
            start = cur;
            confirmed = false;
            probCount = 0;
            probsFrom = windows - 1;
            record(probability);
        } else if (triggered) {
            record(probability);
            if (cur - start > maxSpeech) {
                split(cur, out);
            }
            if (triggered && probability < negThreshold) {
                if (tempEnd == NONE) {
                    tempEnd = cur;
                }
                if (cur - tempEnd >= minSilence) {
                    if (tempEnd - start > minSpeech) {
                        keep(tempEnd, out);
                    }
                    stop();
                }
            }
        }
        settle(out);
    }

    /**
     * Ends the input after {@code totalSamples}: takes the probability of the last, partial window if there is one,
     * ends speech in progress at the last sample and settles the last end.
     */
    void finish(long totalSamples, OptionalDouble partialWindow, List<VadEvent> out) {
        limit = totalSamples;
        if (partialWindow.isPresent()) {
            accept(partialWindow.getAsDouble(), out);
        }
        if (triggered) {
            if (totalSamples - start > minSpeech) {
                keep(totalSamples, out);
            }
            stop();
        }
        if (pending) {
            end(Math.min(totalSamples, pendingRawEnd + pad), out);
        }
    }

    /** Whether a reported start still waits for its end. */
    boolean inSpeech() {
        return pending || (triggered && confirmed);
    }

    private void record(double probability) {
        if (Double.isInfinite(maxSpeech)) {
            return;
        }
        if (probCount == probs.length) {
            probs = Arrays.copyOf(probs, probs.length * 2);
        }
        probs[probCount++] = (float) probability;
    }

    /** Splits over-long speech at the best place before {@code cur}. */
    private void split(long cur, List<VadEvent> out) {
        long[] longest = null;
        for (long[] pause : pauses) {
            if (longest == null || pause[1] >= longest[1]) {
                longest = pause;
            }
        }
        if (tempEnd != NONE && (longest == null || cur - tempEnd >= longest[1])) {
            // The longest pause is the one going on: end the speech where it began and wait for speech to resume.
            keep(tempEnd, out);
            stop();
            return;
        }
        long cut;
        long next;
        if (longest != null) {
            cut = longest[0];
            next = longest[0] + longest[1];
        } else {
            cut = next = quietestWindowStart(cur);
        }
        keep(cut, out);
        start = next;
        confirmed = false;
        long nextWindow = next / window;
        int drop = (int) (nextWindow - probsFrom);
        System.arraycopy(probs, drop, probs, 0, probCount - drop);
        probCount -= drop;
        probsFrom = nextWindow;
        pauses.removeIf(pause -> pause[0] < next);
    }

    /** The start of the least speech-like window in the second half of the allowed length (latest on ties). */
    private long quietestWindowStart(long cur) {
        long first = (long) Math.ceil((start + maxSpeech / 2) / window);
        long end = cur / window;
        long best = end;
        float lowest = Float.POSITIVE_INFINITY;
        for (long w = Math.max(first, probsFrom); w < end; w++) {
            float p = probs[(int) (w - probsFrom)];
            if (p <= lowest) {
                lowest = p;
                best = w;
            }
        }
        return best * window;
    }

    /** The speech in progress is kept and ends (unpadded) at {@code rawEnd}; its padded end waits for the next one. */
    private void keep(long rawEnd, List<VadEvent> out) {
        if (!confirmed) {
            confirm(out);
        }
        pending = true;
        pendingStart = paddedStart;
        pendingRawEnd = rawEnd;
        confirmed = false;
    }

    /** Reports the start of the speech in progress, settling the previous segment's end first. */
    private void confirm(List<VadEvent> out) {
        long share = pad;
        if (pending) {
            long gap = start - pendingRawEnd;
            if (gap < 2 * pad) {
                share = gap / 2;
            }
            end(pendingRawEnd + share, out);
        }
        paddedStart = Math.max(0, start - share);
        confirmed = true;
        out.add(new VadEvent.SpeechStarted(paddedStart, sampleRate));
    }

    /** After each window: report what can no longer change. */
    private void settle(List<VadEvent> out) {
        long processed = Math.min(windows * window, limit);
        if (triggered && !confirmed) {
            // The segment will end at tempEnd or later (or at the end of the input), so it is long enough already.
            long earliestEnd = tempEnd != NONE ? tempEnd : processed;
            if (earliestEnd - start > minSpeech) {
                confirm(out);
            }
        }
        long clear = pendingRawEnd + 2 * pad;
        if (pending && processed >= clear && (!triggered || start >= clear)) {
            // Any later segment starts at least two paddings after this end: the full padding applies.
            end(pendingRawEnd + pad, out);
        }
    }

    private void end(long paddedEnd, List<VadEvent> out) {
        pending = false;
        out.add(new VadEvent.SpeechEnded(new SpeechSegment(pendingStart, paddedEnd, sampleRate)));
    }

    private void stop() {
        triggered = false;
        confirmed = false;
        tempEnd = NONE;
        pauses.clear();
        probCount = 0;
    }
}
