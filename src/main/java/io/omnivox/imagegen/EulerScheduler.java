package io.omnivox.imagegen;

/**
 * Euler's method on the probability-flow ODE (Karras et al., "Elucidating the Design Space of Diffusion-Based
 * Generative Models", 2022, algorithm 2 without churn), as diffusers' {@code EulerDiscreteScheduler}: x₀ is predicted
 * at σᵢ and the sample moves along {@code (x − x₀)/σᵢ} to σᵢ₊₁; the last σ is 0, so the last step returns x₀. With
 * {@link TimestepSpacing#TRAILING trailing} spacing this is SD-Turbo's schedule: one step at t = 999 turns pure noise
 * into x₀ directly.
 */
final class EulerScheduler extends SigmaScheduler {

    EulerScheduler(NoiseSchedule schedule, int steps, TimestepSpacing spacing, PredictionType prediction) {
        super(schedule, steps, spacing, prediction);
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
}
