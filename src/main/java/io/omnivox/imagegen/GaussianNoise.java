package io.omnivox.imagegen;

import java.util.SplittableRandom;

/**
 * Reproducible standard normal noise: a {@link SplittableRandom} seeded with the generation's seed, turned into
 * normal values by the Box–Muller transform (two uniforms give two independent normals). The same seed gives the same
 * sequence on every JVM and platform, so a seed reproduces an image exactly on the same model and provider. Not
 * thread-safe: one per image.
 */
final class GaussianNoise {

    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    GaussianNoise(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The next standard normal value. */
    double next() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        // 1 - u lies in (0, 1], so the logarithm is finite
        double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
        double angle = 2 * Math.PI * random.nextDouble();
        spare = radius * Math.sin(angle);
        hasSpare = true;
        return radius * Math.cos(angle);
    }

    /** {@code count} standard normal values. */
    float[] next(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) next();
        }
        return values;
    }
}
