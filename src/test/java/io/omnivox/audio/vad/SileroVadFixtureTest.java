package io.omnivox.audio.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.omnivox.audio.AudioClip;
import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxModel;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.testkit.OnnxDType;
import io.omnivox.testkit.OnnxGraphBuilder;

/**
 * {@link SileroVad}'s plumbing and post-processing on ONNX fixtures with Silero v5's exact inputs and outputs, whose
 * "speech probability" is a known function of the input, so every boundary can be computed by hand. Audio is built
 * from one constant level per 512-sample window; the {@code RMS} fixture then scores each window with its level.
 */
class SileroVadFixtureTest {

    private static final int W = SileroVad.WINDOW;
    /** The default 30 ms padding in samples at 16 kHz. */
    private static final int PAD = 480;
    private static final double SPEECH = 0.9;

    /** What the fixture's {@code output} is. All of them multiply by (sr == 16000) and write stateN = state + 1/16. */
    private enum Probe {
        /** RMS of the 512 new samples: a window of constant level v scores |v|. */
        RMS,
        /** RMS of the 64 context samples prepended to the window. */
        CONTEXT,
        /** The mean of the incoming state: 0, 1/16, 2/16, … when the state is fed back. */
        STATE
    }

    private static OnnxSessionFactory factory;
    private static final List<OnnxModel> models = new ArrayList<>();

    @BeforeAll
    static void openFactory() {
        factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
    }

    @AfterAll
    static void closeAll() {
        models.forEach(OnnxModel::close);
        factory.close();
    }

    private static OnnxModel load(byte[] bytes) {
        OnnxModel model = factory.load("silero-fixture", bytes);
        models.add(model);
        return model;
    }

