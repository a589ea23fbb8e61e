package io.omnivox.tts.cosyvoice;

import java.util.Arrays;

/**
 * The Euler ODE solver of CosyVoice 2's conditional flow matching, turning the token encoder's {@code mu} into a mel
 * spectrogram. It follows upstream {@code cosyvoice/flow/flow_matching.py} (FunAudioLLM/CosyVoice, checked at
 * commit ace7c47f): {@code ConditionalCFM.forward} / {@code CausalConditionalCFM.forward} build the time grid and
 * {@code ConditionalCFM.solve_euler} integrates, step for step:
 * <ol>
 * <li>{@code t_span = linspace(0, 1, n + 1)}, then the cosine scheduler {@code t_span = 1 − cos(t_span·π/2)}
 * ({@code t_scheduler: 'cosine'} in the CosyVoice 2 config): small steps near the noise, large ones near the data.</li>
 * <li>{@code t = t_span[0]}, {@code dt = t_span[1] − t_span[0]}; for each step 1 … n: run the estimator on a batch
 * of 2 (row 0 conditioned: {@code x, mask, mu, t, spks, cond}; row 1 unconditioned: the same {@code x, mask, t} with
 * {@code mu}, {@code spks}, {@code cond} zero), combine with classifier-free guidance
 * {@code v = (1 + r)·v_cond − r·v_uncond}, then {@code x = x + dt·v}, {@code t = t + dt}, and (before the last step)
 * {@code dt = t_span[step + 1] − t}. Upstream runs this in float32, and so does this class, in the same order of
 * operations.</li>
 * </ol>
 * The mask is all ones: upstream solves one utterance at a time, without padding. The result keeps every frame,
 * prompt included; upstream's {@code CausalMaskedDiffWithXvec.inference} then drops the prompt's mel frames
 * ({@code feat[:, :, mel_len1:]}), and so must the caller.
 *
 * <h2>Streaming</h2>
 * CosyVoice 2 streams by re-solving: for each chunk it runs the encoder and this solver on the prompt plus every token
 * so far (plus the look-ahead), and keeps only the frames it has not emitted yet ({@code tts_mel[:, :,
 * token_offset·2:]} in {@code CosyVoice2Model.token2wav}); the chunk-causal estimator makes earlier frames stable. The
 * hook for that is the noise: {@link FlowNoise} gives frame f the same value in every call, so passing
 * {@code noise} (always sampled from frame 0, as upstream slices its fixed noise tensor) keeps the re-solved frames
 * consistent. A caller that solves only a window of frames (as CosyVoice 1's non-causal flow does with its 34-frame
 * overlap cache of noise and {@code mu}) builds x₀ itself, e.g. the previous chunk's tail noise followed by
 * {@link FlowNoise#sample(int, int)} of the new frames, and calls {@link #solve(float[], float[], float[], int,
 * float[])}.
 *
 * <p>Thread-safe when the estimator is: each call has its own buffers.
 */
public final class FlowMatchingSolver {

    /** Mel bins of CosyVoice 2's flow (the estimator's channel axis). */
    public static final int MEL_BINS = 80;
    /** Rows of the estimator's batch: the conditioned and the unconditioned pass. */
    public static final int BATCH = 2;

    /**
     * @param steps   Euler steps (CosyVoice 2 hard-codes {@code n_timesteps=10} in its flow's inference)
     * @param cfgRate classifier-free guidance rate r ({@code inference_cfg_rate: 0.7} in the CosyVoice 2 config);
     *                0 ignores the unconditioned pass
     */
    public record Settings(int steps, double cfgRate) {

        public static final Settings DEFAULTS = new Settings(10, 0.7);

        public Settings {
            if (steps < 1) {
                throw new IllegalArgumentException("flow matching needs at least one step, got " + steps);
            }
            if (!Double.isFinite(cfgRate) || cfgRate < 0) {
                throw new IllegalArgumentException("cfg rate must be finite and non-negative, got " + cfgRate);
            }
        }
    }

    private final VelocityEstimator estimator;
    private final Settings settings;
    private final float[] timeSpan;

