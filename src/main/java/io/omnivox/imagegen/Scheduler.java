package io.omnivox.imagegen;

/**
 * One denoising run's timesteps and update rule. Latents are flat {@code float} arrays in {@code [batch, 4, h, w]}
 * order; the scheduler never looks at their shape. A scheduler is made for one image and is not thread-safe.
 */
sealed interface Scheduler permits SigmaScheduler, LcmScheduler {

    /** Timesteps given to the UNet, one per inference step, largest first. */
    double[] timesteps();

    /** Standard deviation of the initial noise (latents start as {@code noise × initNoiseSigma}). */
    double initNoiseSigma();

    /** The UNet's input for step {@code index} (the Euler schedulers divide by √(σ²+1)); may return {@code sample}. */
    float[] scaleModelInput(float[] sample, int index);

    /** The latents after step {@code index}, from the model's prediction for {@code sample}. */
    float[] step(float[] modelOutput, int index, float[] sample, GaussianNoise noise);

    /** Clean latents noised to the level of step {@code index}, where image-to-image starts. */
    float[] addNoise(float[] original, float[] noise, int index);

    /**
     * The first step of an image-to-image run of this many steps at {@code strength} (0 keeps the image, 1 replaces
     * it): diffusers' {@code t_start = steps - min(floor(steps × strength), steps)}.
     */
    static int startIndex(int steps, double strength) {
        int run = Math.min((int) Math.floor(steps * strength), steps);
        return steps - run;
    }
}
