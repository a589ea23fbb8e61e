package io.omnivox.audio;

import static io.omnivox.audio.FbankKaldiReference.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/**
 * Kaldi compatibility of {@link Fbank}, against kaldi-native-fbank's output ({@link FbankKaldiReference} says where the
 * numbers come from).
 *
 * <p>Speed, measured by hand (not asserted, the benchmark lives elsewhere): {@code new Fbank(senseVoice()).compute} of
 * 60 s of noise at 16 kHz (5998 frames) takes 45–70 ms after warm-up (about 200 ms on the first, cold call); the whole SenseVoice front end (scaling, fbank,
 * LFR, CMVN) about 60–75 ms.
 */
class FbankTest {

    /**
     * Max abs difference allowed on log mel energies. Ours is computed in double, kaldi-native-fbank in float, and the
     * reference was printed to 6 decimals; measured max abs diffs: 1.4e-5 (synthetic), 5.0e-6 (speech), 3.6e-5 (Povey),
     * 6.2e-6 (no snip-edges).
     */
    private static final double TOLERANCE = 1e-4;

    private static final Path GO_FORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");

    private final Fbank senseVoice = new Fbank(FbankOptions.senseVoice());

    @Test
    void should_define_the_same_synthetic_signal_when_regenerated() {
        float[] x = synthetic();
        double sum = 0;
        double sumOfSquares = 0;
        for (float v : x) {
            sum += v;
            sumOfSquares += (double) v * v;
        }

        assertThat(x).hasSize(8000);
        assertThat(sum).isEqualTo(SYNTHETIC_SUM);
        assertThat(sumOfSquares).isEqualTo(SYNTHETIC_SUM_OF_SQUARES);
    }

    @Test
    void should_match_kaldi_native_fbank_when_signal_is_synthetic() {
        float[][] features = senseVoice.compute(synthetic());

        assertThat(features).hasNumberOfRows(SYNTHETIC_FRAMES);
        assertMatches(features, SYNTHETIC_AT, SYNTHETIC);
    }

    @Test
    void should_match_kaldi_native_fbank_when_signal_is_speech() throws IOException {
        float[][] features = senseVoice.compute(goForward());

        assertThat(features).hasNumberOfRows(GOFORWARD_FRAMES);
        assertMatches(features, GOFORWARD_AT, GOFORWARD);
    }

    @Test
    void should_match_kaldi_native_fbank_when_window_is_povey() {
        Fbank povey = new Fbank(FbankOptions.senseVoice().withWindow(FbankOptions.Window.POVEY));

        float[][] features = povey.compute(synthetic());

        assertThat(features).hasNumberOfRows(SYNTHETIC_POVEY_FRAMES);
        assertMatches(features, SYNTHETIC_POVEY_AT, SYNTHETIC_POVEY);
    }

    @Test
    void should_match_kaldi_native_fbank_when_edges_are_not_snipped() throws IOException {
        Fbank noSnip = new Fbank(FbankOptions.senseVoice().withSnipEdges(false));

        float[][] features = noSnip.compute(goForward());

        assertThat(features).hasNumberOfRows(GOFORWARD_NO_SNIP_FRAMES);
        assertMatches(features, GOFORWARD_NO_SNIP_AT, GOFORWARD_NO_SNIP);
    }

    @Test
    void should_floor_the_log_at_float_epsilon_when_a_frame_is_silent() {
        float[][] features = senseVoice.compute(new float[400]);

        // ln(2^-23) = -23 ln 2
        assertThat(features).hasNumberOfRows(1);
        for (float v : features[0]) {
            assertThat((double) v).isCloseTo(-23 * Math.log(2), within(1e-6));
        }
    }

    @Test
    void should_count_frames_as_kaldi_when_snipping_edges() {
        // 400-sample frames every 160 samples: 1 + (n - 400) / 160 whole frames.
        assertThat(senseVoice.numFrames(399)).isZero();
        assertThat(senseVoice.numFrames(400)).isEqualTo(1);
        assertThat(senseVoice.numFrames(559)).isEqualTo(1);
        assertThat(senseVoice.numFrames(560)).isEqualTo(2);
        assertThat(senseVoice.numFrames(16_000)).isEqualTo(98);
        assertThat(senseVoice.compute(new float[399])).isEmpty();
    }

