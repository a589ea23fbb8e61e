package io.omnivox.imagegen;

/**
 * What the Euler-family schedulers share (diffusers' {@code EulerDiscreteScheduler} and
 * {@code EulerAncestralDiscreteScheduler}): the timesteps of the chosen spacing, one σ per step plus a final 0, the
 * model input divided by √(σ²+1), noise added at σ, and x₀ predicted in the σ-parametrisation. Subclasses say how one
 * step moves the sample.
 */
abstract sealed class SigmaScheduler implements Scheduler permits EulerScheduler, EulerAncestralScheduler {

    private final double[] timesteps;
    /** One σ per step plus a final 0. */
    protected final double[] sigmas;
    protected final PredictionType prediction;
    private final TimestepSpacing spacing;

    SigmaScheduler(NoiseSchedule schedule, int steps, TimestepSpacing spacing, PredictionType prediction) {
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
