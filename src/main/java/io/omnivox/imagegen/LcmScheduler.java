package io.omnivox.imagegen;

/**
 * Latent Consistency Model multi-step sampling (Luo et al., "Latent Consistency Models", 2023, algorithm 3), as
 * diffusers' {@code LCMScheduler}: timesteps are picked from the distillation's skipping schedule
 * ({@code original_inference_steps} points {@code k·(i+1) − 1}, k = T / original steps), each step predicts the clean
 * latents through the consistency boundary condition ({@code c_skip·x + c_out·x₀}, σ_data 0.5, timestep scaling 10)
 * and re-noises them to the next timestep. Initial noise σ is 1 and inputs are not scaled.
 */
final class LcmScheduler implements Scheduler {

    private static final double SIGMA_DATA = 0.5;
    private static final double TIMESTEP_SCALING = 10;

    private final NoiseSchedule schedule;
    private final int[] timesteps;
    private final PredictionType prediction;

    LcmScheduler(NoiseSchedule schedule, int steps, int originalSteps, PredictionType prediction) {
        if (steps < 1 || steps > originalSteps) {
            throw new IllegalArgumentException("an LCM run takes 1 to " + originalSteps + " steps, got " + steps);
        }
        this.schedule = schedule;
        this.timesteps = timesteps(schedule.trainSteps(), steps, originalSteps);
        this.prediction = prediction;
    }

    /**
     * diffusers: {@code origin = arange(1, original + 1) * (T // original) - 1}, reversed, then the entries at
     * {@code floor(linspace(0, original, steps, endpoint=False))}. Four steps give 999, 759, 499, 259.
     */
    static int[] timesteps(int trainSteps, int steps, int originalSteps) {
        int k = trainSteps / originalSteps;
        int[] picked = new int[steps];
        for (int i = 0; i < steps; i++) {
            int position = (int) Math.floor((double) i * originalSteps / steps);
            picked[i] = (originalSteps - position) * k - 1;
        }
        return picked;
    }

    @Override
    public double[] timesteps() {
        double[] values = new double[timesteps.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = timesteps[i];
        }
        return values;
    }

    @Override
    public double initNoiseSigma() {
        return 1;
    }

    @Override
    public float[] scaleModelInput(float[] sample, int index) {
        return sample;
    }

    @Override
    public float[] step(float[] modelOutput, int index, float[] sample, GaussianNoise noise) {
        int t = timesteps[index];
        boolean last = index == timesteps.length - 1;
        double alpha = schedule.alphaCumprod(t);
        double beta = 1 - alpha;
        double alphaPrev = last ? alpha : schedule.alphaCumprod(timesteps[index + 1]);
        double cSkip = cSkip(t);
        double cOut = cOut(t);
        float[] next = new float[sample.length];
        for (int i = 0; i < sample.length; i++) {
            double original = switch (prediction) {
                case EPSILON -> (sample[i] - Math.sqrt(beta) * modelOutput[i]) / Math.sqrt(alpha);
                case V_PREDICTION -> Math.sqrt(alpha) * sample[i] - Math.sqrt(beta) * modelOutput[i];
            };
            double denoised = cOut * original + cSkip * sample[i];
            next[i] = (float) (last ? denoised
                    : Math.sqrt(alphaPrev) * denoised + Math.sqrt(1 - alphaPrev) * noise.next());
        }
        return next;
    }

    /** c_skip(t) = σ_data² / ((10t)² + σ_data²). */
    static double cSkip(int t) {
        double scaled = t * TIMESTEP_SCALING;
        return SIGMA_DATA * SIGMA_DATA / (scaled * scaled + SIGMA_DATA * SIGMA_DATA);
    }

    /** c_out(t) = 10t / √((10t)² + σ_data²). */
    static double cOut(int t) {
        double scaled = t * TIMESTEP_SCALING;
        return scaled / Math.sqrt(scaled * scaled + SIGMA_DATA * SIGMA_DATA);
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int index) {
        double alpha = schedule.alphaCumprod(timesteps[index]);
        float[] noisy = new float[original.length];
        for (int i = 0; i < original.length; i++) {
            noisy[i] = (float) (Math.sqrt(alpha) * original[i] + Math.sqrt(1 - alpha) * noise[i]);
        }
        return noisy;
    }
}
