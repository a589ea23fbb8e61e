package io.omnivox.tts.cosyvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link FlowMatchingSolver} with velocity fields whose Euler solution the test computes itself, against upstream
 * {@code ConditionalCFM.solve_euler} (FunAudioLLM/CosyVoice {@code cosyvoice/flow/flow_matching.py}).
 */
class FlowMatchingSolverTest {

    private static final int BINS = FlowMatchingSolver.MEL_BINS;

    /**
     * {@code 1 − cos(k/10 · π/2)} for k = 0 … 10, the cosine t-schedule over {@code linspace(0, 1, 11)}, computed in
     * float64 with numpy ({@code 1 - np.cos(k / 10 * np.pi / 2)}, numpy 2.4.6) and checked by hand where the cosine
     * is known: k = 0 → 0, k = 5 → 1 − √2/2 = 0.2928932188, k = 10 → 1 − cos(π/2) = 1, k = 2 → 1 − cos(π/10)
     * = 1 − √(10 + 2√5)/4 = 0.0489434837.
     */
    private static final double[] T_SPAN_10 = {0, 0.0123116594, 0.0489434837, 0.1089934758, 0.1909830056,
        0.2928932188, 0.4122147477, 0.5460095003, 0.6909830056, 0.843565535, 1};

    private static float[] random(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void should_use_the_cosine_schedule_when_asked_for_ten_steps() {
        float[] span = FlowMatchingSolver.timeSpan(10);

        assertThat(span).hasSize(11);
        for (int k = 0; k < span.length; k++) {
            // float32 as torch computes it: within one or two float ulps (6e-8 below 1) of the float64 value;
            // measured 6.8e-8 at most.
            assertThat((double) span[k]).as("t[%d]", k).isCloseTo(T_SPAN_10[k], within(1.2e-7));
        }
        assertThat(span[0]).isZero();
        assertThat(span[10]).isEqualTo(1f);
    }

    @Test
    void should_follow_the_euler_recurrence_when_the_field_is_linear() {
        // Field per row: v = a·x + (mu + spks + cond), so the conditioned row gives a·x + b and the unconditioned
        // row (mu, spks, cond zeroed) gives a·x; with guidance r: v = (1 + r)(a·x + b) − r·a·x = a·x + (1 + r)·b.
        int frames = 6;
        float a = -0.8f;
        Random random = new Random(1);
        float[] mu = random(random, BINS * frames);
        float[] spks = random(random, BINS);
        float[] cond = random(random, BINS * frames);
        float[] x0 = random(random, BINS * frames);
        VelocityEstimator linear = (x, mask, m, t, s, c, batch, n) -> {
            float[] v = new float[x.length];
            for (int b = 0; b < batch; b++) {
                for (int ch = 0; ch < BINS; ch++) {
                    for (int f = 0; f < n; f++) {
                        int i = (b * BINS + ch) * n + f;
                        v[i] = a * x[i] + m[i] + s[b * BINS + ch] + c[i];
                    }
                }
            }
            return v;
        };

        float[] mel = new FlowMatchingSolver(linear, FlowMatchingSolver.Settings.DEFAULTS)
                .solve(mu, spks, cond, frames, x0);

        double r = 0.7;
        for (int ch = 0; ch < BINS; ch++) {
            for (int f = 0; f < frames; f++) {
                int i = ch * frames + f;
                double b = mu[i] + spks[ch] + cond[i];
                double x = x0[i];
                for (int k = 0; k < 10; k++) {
                    x = x + (T_SPAN_10[k + 1] - T_SPAN_10[k]) * (a * x + (1 + r) * b);
                }
                // The solver runs in float32, the recurrence here in double: measured 4.8e-7 at most.
                assertThat((double) mel[i]).as("bin %d frame %d", ch, f).isCloseTo(x, within(1e-5));
            }
        }
    }

    @Test
    void should_reach_the_target_when_the_field_points_straight_at_it() {
        // Rectified flow's ideal field v = x1 − x0 is constant, so Euler lands on x1 whatever the step sizes.
        int frames = 4;
        Random random = new Random(2);
        float[] x0 = random(random, BINS * frames);
        float[] target = random(random, BINS * frames);
        VelocityEstimator straight = (x, mask, mu, t, spks, cond, batch, n) -> {
            float[] v = new float[x.length];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < target.length; i++) {
                    v[b * target.length + i] = target[i] - x0[i];
                }
            }
            return v;
        };

        float[] mel = new FlowMatchingSolver(straight, FlowMatchingSolver.Settings.DEFAULTS)
                .solve(new float[BINS * frames], new float[BINS], new float[BINS * frames], frames, x0);

