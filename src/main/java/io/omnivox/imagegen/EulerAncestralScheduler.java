package io.omnivox.imagegen;

/**
 * Ancestral sampling with Euler steps, as diffusers' {@code EulerAncestralDiscreteScheduler} (after k-diffusion's
 * {@code sample_euler_ancestral}): each step goes down to σ_down deterministically and adds fresh noise of σ_up, where
 * {@code σ_up = √(σ_to²(σ_from² − σ_to²)/σ_from²)} and {@code σ_down = √(σ_to² − σ_up²)}. The noise comes from the
 * image's seeded generator, so results stay reproducible.
 */
final class EulerAncestralScheduler extends SigmaScheduler {

    EulerAncestralScheduler(NoiseSchedule schedule, int steps, TimestepSpacing spacing, PredictionType prediction) {
        super(schedule, steps, spacing, prediction);
    }

    @Override
    public float[] step(float[] modelOutput, int index, float[] sample, GaussianNoise noise) {
        double from = sigmas[index];
        double to = sigmas[index + 1];
        double up = sigmaUp(from, to);
        double down = Math.sqrt(to * to - up * up);
        double dt = down - from;
        float[] next = new float[sample.length];
        for (int i = 0; i < sample.length; i++) {
            double original = originalSample(prediction, modelOutput[i], sample[i], from);
            double derivative = (sample[i] - original) / from;
            double value = sample[i] + derivative * dt;
            // the last step has σ_up = 0: no noise is drawn for it
            next[i] = (float) (up > 0 ? value + noise.next() * up : value);
        }
        return next;
    }

    /** The noise added back after stepping from σ_from to σ_to. */
    static double sigmaUp(double from, double to) {
        return Math.sqrt(to * to * (from * from - to * to) / (from * from));
    }
}
