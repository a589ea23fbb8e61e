package io.omnivox.imagegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;

import org.junit.jupiter.api.Test;

/**
 * The schedulers against reference values computed here from the published formulas, not from the code under test:
 * the scaled-linear betas, ᾱ and σ of diffusers' {@code EulerDiscreteScheduler} /
 * {@code EulerAncestralDiscreteScheduler} ({@code betas = linspace(√β₀, √β₁, T)²}, {@code ᾱ_t = Π(1 − β)},
 * {@code σ = √((1 − ᾱ)/ᾱ)}), their "trailing", "leading" and "linspace" timestep spacings (Lin et al. 2023, table 2),
 * k-diffusion's ancestral step, and the LCM scheduler's timestep pick and boundary condition (Luo et al. 2023).
 */
class SchedulersTest {

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final NoiseSchedule SD = NoiseSchedule.STABLE_DIFFUSION;

    /** ᾱ_t by the closed form, in 34-digit decimal arithmetic. */
    private static BigDecimal alphaCumprod(int t) {
        BigDecimal start = BigDecimal.valueOf(0.00085).sqrt(MC);
        BigDecimal end = BigDecimal.valueOf(0.012).sqrt(MC);
        BigDecimal product = BigDecimal.ONE;
        for (int i = 0; i <= t; i++) {
            BigDecimal root = start.add(end.subtract(start).multiply(BigDecimal.valueOf(i)).divide(BigDecimal.valueOf(999), MC));
            product = product.multiply(BigDecimal.ONE.subtract(root.multiply(root, MC)), MC);
        }
        return product;
    }

    private static double sigma(int t) {
        BigDecimal alpha = alphaCumprod(t);
        return BigDecimal.ONE.subtract(alpha).divide(alpha, MC).sqrt(MC).doubleValue();
    }

    @Test
    void should_match_the_closed_form_betas_alphas_and_sigmas() {
        assertThat(SD.trainSteps()).isEqualTo(1000);
        assertThat(SD.beta(0)).isCloseTo(0.00085, within(1e-15));
        assertThat(SD.beta(999)).isCloseTo(0.012, within(1e-15));
        // β at t = 499: (√0.00085 + 499/999·(√0.012 − √0.00085))²
        double root = Math.sqrt(0.00085) + 499.0 / 999 * (Math.sqrt(0.012) - Math.sqrt(0.00085));
        assertThat(SD.beta(499)).isCloseTo(root * root, within(1e-15));
        for (int t : new int[] { 0, 1, 249, 499, 749, 999 }) {
            assertThat(SD.alphaCumprod(t)).as("alphas_cumprod[%d]", t).isCloseTo(alphaCumprod(t).doubleValue(),
                    within(1e-12));
            assertThat(SD.sigma(t)).as("sigma[%d]", t).isCloseTo(sigma(t), within(1e-10));
        }
        // the well-known ends of Stable Diffusion's σ range (k-diffusion: sigma_min 0.0292, sigma_max 14.6146)
        assertThat(SD.sigma(0)).isCloseTo(0.0291672, within(1e-6));
        assertThat(SD.sigma(999)).isCloseTo(14.6146412, within(1e-6));
        assertThat(SD.alphaCumprod(999)).isCloseTo(0.0046600985, within(1e-9));
    }

