package io.omnivox.imagegen;

/**
 * How a few inference steps are spread over the training timesteps, diffusers' {@code timestep_spacing} (table 2 of
 * Lin et al., "Common Diffusion Noise Schedules and Sample Steps are Flawed", 2023).
 */
enum TimestepSpacing {
    /** {@code linspace(0, T - 1, n)} reversed; fractional timesteps (diffusers' default for the Euler schedulers). */
    LINSPACE,
    /** {@code arange(0, n) * (T / n)} reversed, plus an offset of 1 (SD 1.x/2.x configs set {@code steps_offset 1}). */
    LEADING,
    /**
     * {@code round(arange(T, 0, -T / n)) - 1}: always starts at t = T - 1, which distilled few-step models (SD-Turbo)
     * need; one step is t = 999.
     */
    TRAILING;

    /** Parses diffusers' name ({@code linspace}, {@code leading}, {@code trailing}). */
    static TimestepSpacing of(String name) {
        return switch (name) {
            case "linspace" -> LINSPACE;
            case "leading" -> LEADING;
            case "trailing" -> TRAILING;
            default -> throw new IllegalArgumentException("timestep_spacing '" + name
                    + "' is not supported (linspace, leading or trailing)");
        };
    }

    /** The timesteps of {@code steps} inference steps over {@code trainSteps} training steps, largest first. */
    double[] timesteps(int steps, int trainSteps) {
        if (steps < 1 || steps > trainSteps) {
            throw new IllegalArgumentException("steps must be 1 to " + trainSteps + ", got " + steps);
        }
        double[] timesteps = new double[steps];
        for (int i = 0; i < steps; i++) {
            timesteps[i] = switch (this) {
                // a one-step linspace is [0]: diffusers gets t = 0 too (no division by zero here, but a useless step)
                case LINSPACE -> steps == 1 ? 0 : (trainSteps - 1) * (double) (steps - 1 - i) / (steps - 1);
                case LEADING -> (double) (steps - 1 - i) * (trainSteps / steps) + 1;
                // np.round rounds half to even, as Math.rint does (16 steps: 812.5 → 812)
                case TRAILING -> Math.rint(trainSteps - i * ((double) trainSteps / steps)) - 1;
            };
        }
        return timesteps;
    }
}