        assertThat(mel).containsExactly(target, within(1e-5f));
    }

    /** Records what the solver feeds the estimator; answers 1 in the conditioned row and 3 in the other. */
    private static final class Recorder implements VelocityEstimator {
        final List<float[][]> calls = new ArrayList<>();
        final List<Float> times = new ArrayList<>();

        @Override
        public float[] estimate(float[] x, float[] mask, float[] mu, float t, float[] spks, float[] cond, int batch,
                int frames) {
            calls.add(new float[][] {x.clone(), mask.clone(), mu.clone(), spks.clone(), cond.clone()});
            times.add(t);
            float[] v = new float[x.length];
            Arrays.fill(v, 0, x.length / 2, 1f);
            Arrays.fill(v, x.length / 2, x.length, 3f);
            return v;
        }
    }

    @Test
    void should_combine_conditioned_and_unconditioned_velocities_with_the_guidance_rate() {
        int frames = 3;
        int n = BINS * frames;
        Random random = new Random(3);
        float[] mu = random(random, n);
        float[] spks = random(random, BINS);
        float[] cond = random(random, n);
        float[] x0 = random(random, n);
        Recorder recorder = new Recorder();

        float[] mel = new FlowMatchingSolver(recorder, FlowMatchingSolver.Settings.DEFAULTS)
                .solve(mu, spks, cond, frames, x0);

        // v = (1 + 0.7)·1 − 0.7·3 = −0.4 at every step, and the steps add up to t = 1.
        for (int i = 0; i < n; i++) {
            assertThat(mel[i]).isCloseTo(x0[i] - 0.4f, within(1e-5f));
        }
        assertThat(recorder.calls).hasSize(10);
        for (int step = 0; step < 10; step++) {
            float[][] in = recorder.calls.get(step);
            assertThat((double) recorder.times.get(step)).isCloseTo(T_SPAN_10[step], within(2e-7));
            assertThat(Arrays.copyOfRange(in[0], 0, n)).containsExactly(Arrays.copyOfRange(in[0], n, 2 * n));
            assertThat(in[1]).hasSize(2 * frames).containsOnly(1f);
            assertThat(Arrays.copyOfRange(in[2], 0, n)).containsExactly(mu);
            assertThat(Arrays.copyOfRange(in[2], n, 2 * n)).containsOnly(0f);
            assertThat(Arrays.copyOfRange(in[3], 0, BINS)).containsExactly(spks);
            assertThat(Arrays.copyOfRange(in[3], BINS, 2 * BINS)).containsOnly(0f);
            assertThat(Arrays.copyOfRange(in[4], 0, n)).containsExactly(cond);
            assertThat(Arrays.copyOfRange(in[4], n, 2 * n)).containsOnly(0f);
        }
        assertThat(Arrays.copyOfRange(recorder.calls.get(0)[0], 0, n)).containsExactly(x0);
    }

    @Test
    void should_ignore_the_unconditioned_row_when_the_guidance_rate_is_zero() {
        int frames = 2;
        float[] x0 = new float[BINS * frames];

        float[] mel = new FlowMatchingSolver(new Recorder(), new FlowMatchingSolver.Settings(10, 0))
                .solve(new float[BINS * frames], new float[BINS], new float[BINS * frames], frames, x0);

        float[] ones = new float[BINS * frames];
        Arrays.fill(ones, 1f);
        assertThat(mel).containsExactly(ones, within(1e-6f));
    }

    @Test
    void should_start_from_the_seeded_noise_when_given_a_flow_noise() {
        int frames = 5;
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        float[] zeros = new float[BINS * frames];
        FlowMatchingSolver.Settings settings = new FlowMatchingSolver.Settings(2, 0.7);

        float[] a = new FlowMatchingSolver(first, settings).solve(zeros, new float[BINS], zeros, frames,
                new FlowNoise(42));
        float[] b = new FlowMatchingSolver(second, settings).solve(zeros, new float[BINS], zeros, frames,
                new FlowNoise(42));

        float[] noise = new FlowNoise(42).sample(0, frames);
        assertThat(Arrays.copyOfRange(first.calls.get(0)[0], 0, BINS * frames)).containsExactly(noise);
        assertThat(a).containsExactly(b);
    }

    @Test
    void should_refuse_inputs_when_their_sizes_do_not_match_the_frames() {
        FlowMatchingSolver solver = new FlowMatchingSolver(new Recorder(), FlowMatchingSolver.Settings.DEFAULTS);
        float[] mel = new float[BINS * 4];

        assertThatThrownBy(() -> solver.solve(mel, new float[BINS], mel, 5, new float[BINS * 5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mu");
        assertThatThrownBy(() -> solver.solve(mel, new float[79], mel, 4, mel))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spks");
        assertThatThrownBy(() -> new FlowMatchingSolver.Settings(0, 0.7))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