    @Test
    void should_count_frames_by_rounding_when_not_snipping_edges() {
        Fbank noSnip = new Fbank(FbankOptions.senseVoice().withSnipEdges(false));

        // round(n / 160), halves rounded up: (n + 80) / 160.
        assertThat(noSnip.numFrames(79)).isZero();
        assertThat(noSnip.numFrames(80)).isEqualTo(1);
        assertThat(noSnip.numFrames(16_000)).isEqualTo(100);
        // A signal shorter than a frame is mirrored repeatedly: still finite features.
        float[] shortSignal = new float[100];
        for (int i = 0; i < shortSignal.length; i++) {
            shortSignal[i] = (i % 7) * 300 - 900;
        }
        float[][] features = noSnip.compute(shortSignal);
        assertThat(features).hasNumberOfRows(1);
        for (float v : features[0]) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void should_give_the_same_features_when_called_twice() {
        float[] x = synthetic();

        assertThat(senseVoice.compute(x)).isDeepEqualTo(senseVoice.compute(x));
    }

    @Test
    void should_return_mel_energies_when_log_is_off() {
        FbankOptions o = FbankOptions.senseVoice();
        Fbank linear = new Fbank(new FbankOptions(o.sampleRate(), o.numBins(), o.frameLengthMs(), o.frameShiftMs(),
                o.window(), o.preemphasis(), o.removeDcOffset(), o.dither(), o.snipEdges(), o.lowFreq(), o.highFreq(),
                o.usePower(), false));
        float[] x = synthetic();

        float[][] logs = senseVoice.compute(x);
        float[][] energies = linear.compute(x);

        for (int b = 0; b < 80; b++) {
            assertThat(Math.log(energies[3][b])).isCloseTo(logs[3][b], within(1e-5));
        }
    }

    @Test
    void should_reject_more_bins_than_the_fft_resolves_when_bins_are_too_many() {
        FbankOptions o = FbankOptions.senseVoice();
        FbankOptions tooMany = new FbankOptions(o.sampleRate(), 400, o.frameLengthMs(), o.frameShiftMs(), o.window(),
                o.preemphasis(), o.removeDcOffset(), o.dither(), o.snipEdges(), o.lowFreq(), o.highFreq(), o.usePower(),
                o.useLogFbank());

        assertThatThrownBy(() -> new Fbank(tooMany)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("covers no FFT bin");
    }

    private static void assertMatches(float[][] features, int[] frames, float[][] expected) {
        double maxDiff = 0;
        for (int i = 0; i < frames.length; i++) {
            float[] actual = features[frames[i]];
            assertThat(actual).hasSize(80);
            for (int b = 0; b < 80; b++) {
                maxDiff = Math.max(maxDiff, Math.abs(actual[b] - expected[i][b]));
            }
        }
        assertThat(maxDiff).as("max abs diff vs kaldi-native-fbank over frames %s", Arrays.toString(frames))
                .isLessThan(TOLERANCE);
    }

    /**
     * The synthetic test signal, 0.5 s at 16 kHz in the int16 range: sines at 440 Hz (amplitude 8000), 1234.5 Hz (3000,
     * phase 0.3) and a 3 kHz tone fading in (1500 · i / 8000), plus noise from the LCG state' = state · 1664525 +
     * 1013904223 mod 2³² (seed 12345), taking ((state >>> 17) − 16384) · 0.1; samples 4000 … 4799 are silence; every
     * sample rounded half-even to an integer and clamped to [-32768, 32767].
     */
    static float[] synthetic() {
        int n = 8000;
        float[] x = new float[n];
        int state = 12345;
        for (int i = 0; i < n; i++) {
            state = state * 1664525 + 1013904223;
            double noise = ((state >>> 17) - 16384) * 0.1;
            double t = i / 16000.0;
            double s = 8000.0 * StrictMath.sin(2 * Math.PI * 440.0 * t)
                    + 3000.0 * StrictMath.sin(2 * Math.PI * 1234.5 * t + 0.3)
                    + 1500.0 * StrictMath.sin(2 * Math.PI * 3000.0 * t) * (i / 8000.0) + noise;
            if (i >= 4000 && i < 4800) {
                s = 0;
            }
            x[i] = (float) Math.max(-32768, Math.min(32767, Math.rint(s)));
        }
        return x;
    }

    /** The first 0.3 s (4800 samples) of goforward.raw as int16-range floats; skips the test when it is absent. */
    private static float[] goForward() throws IOException {
        assumeTrue(Files.isReadable(GO_FORWARD), "needs Debian's pocketsphinx-testdata (" + GO_FORWARD + ")");
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(GO_FORWARD)).order(ByteOrder.LITTLE_ENDIAN);
        float[] x = new float[4800];
        for (int i = 0; i < x.length; i++) {
            x[i] = bytes.getShort();
        }
        return x;
    }
}
