package io.omnivox.imagegen;

/**
 * Euler's method on the probability-flow ODE (Karras et al., "Elucidating the Design Space of Diffusion-Based
 * Generative Models", 2022, algorithm 2 without churn), as diffusers' {@code EulerDiscreteScheduler}: x₀ is predicted
 * at σᵢ and the sample moves along {@code (x − x₀)/σᵢ} to σᵢ₊₁; the last σ is 0, so the last step returns x₀. With
 * {@link TimestepSpacing#TRAILING trailing} spacing this is SD-Turbo's schedule: one step at t = 999 turns pure noise
 * into x₀ directly.
 */
final class EulerScheduler implements Scheduler {

    private final double[] timesteps;
    /** One σ per step plus a final 0. */
    private final double[] sigmas;
    private final PredictionType prediction;
    private final TimestepSpacing spacing;

    EulerScheduler(NoiseSchedule schedule, int steps, TimestepSpacing spacing, PredictionType prediction) {
        this.timesteps = spacing.timesteps(steps, schedule.trainSteps());
        this.sigmas = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            sigmas[i] = schedule.sigmaAt(timesteps[i]);
        }
        this.prediction = prediction;
        this.spacing = spacing;
    }

    @Override
    public double[] timesteps() {
        return timesteps.clone();
    }

    /** σ of step {@code index}; {@code index == steps} is the final 0. */
    double sigma(int index) {
        return sigmas[index];
    }

    @Override
    public double initNoiseSigma() {
        // diffusers: the largest σ for linspace/trailing spacing, √(σ²+1) for leading; σ₀ is the largest
        double max = sigmas[0];
        return spacing == TimestepSpacing.LEADING ? Math.sqrt(max * max + 1) : max;
    }

    @Override
    public float[] scaleModelInput(float[] sample, int index) {
        return scale(sample, 1 / Math.sqrt(sigmas[index] * sigmas[index] + 1));
    }

    @Override
    public float[] step(float[] modelOutput, int index, float[] sample, GaussianNoise noise) {
        double sigma = sigmas[index];
        double dt = sigmas[index + 1] - sigma;
        float[] next = new float[sample.length];
        for (int i = 0; i < sample.length; i++) {
            double original = originalSample(prediction, modelOutput[i], sample[i], sigma);
            double derivative = (sample[i] - original) / sigma;
            next[i] = (float) (sample[i] + derivative * dt);
        }
        return next;
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int index) {
        float[] noisy = new float[original.length];
        for (int i = 0; i < original.length; i++) {
            noisy[i] = (float) (original[i] + noise[i] * sigmas[index]);
        }
        return noisy;
    }

    /** x₀ predicted at σ in the σ-parametrisation of the Euler schedulers (latents not divided by √(σ²+1)). */
    static double originalSample(PredictionType prediction, double output, double sample, double sigma) {
        return switch (prediction) {
            case EPSILON -> sample - sigma * output;
            case V_PREDICTION -> output * (-sigma / Math.sqrt(sigma * sigma + 1)) + sample / (sigma * sigma + 1);
        };
    }

    static float[] scale(float[] values, double factor) {
        float[] scaled = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = (float) (values[i] * factor);
        }
        return scaled;
    }
}