    @Test
    void should_space_trailing_timesteps_from_999_for_1_4_and_20_steps() {
        // round(arange(1000, 0, -1000/n)) - 1
        assertThat(TimestepSpacing.TRAILING.timesteps(1, 1000)).containsExactly(999);
        assertThat(TimestepSpacing.TRAILING.timesteps(4, 1000)).containsExactly(999, 749, 499, 249);
        double[] twenty = TimestepSpacing.TRAILING.timesteps(20, 1000);
        assertThat(twenty).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(twenty[i]).isEqualTo(999 - 50 * i);
        }
        // 1000/16 = 62.5: np.round rounds 812.5 half to even
        assertThat(TimestepSpacing.TRAILING.timesteps(16, 1000)[3]).isEqualTo(811);
    }

    @Test
    void should_space_leading_and_linspace_timesteps_as_diffusers() {
        // leading: arange(0, n) * (T // n), reversed, + steps_offset 1
        assertThat(TimestepSpacing.LEADING.timesteps(4, 1000)).containsExactly(751, 501, 251, 1);
        double[] leading = TimestepSpacing.LEADING.timesteps(20, 1000);
        assertThat(leading[0]).isEqualTo(951);
        assertThat(leading[19]).isEqualTo(1);
        // linspace(0, 999, n), reversed
        assertThat(TimestepSpacing.LINSPACE.timesteps(4, 1000)).containsExactly(999, 666, 333, 0);
        double[] linspace = TimestepSpacing.LINSPACE.timesteps(20, 1000);
        assertThat(linspace[1]).isCloseTo(999.0 * 18 / 19, within(1e-9));
        assertThat(linspace[19]).isZero();
        assertThat(TimestepSpacing.LINSPACE.timesteps(1, 1000)).containsExactly(0);
    }

    @Test
    void should_give_sd_turbo_one_step_at_999_returning_the_predicted_clean_latents() {
        EulerScheduler turbo = new EulerScheduler(SD, 1, TimestepSpacing.TRAILING, PredictionType.EPSILON);
        double sigmaMax = sigma(999);
        assertThat(turbo.timesteps()).containsExactly(999);
        assertThat(turbo.sigma(0)).isCloseTo(sigmaMax, within(1e-10));
        assertThat(turbo.sigma(1)).isZero();
        assertThat(turbo.initNoiseSigma()).isCloseTo(sigmaMax, within(1e-10));
        float[] sample = { 2f, -1f };
        float[] epsilon = { 0.1f, 0.3f };
        float[] scaled = turbo.scaleModelInput(sample, 0);
        assertThat((double) scaled[0]).isCloseTo(2 / Math.sqrt(sigmaMax * sigmaMax + 1), within(1e-6));
        // x₀ = x − σ·ε, and with σ_next = 0 Euler's step lands on it
        float[] next = turbo.step(epsilon, 0, sample, new GaussianNoise(1));
        assertThat((double) next[0]).isCloseTo(2 - sigmaMax * 0.1, within(1e-5));
        assertThat((double) next[1]).isCloseTo(-1 - sigmaMax * 0.3, within(1e-5));
    }

    @Test
    void should_take_sigmas_at_the_trailing_timesteps_for_4_and_20_steps() {
        EulerScheduler four = new EulerScheduler(SD, 4, TimestepSpacing.TRAILING, PredictionType.EPSILON);
        int[] expected = { 999, 749, 499, 249 };
        for (int i = 0; i < 4; i++) {
            assertThat(four.sigma(i)).isCloseTo(sigma(expected[i]), within(1e-10));
        }
        assertThat(four.sigma(4)).isZero();
        // an intermediate Euler step: x + ε·(σ₁ − σ₀)
        float[] next = four.step(new float[] { 0.5f }, 0, new float[] { 3f }, new GaussianNoise(1));
        assertThat((double) next[0]).isCloseTo(3 + 0.5 * (sigma(749) - sigma(999)), within(1e-5));
        double leadingMax = sigma(751);
        assertThat(new EulerScheduler(SD, 4, TimestepSpacing.LEADING, PredictionType.EPSILON).initNoiseSigma())
                .isCloseTo(Math.sqrt(leadingMax * leadingMax + 1), within(1e-9));
        EulerScheduler twenty = new EulerScheduler(SD, 20, TimestepSpacing.TRAILING, PredictionType.EPSILON);
        assertThat(twenty.sigma(1)).isCloseTo(sigma(949), within(1e-10));
        assertThat(twenty.sigma(19)).isCloseTo(sigma(49), within(1e-10));
    }

    @Test
    void should_interpolate_sigmas_and_add_ancestral_noise_in_euler_ancestral() {
        EulerAncestralScheduler ancestral = new EulerAncestralScheduler(SD, 20, TimestepSpacing.LINSPACE,
                PredictionType.EPSILON);
        // np.interp at t = 999·18/19 between σ[946] and σ[947]
        double t = 999.0 * 18 / 19;
        double low = sigma(946);
        double expected = low + (t - 946) * (sigma(947) - low);
        assertThat(ancestral.sigma(1)).isCloseTo(expected, within(1e-9));
        assertThat(ancestral.initNoiseSigma()).isCloseTo(sigma(999), within(1e-10));
        EulerAncestralScheduler leading = new EulerAncestralScheduler(SD, 20, TimestepSpacing.LEADING,
                PredictionType.EPSILON);
        double max = sigma(951);
        assertThat(leading.initNoiseSigma()).isCloseTo(Math.sqrt(max * max + 1), within(1e-9));

        // one step by hand: σ_up = √(σ_to²(σ_from² − σ_to²)/σ_from²), σ_down = √(σ_to² − σ_up²)
        double from = ancestral.sigma(0);
        double to = ancestral.sigma(1);
        double up = Math.sqrt(to * to * (from * from - to * to) / (from * from));
        double down = Math.sqrt(to * to - up * up);
        GaussianNoise reference = new GaussianNoise(42);
        double z = reference.next();
        float[] next = ancestral.step(new float[] { 0.2f }, 0, new float[] { 5f }, new GaussianNoise(42));
        assertThat((double) next[0]).isCloseTo(5 + 0.2 * (down - from) + z * up, within(1e-5));
        // the last step goes to σ = 0 and adds nothing
        assertThat(EulerAncestralScheduler.sigmaUp(from, 0)).isZero();
    }

    @Test
    void should_pick_lcm_timesteps_from_the_50_step_distillation_schedule() {
        // origin = arange(1, 51)·20 − 1, reversed; indices floor(linspace(0, 50, n, endpoint=False))
        assertThat(LcmScheduler.timesteps(1000, 1, 50)).containsExactly(999);
        assertThat(LcmScheduler.timesteps(1000, 4, 50)).containsExactly(999, 759, 499, 259);
        int[] twenty = LcmScheduler.timesteps(1000, 20, 50);
        assertThat(twenty).startsWith(999, 959, 899, 859, 799);
        assertThat(twenty[19]).isEqualTo((50 - 47) * 20 - 1);
    }

    @Test
    void should_apply_the_lcm_boundary_condition_and_renoise_to_the_next_timestep() {
        LcmScheduler lcm = new LcmScheduler(SD, 4, 50, PredictionType.EPSILON);
        assertThat(lcm.initNoiseSigma()).isEqualTo(1);
        // c_skip = 0.25 / ((10t)² + 0.25), c_out = 10t / √((10t)² + 0.25)
        assertThat(LcmScheduler.cSkip(999)).isCloseTo(0.25 / (9990.0 * 9990 + 0.25), within(1e-15));
        assertThat(LcmScheduler.cOut(0)).isZero();
        assertThat(LcmScheduler.cSkip(0)).isEqualTo(1);
        double alpha = alphaCumprod(999).doubleValue();
        double alphaNext = alphaCumprod(759).doubleValue();
        float sample = 1.5f;
        float epsilon = 0.4f;
        double original = (sample - Math.sqrt(1 - alpha) * epsilon) / Math.sqrt(alpha);
        double denoised = LcmScheduler.cOut(999) * original + LcmScheduler.cSkip(999) * sample;
        GaussianNoise reference = new GaussianNoise(7);
        double z = reference.next();
        float[] next = lcm.step(new float[] { epsilon }, 0, new float[] { sample }, new GaussianNoise(7));
        assertThat((double) next[0]).isCloseTo(Math.sqrt(alphaNext) * denoised + Math.sqrt(1 - alphaNext) * z,
                within(1e-4));
        // the last step returns the denoised latents without new noise
        float[] last = lcm.step(new float[] { epsilon }, 3, new float[] { sample }, new GaussianNoise(7));
        double alphaLast = alphaCumprod(259).doubleValue();
        double originalLast = (sample - Math.sqrt(1 - alphaLast) * epsilon) / Math.sqrt(alphaLast);
        assertThat((double) last[0]).isCloseTo(LcmScheduler.cOut(259) * originalLast
                + LcmScheduler.cSkip(259) * sample, within(1e-4));
    }

    @Test
    void should_start_image_to_image_part_way_down_the_schedule() {
        assertThat(Scheduler.startIndex(4, 0.5)).isEqualTo(2);
        assertThat(Scheduler.startIndex(4, 1.0)).isZero();
        assertThat(Scheduler.startIndex(2, 0.5)).isEqualTo(1);
        assertThat(Scheduler.startIndex(1, 0.5)).isEqualTo(1);
        EulerScheduler turbo = new EulerScheduler(SD, 2, TimestepSpacing.TRAILING, PredictionType.EPSILON);
        float[] noisy = turbo.addNoise(new float[] { 1f }, new float[] { 2f }, 1);
        assertThat((double) noisy[0]).isCloseTo(1 + 2 * sigma(499), within(1e-5));
    }

    @Test
    void should_draw_reproducible_standard_normal_noise() {
        float[] a = new GaussianNoise(123).next(20_000);
        float[] b = new GaussianNoise(123).next(20_000);
        float[] c = new GaussianNoise(124).next(20_000);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        double mean = 0;
        double square = 0;
        for (float v : a) {
            mean += v;
            square += v * v;
        }
        mean /= a.length;
        double variance = square / a.length - mean * mean;
        assertThat(mean).isCloseTo(0, within(0.03));
        assertThat(variance).isCloseTo(1, within(0.04));
    }
}
