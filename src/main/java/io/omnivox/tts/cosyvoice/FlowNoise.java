package io.omnivox.tts.cosyvoice;

/**
 * The flow's starting noise x₀ ~ N(0, I), deterministic given a seed and addressable by frame: the value at (mel bin
 * c, frame f) depends only on the seed, c and f, so a window of frames starting anywhere gets exactly the numbers the
 * whole-utterance draw has there.
 *
 * <p>That is upstream's streaming contract: CosyVoice 2's {@code CausalConditionalCFM} draws one fixed noise tensor
 * {@code [1, 80, 50·300]} (300 s of mel at 50 frames/s) with seed 0 at start-up and uses its first {@code T} frames for
 * every call, so the frames re-solved for each streaming chunk always see the same noise. Here the noise is computed
 * per element instead of stored, so it has no length limit. It is not torch's {@code randn} (reproducing torch's
 * Mersenne-Twister stream is not the goal); a caller that needs upstream's exact noise passes x₀ to
 * {@link FlowMatchingSolver#solve(float[], float[], float[], int, float[])} itself.
 *
 * <p>Each value is a Box-Muller transform of two 53-bit uniforms taken from the SplitMix64 finaliser of a counter
 * built from (seed, bin, frame), with {@link StrictMath} so every JVM gives the same bits. Immutable and thread-safe.
 */
public final class FlowNoise {

    /** SplitMix64's increment, 2⁶⁴ / φ: consecutive counters land far apart before mixing. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** 2⁻⁵³: turns the top 53 bits of a long into a double in [0, 1). */
    private static final double UNIT = 0x1.0p-53;

    private final long seed;
    private final long mixedSeed;

    public FlowNoise(long seed) {
        this.seed = seed;
        this.mixedSeed = mix(seed);
    }

    public long seed() {
        return seed;
    }

    /**
     * Noise for frames {@code [firstFrame, firstFrame + frames)}.
     *
     * @return [1, 80, frames] row-major
     */
    public float[] sample(int firstFrame, int frames) {
        if (firstFrame < 0 || frames < 0) {
            throw new IllegalArgumentException("frames must be non-negative, got first " + firstFrame + ", count "
                    + frames);
        }
        int bins = FlowMatchingSolver.MEL_BINS;
        float[] out = new float[bins * frames];
        for (int c = 0; c < bins; c++) {
            for (int f = 0; f < frames; f++) {
                out[c * frames + f] = (float) gaussian(c, (long) firstFrame + f);
            }
        }
        return out;
    }

    /** One standard normal value for (bin, frame). */
    double gaussian(int bin, long frame) {
        // Two counters per element: bin in the top bits, frame below (any int frame fits under the bin's bits).
        long counter = ((long) bin << 40 | frame) << 1;
        long a = mix(mixedSeed + GOLDEN_GAMMA * counter);
        long b = mix(mixedSeed + GOLDEN_GAMMA * (counter + 1));
        double u1 = ((a >>> 11) + 1) * UNIT; // (0, 1]: the logarithm stays finite
        double u2 = (b >>> 11) * UNIT; // [0, 1)
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    /** SplitMix64's finaliser (Stafford's variant 13): a bijective 64-bit mix. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