    public FlowMatchingSolver(VelocityEstimator estimator, Settings settings) {
        this.estimator = estimator;
        this.settings = settings;
        this.timeSpan = timeSpan(settings.steps());
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The cosine time grid for {@code steps} Euler steps, {@code steps + 1} points from 0 to 1:
     * {@code 1 − cos(s·π/2)} for {@code s = linspace(0, 1, steps + 1)}, in float32 as torch computes it
     * ({@code linspace} fills its first half as {@code start + step·i} and its second half as {@code end − step·(n−1−i)};
     * then {@code (s·0.5)·π} and {@code 1 − cos(·)}, each rounded to float).
     */
    public static float[] timeSpan(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("need at least one step, got " + steps);
        }
        int points = steps + 1;
        float step = 1f / steps;
        int halfway = points / 2;
        float pi = (float) Math.PI;
        float[] span = new float[points];
        for (int i = 0; i < points; i++) {
            float s = i < halfway ? step * i : 1f - step * (points - 1 - i);
            span[i] = 1f - (float) Math.cos(s * 0.5f * pi);
        }
        return span;
    }

    /**
     * Solves from the noise {@code noise.sample(0, frames)}.
     *
     * @param mu     the encoder output, [1, 80, frames]
     * @param spks   the speaker condition, [1, 80]
     * @param cond   the prompt mel in its first frames, zeros after, [1, 80, frames]
     * @param frames mel frames (prompt included)
     * @return the mel, [1, 80, frames]
     */
    public float[] solve(float[] mu, float[] spks, float[] cond, int frames, FlowNoise noise) {
        return solve(mu, spks, cond, frames, noise.sample(0, frames));
    }

    /**
     * Solves from a given starting point x₀ (e.g. upstream's own noise, or a streaming window's noise).
     *
     * @param mu     the encoder output, [1, 80, frames]
     * @param spks   the speaker condition, [1, 80]
     * @param cond   the prompt mel in its first frames, zeros after, [1, 80, frames]
     * @param frames mel frames (prompt included)
     * @param x0     the sample at t = 0, [1, 80, frames]; not modified
     * @return the mel, [1, 80, frames]
     */
    public float[] solve(float[] mu, float[] spks, float[] cond, int frames, float[] x0) {
        int n = MEL_BINS * frames;
        check("mu", mu, n, frames);
        check("cond", cond, n, frames);
        check("x0", x0, n, frames);
        if (spks.length != MEL_BINS) {
            throw new IllegalArgumentException("spks must be [1, " + MEL_BINS + "], got " + spks.length + " values");
        }
        float[] x = x0.clone();
        float[] xIn = new float[BATCH * n];
        float[] maskIn = new float[BATCH * frames];
        float[] muIn = new float[BATCH * n];
        float[] spksIn = new float[BATCH * MEL_BINS];
        float[] condIn = new float[BATCH * n];
        // (1.0 + r) and r as torch applies Python floats to a float32 tensor: rounded to float once.
        float guided = (float) (1.0 + settings.cfgRate());
        float unguided = (float) settings.cfgRate();
        float t = timeSpan[0];
        float dt = timeSpan[1] - timeSpan[0];
        for (int step = 1; step < timeSpan.length; step++) {
            // Refilled every step as upstream does, so an estimator that scribbles on its inputs cannot leak.
            System.arraycopy(x, 0, xIn, 0, n);
            System.arraycopy(x, 0, xIn, n, n);
            Arrays.fill(maskIn, 1f);
            System.arraycopy(mu, 0, muIn, 0, n);
            Arrays.fill(muIn, n, 2 * n, 0f);
            System.arraycopy(spks, 0, spksIn, 0, MEL_BINS);
            Arrays.fill(spksIn, MEL_BINS, 2 * MEL_BINS, 0f);
            System.arraycopy(cond, 0, condIn, 0, n);
            Arrays.fill(condIn, n, 2 * n, 0f);
            float[] v = estimator.estimate(xIn, maskIn, muIn, t, spksIn, condIn, BATCH, frames);
            if (v.length != BATCH * n) {
                throw new IllegalStateException("the estimator returned " + v.length + " values, expected [" + BATCH
                        + ", " + MEL_BINS + ", " + frames + "] = " + BATCH * n);
            }
            for (int i = 0; i < n; i++) {
                float velocity = guided * v[i] - unguided * v[n + i];
                x[i] = x[i] + dt * velocity;
            }
            t = t + dt;
            if (step < timeSpan.length - 1) {
                dt = timeSpan[step + 1] - t;
            }
        }
        return x;
    }

    private static void check(String name, float[] values, int expected, int frames) {
        if (values.length != expected) {
            throw new IllegalArgumentException(name + " must be [1, " + MEL_BINS + ", " + frames + "] = " + expected
                    + " values, got " + values.length);
        }
    }
}
