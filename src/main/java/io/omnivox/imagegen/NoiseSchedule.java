package io.omnivox.imagegen;

import java.util.Map;

/**
 * The training noise schedule of a Stable Diffusion UNet: {@code betas}, their cumulative {@code alphas_cumprod} and
 * the matching Karras-style {@code sigmas = sqrt((1 - ᾱ) / ᾱ)}, one value per training timestep. Immutable.
 *
 * <p>
 * Formulas as in the diffusers schedulers ({@code betas_for_alpha_bar} aside): "scaled_linear" is
 * {@code linspace(sqrt(beta_start), sqrt(beta_end), T)²}, "linear" is {@code linspace(beta_start, beta_end, T)}.
 * Computed in double precision (diffusers uses float32; the difference is below 1e-6 relative).
 */
final class NoiseSchedule {

    /** Stable Diffusion 1.x/2.x (and SD-Turbo): 1000 steps, scaled-linear betas from 0.00085 to 0.012. */
    static final NoiseSchedule STABLE_DIFFUSION = scaledLinear(1000, 0.00085, 0.012);

    private final double[] betas;
    private final double[] alphasCumprod;
    private final double[] sigmas;

    private NoiseSchedule(double[] betas) {
        this.betas = betas;
        this.alphasCumprod = new double[betas.length];
        this.sigmas = new double[betas.length];
        double product = 1;
        for (int t = 0; t < betas.length; t++) {
            product *= 1 - betas[t];
            alphasCumprod[t] = product;
            sigmas[t] = Math.sqrt((1 - product) / product);
        }
    }

    /** {@code linspace(sqrt(start), sqrt(end), steps)²}, the schedule Stable Diffusion was trained with. */
    static NoiseSchedule scaledLinear(int steps, double start, double end) {
        double[] betas = linspace(Math.sqrt(start), Math.sqrt(end), steps);
        for (int i = 0; i < steps; i++) {
            betas[i] *= betas[i];
        }
        return new NoiseSchedule(betas);
    }

    /** {@code linspace(start, end, steps)}, DDPM's original schedule. */
    static NoiseSchedule linear(int steps, double start, double end) {
        return new NoiseSchedule(linspace(start, end, steps));
    }

    /**
     * The schedule a UNet's {@code metadata_props} describe ({@code num_train_timesteps}, {@code beta_start},
     * {@code beta_end}, {@code beta_schedule}, copied from the scheduler config by our export); keys that are absent
     * take Stable Diffusion's values, which every SD 1.x/2.x export shares.
     */
    static NoiseSchedule fromMetadata(Map<String, String> metadata) {
        int steps = Integer.parseInt(metadata.getOrDefault("num_train_timesteps", "1000"));
        double start = Double.parseDouble(metadata.getOrDefault("beta_start", "0.00085"));
        double end = Double.parseDouble(metadata.getOrDefault("beta_end", "0.012"));
        String kind = metadata.getOrDefault("beta_schedule", "scaled_linear");
        return switch (kind) {
            case "scaled_linear" -> scaledLinear(steps, start, end);
            case "linear" -> linear(steps, start, end);
            default -> throw new IllegalArgumentException("beta_schedule '" + kind
                    + "' is not supported (scaled_linear or linear)");
        };
    }

    /** Number of training timesteps (1000 for Stable Diffusion). */
    int trainSteps() {
        return betas.length;
    }

    double beta(int t) {
        return betas[t];
    }

    /** ᾱ_t, the product of {@code 1 - beta} up to and including {@code t}. */
    double alphaCumprod(int t) {
        return alphasCumprod[t];
    }

    /** σ_t = sqrt((1 - ᾱ_t) / ᾱ_t). */
    double sigma(int t) {
        return sigmas[t];
    }

    /** σ at a fractional timestep, interpolated linearly between neighbours as {@code np.interp} does. */
    double sigmaAt(double t) {
        if (t <= 0) {
            return sigmas[0];
        }
        if (t >= sigmas.length - 1) {
            return sigmas[sigmas.length - 1];
        }
        int low = (int) Math.floor(t);
        double fraction = t - low;
        return sigmas[low] + fraction * (sigmas[low + 1] - sigmas[low]);
    }

    private static double[] linspace(double start, double end, int count) {
        double[] values = new double[count];
        double step = count > 1 ? (end - start) / (count - 1) : 0;
        for (int i = 0; i < count; i++) {
            values[i] = start + i * step;
        }
        return values;
    }
}