    /** A graph with Silero v5's I/O: input [batch, samples], state [2, batch, 128], sr int64 scalar. */
    static byte[] fixture(Probe probe) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("silero-vad-fixture");
        String x = g.input("input", OnnxDType.FLOAT, "batch", "samples");
        String state = g.input("state", OnnxDType.FLOAT, 2, "batch", 128);
        String sr = g.input("sr", OnnxDType.INT64);
        String axis = g.constLongs(1);
        String window = probe == Probe.CONTEXT
                ? g.op("Slice", x, g.constLongs(0), g.constLongs(SileroVad.CONTEXT), axis)
                : g.op("Slice", x, g.constLongs(SileroVad.CONTEXT), g.constLongs(Long.MAX_VALUE), axis);
        String meanSquare = g.node("ReduceMean", g.op("Mul", window, window)).ints("axes", 1).attr("keepdims", 1L)
                .out();
        String probability = g.op("Sqrt", meanSquare);
        if (probe == Probe.STATE) {
            String stateMean = g.node("ReduceMean", state).attr("keepdims", 0L).out();
            probability = g.op("Add", g.op("Mul", probability, g.scalarFloat(0f)), stateMean);
        }
        String is16k = g.node("Cast", g.op("Equal", sr, g.scalarLong(16_000)))
                .attr("to", (long) OnnxDType.FLOAT.code()).out();
        g.output("output", g.op("Mul", probability, is16k), OnnxDType.FLOAT, "batch", 1);
        g.output("stateN", g.op("Add", state, g.scalarFloat(1f / 16)), OnnxDType.FLOAT, 2, "batch", 128);
        return g.toBytes();
    }

    private static SileroVad vad(Probe probe, VadOptions options) {
        return new SileroVad(load(fixture(probe)), options);
    }

    private static SileroVad vad(VadOptions options) {
        return vad(Probe.RMS, options);
    }

    /** Audio with one constant level per window. */
    private static AudioClip levels(double... levels) {
        float[] samples = new float[levels.length * W];
        for (int i = 0; i < levels.length; i++) {
            java.util.Arrays.fill(samples, i * W, (i + 1) * W, (float) levels[i]);
        }
        return new AudioClip(samples, VoiceActivityDetector.SAMPLE_RATE);
    }

    /** {@code count} windows at {@code level}, for building {@link #levels} sequences. */
    private static double[] run(int count, double level) {
        double[] run = new double[count];
        java.util.Arrays.fill(run, level);
        return run;
    }

    private static double[] seq(double[]... runs) {
        return java.util.Arrays.stream(runs).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static SpeechSegment seg(long start, long end) {
        return new SpeechSegment(start, end, VoiceActivityDetector.SAMPLE_RATE);
    }

    @Test
    void should_start_at_the_threshold_and_pad_both_ends_when_speech_is_surrounded_by_silence() {
        AudioClip clip = levels(seq(run(10, 0), run(20, SPEECH), run(10, 0)));

        assertThat(vad(VadOptions.DEFAULTS).detect(clip)).containsExactly(seg(10 * W - PAD, 30 * W + PAD));
    }

    @Test
    void should_clamp_the_padding_to_the_clip_when_speech_touches_its_ends() {
        AudioClip clip = levels(run(20, SPEECH));

        assertThat(vad(VadOptions.DEFAULTS).detect(clip)).containsExactly(seg(0, 20 * W));
    }

    @Test
    void should_keep_speech_going_between_the_two_thresholds_when_it_has_started() {
        // 0.4 is below the start threshold 0.5 but above the release threshold 0.35.
        AudioClip held = levels(seq(run(10, 0), run(10, SPEECH), run(20, 0.4), run(10, 0)));
        AudioClip neverStarted = levels(seq(run(10, 0), run(20, 0.4), run(10, 0)));
        AudioClip released = levels(seq(run(10, 0), run(10, SPEECH), run(20, 0.3), run(10, 0)));

        SileroVad vad = vad(VadOptions.DEFAULTS);
        assertThat(vad.detect(held)).containsExactly(seg(10 * W - PAD, 40 * W + PAD));
        assertThat(vad.detect(neverStarted)).isEmpty();
        assertThat(vad.detect(released)).containsExactly(seg(10 * W - PAD, 20 * W + PAD));
    }

    @Test
    void should_drop_speech_when_it_is_not_longer_than_the_minimum() {
        // 250 ms is 4000 samples: 7 windows (3584) are too short, 8 (4096) are enough.
        SileroVad vad = vad(VadOptions.DEFAULTS);

        assertThat(vad.detect(levels(seq(run(10, 0), run(7, SPEECH), run(10, 0))))).isEmpty();
        assertThat(vad.detect(levels(seq(run(10, 0), run(8, SPEECH), run(10, 0)))))
                .containsExactly(seg(10 * W - PAD, 18 * W + PAD));
    }

    @Test
    void should_bridge_a_pause_when_it_is_shorter_than_the_minimum_silence() {
        // 100 ms is 1600 samples: the pause ends speech once 1600 samples have passed since its first window, which
        // takes a fifth silent window (4 × 512 = 2048); four silent windows are bridged.
        SileroVad vad = vad(VadOptions.DEFAULTS);

        assertThat(vad.detect(levels(seq(run(10, 0), run(10, SPEECH), run(4, 0), run(10, SPEECH), run(10, 0)))))
                .containsExactly(seg(10 * W - PAD, 34 * W + PAD));
        assertThat(vad.detect(levels(seq(run(10, 0), run(10, SPEECH), run(5, 0), run(10, SPEECH), run(10, 0)))))
                .containsExactly(seg(10 * W - PAD, 20 * W + PAD), seg(25 * W - PAD, 35 * W + PAD));
    }

    @Test
    void should_share_the_gap_when_two_segments_are_closer_than_twice_the_padding() {
        // No minimum silence and 100 ms (1600-sample) padding: a 2-window gap (1024) is split 512/512.
        VadOptions options = VadOptions.DEFAULTS.withMinSilenceMs(0).withSpeechPadMs(100);
        AudioClip clip = levels(seq(run(5, 0), run(10, SPEECH), run(2, 0), run(10, SPEECH), run(10, 0)));

        assertThat(vad(options).detect(clip))
                .containsExactly(seg(5 * W - 1600, 16 * W), seg(16 * W, 27 * W + 1600));
    }

    @Test
    void should_split_long_speech_at_its_quietest_window_when_it_has_no_pause() {
        // 1 s maximum: speech longer than 16000 − 512 − 2 × 480 = 14528 samples (28.4 windows) is split, at the
        // least speech-like window in its second half: here the dip to 0.6 at window 10 + 20.
        double[] speech = run(70, SPEECH);
        speech[20] = 0.6;
        speech[50] = 0.6;
        AudioClip clip = levels(seq(run(10, 0), speech, run(10, 0)));

        List<SpeechSegment> segments = vad(VadOptions.DEFAULTS.withMaxSpeechSeconds(1)).detect(clip);

        assertThat(segments).first().isEqualTo(seg(10 * W - PAD, 30 * W));
        assertThat(segments).hasSize(3).allSatisfy(s -> assertThat(s.durationSeconds()).isLessThanOrEqualTo(1.0));
        assertThat(segments.get(1).startSample()).isEqualTo(30 * W);
        assertThat(segments.get(1).endSample()).isEqualTo(segments.get(2).startSample());
        assertThat(segments.get(2).endSample()).isEqualTo(80 * W + PAD);
    }

    @Test
    void should_split_long_speech_at_its_longest_pause_when_it_has_pauses() {
        // Pauses of 2 and 3 windows (shorter than the 100 ms minimum silence) inside 1.3 s of speech; the 1 s limit
        // splits at the longer one, which becomes the gap between the pieces, padded as usual (gap 1536 ≥ 960).
        AudioClip clip = levels(seq(run(10, 0), run(8, SPEECH), run(2, 0), run(8, SPEECH), run(3, 0), run(20, SPEECH),
                run(10, 0)));

        List<SpeechSegment> segments = vad(VadOptions.DEFAULTS.withMaxSpeechSeconds(1)).detect(clip);

        assertThat(segments).containsExactly(seg(10 * W - PAD, 28 * W + PAD), seg(31 * W - PAD, 51 * W + PAD));
    }

    @Test
    void should_end_at_the_pause_in_progress_when_the_limit_falls_inside_it() {
        // The limit (window 10 + 29) is reached during a 4-window pause that starts at window 10 + 26.
        AudioClip clip = levels(seq(run(10, 0), run(26, SPEECH), run(4, 0), run(20, SPEECH), run(10, 0)));

        List<SpeechSegment> segments = vad(VadOptions.DEFAULTS.withMaxSpeechSeconds(1)).detect(clip);

        assertThat(segments).containsExactly(seg(10 * W - PAD, 36 * W + PAD), seg(40 * W - PAD, 60 * W + PAD));
    }

    @Test
    void should_prepend_the_tail_of_the_previous_window_as_context() {
        // Only the last 64 samples of window 20 and the first 448 of window 25 are loud: a model that sees the
        // previous window's tail as context scores window 21 as speech, and nothing else.
        float[] samples = new float[40 * W];
        java.util.Arrays.fill(samples, 21 * W - SileroVad.CONTEXT, 21 * W, 0.9f);
        java.util.Arrays.fill(samples, 25 * W, 26 * W - SileroVad.CONTEXT, 0.9f);
        VadOptions instant = VadOptions.DEFAULTS.withMinSpeechMs(0).withMinSilenceMs(0).withSpeechPadMs(0);

        assertThat(vad(Probe.CONTEXT, instant).detect(new AudioClip(samples, VoiceActivityDetector.SAMPLE_RATE)))
                .containsExactly(seg(21 * W, 22 * W));
    }

    @Test
    void should_feed_the_state_back_when_scoring_consecutive_windows() {
        // The fixture scores each window with the mean of its incoming state, which grows by 1/16 per call when
        // stateN is fed back: window 8 is the first to reach 0.5. A fresh stream starts again from zero.
        SileroVad vad = vad(Probe.STATE, VadOptions.DEFAULTS);
        AudioClip clip = levels(run(30, 0));

        assertThat(vad.detect(clip)).containsExactly(seg(8 * W - PAD, 30 * W));
        assertThat(vad.detect(clip)).containsExactly(seg(8 * W - PAD, 30 * W));
    }

    @Test
    void should_report_the_same_segments_when_streamed_in_random_chunks() {
        SileroVad vad = vad(VadOptions.DEFAULTS.withMaxSpeechSeconds(1.5));
        Random random = new Random(7);
        for (int trial = 0; trial < 10; trial++) {
            double[] levels = new double[150];
            for (int i = 0; i < levels.length;) {
                double level = random.nextBoolean() ? 0.3 + 0.7 * random.nextDouble() : 0.4 * random.nextDouble();
                for (int n = 1 + random.nextInt(25); n > 0 && i < levels.length; n--) {
                    levels[i++] = level;
                }
            }
            AudioClip clip = levels(levels);
            float[] samples = java.util.Arrays.copyOf(clip.samples(), clip.samples().length - random.nextInt(W));

            List<VadEvent> events = TestAudio.stream(vad, samples, trial);

            assertThat(TestAudio.segments(events)).as("trial %d", trial)
                    .isEqualTo(vad.detect(new AudioClip(samples, VoiceActivityDetector.SAMPLE_RATE)));
            SpeechSegmenterTest.assertAlternating(events);
        }
    }

    @Test
    void should_report_start_and_end_while_the_audio_arrives() {
        try (VadStream stream = vad(VadOptions.DEFAULTS).open()) {
            assertThat(stream.accept(levels(run(10, 0)).samples())).isEmpty();
            assertThat(stream.accept(levels(run(10, SPEECH)).samples()))
                    .containsExactly(new VadEvent.SpeechStarted(10 * W - PAD, VoiceActivityDetector.SAMPLE_RATE));
            assertThat(stream.inSpeech()).isTrue();
            assertThat(stream.accept(levels(run(10, 0)).samples())).containsExactly(
                    new VadEvent.SpeechEnded(seg(10 * W - PAD, 20 * W + PAD)));
            assertThat(stream.inSpeech()).isFalse();
            assertThat(stream.position()).isEqualTo(30 * W);
            assertThat(stream.finish()).isEmpty();
            assertThatThrownBy(() -> stream.accept(new float[1])).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("finished");
        }
    }

    @Test
    void should_end_open_speech_at_the_last_sample_when_the_stream_is_finished() {
        try (VadStream stream = vad(VadOptions.DEFAULTS).open()) {
            stream.accept(levels(seq(run(10, 0), run(10, SPEECH))).samples());
            stream.accept(new float[] {0.9f, 0.9f, 0.9f});

            assertThat(stream.finish()).containsExactly(new VadEvent.SpeechEnded(seg(10 * W - PAD, 20 * W + 3)));
        }
    }

    @Test
    void should_refuse_audio_when_it_is_not_16_khz() {
        SileroVad vad = vad(VadOptions.DEFAULTS);

        assertThatThrownBy(() -> vad.detect(new AudioClip(new float[8000], 8000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16000 Hz")
                .hasMessageContaining("8000 Hz");
    }

    @Test
    void should_refuse_a_model_when_its_inputs_are_not_silero_v5() {
        OnnxGraphBuilder narrowState = new OnnxGraphBuilder("not-silero");
        String x = narrowState.input("input", OnnxDType.FLOAT, "batch", "samples");
        String state = narrowState.input("state", OnnxDType.FLOAT, 2, "batch", 64);
        narrowState.input("sr", OnnxDType.INT64);
        narrowState.output("output", narrowState.node("ReduceMean", x).ints("axes", 1).attr("keepdims", 1L).out(),
                OnnxDType.FLOAT, "batch", 1);
        narrowState.output("stateN", narrowState.op("Identity", state), OnnxDType.FLOAT, 2, "batch", 64);

        OnnxGraphBuilder v4 = new OnnxGraphBuilder("silero-v4-like");
        String in = v4.input("input", OnnxDType.FLOAT, "batch", "samples");
        v4.input("sr", OnnxDType.INT64);
        String h = v4.input("h", OnnxDType.FLOAT, 2, "batch", 64);
        v4.output("output", v4.node("ReduceMean", in).ints("axes", 1).attr("keepdims", 1L).out(), OnnxDType.FLOAT,
                "batch", 1);
        v4.output("hn", v4.op("Identity", h), OnnxDType.FLOAT, 2, "batch", 64);

        OnnxModel narrow = load(narrowState.toBytes());
        OnnxModel old = load(v4.toBytes());
        assertThatThrownBy(() -> new SileroVad(narrow, VadOptions.DEFAULTS)).isInstanceOf(ModelException.class)
                .hasMessageContaining("not a Silero VAD v5/v6 export").hasMessageContaining("state float32[2, ?, 128]")
                .hasMessageContaining("state float32[2, -1, 64]");
        assertThatThrownBy(() -> new SileroVad(old, VadOptions.DEFAULTS)).isInstanceOf(ModelException.class)
                .hasMessageContaining("expected state").hasMessageContaining("found none");
    }

    @Test
    void should_accept_the_fixture_when_it_has_silero_v5_inputs_and_outputs() {
        OnnxModel model = load(fixture(Probe.RMS));

        assertThat(model.inputs().keySet()).containsExactly("input", "state", "sr");
        assertThat(model.outputs().keySet()).containsExactly("output", "stateN");
        assertThat(new SileroVad(model, VadOptions.DEFAULTS).options()).isEqualTo(VadOptions.DEFAULTS);
    }
}
