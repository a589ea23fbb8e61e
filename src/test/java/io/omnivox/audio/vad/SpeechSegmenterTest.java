package io.omnivox.audio.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The incremental segmenter against a straight port of Silero's offline {@code get_speech_timestamps} (without its
 * maximum-length split, which ours does differently and {@link SileroVadFixtureTest} covers).
 */
class SpeechSegmenterTest {

    private static final int WINDOW = 512;
    private static final int RATE = 16_000;

    /** Silero's reference post-processing over a whole clip, ported line by line (max speech: infinite). */
    private static List<SpeechSegment> reference(float[] probs, long length, VadOptions o) {
        double minSpeech = RATE * o.minSpeechMs() / 1000.0;
        double minSilence = RATE * o.minSilenceMs() / 1000.0;
        long pad = RATE * o.speechPadMs() / 1000;
        boolean triggered = false;
        long tempEnd = 0;
        long start = 0;
        List<long[]> speeches = new ArrayList<>();
        for (int i = 0; i < probs.length; i++) {
            long cur = (long) WINDOW * i;
            if (probs[i] >= o.threshold() && tempEnd != 0) {
                tempEnd = 0;
            }
            if (probs[i] >= o.threshold() && !triggered) {
                triggered = true;
                start = cur;
                continue;
            }
            if (probs[i] < o.negThreshold() && triggered) {
                if (tempEnd == 0) {
                    tempEnd = cur;
                }
                if (cur - tempEnd < minSilence) {
                    continue;
                }
                if (tempEnd - start > minSpeech) {
                    speeches.add(new long[] {start, tempEnd});
                }
                triggered = false;
                tempEnd = 0;
            }
        }
        if (triggered && length - start > minSpeech) {
            speeches.add(new long[] {start, length});
        }
        for (int i = 0; i < speeches.size(); i++) {
            long[] s = speeches.get(i);
            if (i == 0) {
                s[0] = Math.max(0, s[0] - pad);
            }
            if (i != speeches.size() - 1) {
                long[] next = speeches.get(i + 1);
                long gap = next[0] - s[1];
                if (gap < 2 * pad) {
                    s[1] += gap / 2;
                    next[0] = Math.max(0, next[0] - gap / 2);
                } else {
                    s[1] = Math.min(length, s[1] + pad);
                    next[0] = Math.max(0, next[0] - pad);
                }
            } else {
                s[1] = Math.min(length, s[1] + pad);
            }
        }
        return speeches.stream().map(s -> new SpeechSegment(s[0], s[1], RATE)).toList();
    }

    private static List<VadEvent> run(float[] probs, long length, VadOptions options) {
        SpeechSegmenter segmenter = new SpeechSegmenter(options, WINDOW, RATE);
        List<VadEvent> events = new ArrayList<>();
        int whole = (int) (length / WINDOW);
        for (int i = 0; i < whole; i++) {
            segmenter.accept(probs[i], events);
        }
        OptionalDouble tail = whole < probs.length ? OptionalDouble.of(probs[whole]) : OptionalDouble.empty();
        segmenter.finish(length, tail, events);
        return events;
    }

    /** Bursts of speech-like and silence-like probabilities with values near both thresholds. */
    private static float[] randomProbabilities(Random random, int windows) {
        float[] probs = new float[windows];
        boolean speech = random.nextBoolean();
        for (int i = 0; i < windows;) {
            int run = 1 + random.nextInt(random.nextInt(4) == 0 ? 40 : 8);
            for (int j = 0; j < run && i < windows; j++, i++) {
                float p = random.nextFloat();
                probs[i] = speech ? 0.3f + 0.7f * p : 0.6f * p;
            }
            speech = !speech;
        }
        return probs;
    }

    @Test
    void should_find_the_reference_segments_when_fed_random_probabilities() {
        Random random = new Random(42);
        for (int trial = 0; trial < 2000; trial++) {
            float[] probs = randomProbabilities(random, 1 + random.nextInt(300));
            long length = (long) WINDOW * probs.length - random.nextInt(WINDOW);
            double threshold = 0.3 + 0.4 * random.nextDouble();
            // Paddings up to 150 ms against silences from 0 ms make close segments share their gap.
            VadOptions options = new VadOptions(threshold, VadOptions.defaultNegThreshold(threshold),
                    random.nextInt(400), random.nextInt(6) * 40, random.nextInt(6) * 30, Double.POSITIVE_INFINITY);

            List<VadEvent> events = run(probs, length, options);

            assertThat(TestAudio.segments(events)).as("trial %d with %s", trial, options)
                    .isEqualTo(reference(probs, length, options));
            assertAlternating(events);
        }
    }

    @Test
    void should_report_a_start_only_once_the_speech_is_longer_than_the_minimum() {
        SpeechSegmenter segmenter = new SpeechSegmenter(VadOptions.DEFAULTS, WINDOW, RATE);
        List<VadEvent> events = new ArrayList<>();
        segmenter.accept(0.1, events);
        int windows = 1;
        while (events.isEmpty()) {
            segmenter.accept(0.9, events);
            windows++;
        }

        // Speech from window 1; 250 ms is 7.8 windows, so the start is certain once 8 windows have been seen.
        assertThat(windows - 1).isEqualTo(8);
        assertThat(events).containsExactly(new VadEvent.SpeechStarted(WINDOW - 480, RATE));
        assertThat(segmenter.inSpeech()).isTrue();
    }

    @Test
    void should_report_the_end_as_soon_as_the_minimum_silence_has_passed() {
        SpeechSegmenter segmenter = new SpeechSegmenter(VadOptions.DEFAULTS, WINDOW, RATE);
        List<VadEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            segmenter.accept(0.9, events);
        }
        events.clear();
        int silent = 0;
        while (events.isEmpty()) {
            segmenter.accept(0.1, events);
            silent++;
        }

        // The pause starts at window 20; 100 ms is 3.1 windows, so the fifth silent window (4 windows later) ends it.
        assertThat(silent).isEqualTo(5);
        assertThat(events).containsExactly(new VadEvent.SpeechEnded(new SpeechSegment(0, 20 * WINDOW + 480, RATE)));
        assertThat(segmenter.inSpeech()).isFalse();
    }

    @Test
    void should_refuse_a_maximum_too_short_for_the_padding() {
        assertThatThrownBy(() -> new SpeechSegmenter(VadOptions.DEFAULTS.withMaxSpeechSeconds(0.1), WINDOW, RATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxSpeechSeconds=0.1");
    }

    /** Starts and ends alternate, each end closes the start before it, and segments do not overlap. */
    static void assertAlternating(List<VadEvent> events) {
        long lastEnd = 0;
        VadEvent.SpeechStarted open = null;
        for (VadEvent event : events) {
            if (event instanceof VadEvent.SpeechStarted started) {
                assertThat(open).as("start while speech is open: %s", events).isNull();
                assertThat(started.startSample()).as("overlap: %s", events).isGreaterThanOrEqualTo(lastEnd);
                open = started;
            } else if (event instanceof VadEvent.SpeechEnded ended) {
                assertThat(open).as("end without start: %s", events).isNotNull();
                assertThat(ended.segment().startSample()).isEqualTo(open.startSample());
                lastEnd = ended.segment().endSample();
                open = null;
            }
        }
        assertThat(open).as("unclosed start: %s", events).isNull();
    }
}
