package io.omnivox.imagegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.omnivox.model.ModelException;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.decoder.CancellationToken;
import io.omnivox.testkit.OnnxDType;

/** The whole pipeline on the fixture export ({@link FixtureDiffusion}), on CPU. */
class OnnxDiffusionPipelineTest {

    private static OnnxSessionFactory factory;
    private static OnnxDiffusionPipeline turbo;

    @BeforeAll
    static void open(@TempDir Path dir) throws Exception {
        factory = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
        FixtureDiffusion.write(dir, FixtureDiffusion.Variant.SD_TURBO);
        turbo = OnnxDiffusionPipeline.open(dir, factory, OnnxDiffusionPipeline.Settings.DEFAULT);
    }

    @AfterAll
    static void close() {
        turbo.close();
        factory.close();
    }

    private static ImageRequest request(String prompt) {
        return ImageRequest.of(prompt).withSize(64, 48).withSeed(7);
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void should_draw_a_png_of_the_requested_size_with_sd_turbo_settings() throws Exception {
        List<StepProgress> steps = new ArrayList<>();
        ImageResult result = turbo.generate(request("a cat"), steps::add, new CancellationToken());
        assertThat(turbo.scheduler()).isEqualTo(OnnxDiffusionPipeline.SchedulerKind.EULER);
        assertThat(result.images()).hasSize(1);
        GeneratedImage image = result.images().getFirst();
        assertThat(image.seed()).isEqualTo(7);
        BufferedImage png = decode(image.png());
        assertThat(png.getWidth()).isEqualTo(64);
        assertThat(png.getHeight()).isEqualTo(48);
        // one SD-Turbo step at t = 999, no unguided pass
        assertThat(steps).singleElement().satisfies(s -> {
            assertThat(s.timestep()).isEqualTo(999);
            assertThat(s.unetBatch()).isEqualTo(1);
            assertThat(s.step()).isEqualTo(1);
            assertThat(s.steps()).isEqualTo(1);
        });
        // noise makes pixels differ across the image
        assertThat(png.getRGB(0, 0)).isNotEqualTo(png.getRGB(63, 47));
    }

    @Test
    void should_reproduce_an_image_from_its_seed_and_vary_with_another() {
        byte[] first = turbo.generate(request("a dog")).images().getFirst().png();
        byte[] again = turbo.generate(request("a dog")).images().getFirst().png();
        byte[] other = turbo.generate(request("a dog").withSeed(8)).images().getFirst().png();
        byte[] prompt = turbo.generate(request("a cat")).images().getFirst().png();
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(prompt).isNotEqualTo(first);
    }

    @Test
    void should_give_each_of_n_images_the_next_seed() {
        ImageResult two = turbo.generate(request("a dog").withCount(2).withSteps(2));
        assertThat(two.images()).extracting(GeneratedImage::seed).containsExactly(7L, 8L);
        byte[] alone = turbo.generate(request("a dog").withSteps(2).withSeed(8)).images().getFirst().png();
        assertThat(two.images().get(1).png()).isEqualTo(alone);
        ImageResult random = turbo.generate(ImageRequest.of("a dog").withSize(16, 16));
        assertThat(random.images().getFirst().seed()).isBetween(0L, 1L << 53);
    }

    @Test
    void should_run_guided_and_unguided_predictions_as_one_batch_2_unet_call() {
        List<StepProgress> guided = new ArrayList<>();
        ImageRequest request = request("a cat").withSteps(4).withGuidance(7.5, "a dog");
        byte[] withGuidance = turbo.generate(request, guided::add, new CancellationToken()).images().getFirst().png();
        assertThat(guided).hasSize(4).allSatisfy(s -> assertThat(s.unetBatch()).isEqualTo(2));
        assertThat(guided).extracting(StepProgress::timestep).containsExactly(999.0, 749.0, 499.0, 249.0);
        List<StepProgress> plain = new ArrayList<>();
        byte[] without = turbo.generate(request.withGuidance(0, ""), plain::add, new CancellationToken()).images()
                .getFirst().png();
        assertThat(plain).allSatisfy(s -> assertThat(s.unetBatch()).isEqualTo(1));
        assertThat(withGuidance).isNotEqualTo(without);
        // the negative prompt takes part in the guided prediction
        byte[] otherNegative = turbo.generate(request.withGuidance(7.5, "a cat")).images().getFirst().png();
        assertThat(otherNegative).isNotEqualTo(withGuidance);
    }

    @Test
    void should_start_image_to_image_from_the_encoded_image_part_way_down_the_schedule() throws Exception {
        List<StepProgress> steps = new ArrayList<>();
        ImageRequest dark = request("a cat").withSteps(4).withInitImage(filled(Color.BLACK), 0.5);
        byte[] fromDark = turbo.generate(dark, steps::add, new CancellationToken()).images().getFirst().png();
        assertThat(steps).extracting(StepProgress::timestep).containsExactly(499.0, 249.0);
        assertThat(steps).extracting(StepProgress::steps).containsOnly(2);
        byte[] fromLight = turbo.generate(request("a cat").withSteps(4).withInitImage(filled(Color.WHITE), 0.5))
                .images().getFirst().png();
        assertThat(fromLight).isNotEqualTo(fromDark);
        BufferedImage image = decode(fromDark);
        assertThat(image.getWidth()).isEqualTo(64);
        assertThat(image.getHeight()).isEqualTo(48);
        assertThatThrownBy(() -> turbo.generate(request("a cat").withSteps(1).withInitImage(filled(Color.WHITE),
                0.5))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs no step");
    }

    @Test
    void should_stop_after_the_current_step_when_cancelled() {
        CancellationToken cancel = new CancellationToken();
        List<StepProgress> steps = new ArrayList<>();
        assertThatThrownBy(() -> turbo.generate(request("a cat").withSteps(4), progress -> {
            steps.add(progress);
            cancel.cancel();
        }, cancel)).isInstanceOf(GenerationCancelledException.class).hasMessageContaining("after step 1");
        assertThat(steps).hasSize(1);
    }

    @Test
    void should_report_a_truncated_prompt_in_the_result() {
        ImageResult result = turbo.generate(request("cat ".repeat(80)));
        assertThat(result.prompt().truncated()).isTrue();
        assertThat(result.prompt().dropped()).isEqualTo(5);
        assertThat(turbo.generate(request("a cat")).prompt().truncated()).isFalse();
    }

    @Test
    void should_take_int32_ids_int64_timesteps_and_refuse_image_to_image_without_an_encoder(@TempDir Path dir)
            throws Exception {
        FixtureDiffusion.write(dir, new FixtureDiffusion.Variant(OnnxDType.INT32, OnnxDType.INT64, false, false));
        try (OnnxSessionFactory own = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
                OnnxDiffusionPipeline pipeline = OnnxDiffusionPipeline.open(dir, own,
                        OnnxDiffusionPipeline.Settings.DEFAULT)) {
            assertThat(pipeline.supportsInitImage()).isFalse();
            // the same graph apart from the element types: the same image
            assertThat(pipeline.generate(request("a cat").withSteps(2)).images().getFirst().png())
                    .isEqualTo(turbo.generate(request("a cat").withSteps(2)).images().getFirst().png());
            assertThatThrownBy(() -> pipeline.generate(request("a cat").withInitImage(filled(Color.WHITE), 1.0)))
                    .isInstanceOf(ModelException.class).hasMessageContaining("vae_encoder");
        }
    }

    @Test
    void should_run_lcm_with_the_guidance_embedding_instead_of_a_second_batch_row(@TempDir Path dir)
            throws Exception {
        FixtureDiffusion.write(dir, new FixtureDiffusion.Variant(OnnxDType.INT64, OnnxDType.INT64, true, true));
        try (OnnxSessionFactory own = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
                OnnxDiffusionPipeline pipeline = OnnxDiffusionPipeline.open(dir, own,
                        OnnxDiffusionPipeline.Settings.DEFAULT)) {
            assertThat(pipeline.scheduler()).isEqualTo(OnnxDiffusionPipeline.SchedulerKind.LCM);
            List<StepProgress> steps = new ArrayList<>();
            ImageRequest request = request("a cat").withSteps(4).withGuidance(8.5, "");
            byte[] first = pipeline.generate(request, steps::add, new CancellationToken()).images().getFirst().png();
            assertThat(steps).extracting(StepProgress::timestep).containsExactly(999.0, 759.0, 499.0, 259.0);
            assertThat(steps).extracting(StepProgress::unetBatch).containsOnly(1);
            assertThat(pipeline.generate(request).images().getFirst().png()).isEqualTo(first);
            assertThat(pipeline.generate(request.withGuidance(2, "")).images().getFirst().png()).isNotEqualTo(first);
        }
    }

    @Test
    void should_run_euler_ancestral_reproducibly_with_its_own_noise_per_step(@TempDir Path dir) throws Exception {
        FixtureDiffusion.write(dir, FixtureDiffusion.Variant.SD_TURBO);
        OnnxDiffusionPipeline.Settings settings = new OnnxDiffusionPipeline.Settings(
                OnnxDiffusionPipeline.SchedulerKind.EULER_ANCESTRAL, "linspace", 0.18215, 50);
        try (OnnxSessionFactory own = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
                OnnxDiffusionPipeline pipeline = OnnxDiffusionPipeline.open(dir, own, settings)) {
            List<StepProgress> steps = new ArrayList<>();
            ImageRequest request = request("a cat").withSteps(3);
            byte[] first = pipeline.generate(request, steps::add, new CancellationToken()).images().getFirst().png();
            // the fixture's metadata says trailing, which wins over the configured default
            assertThat(steps).extracting(StepProgress::timestep).containsExactly(999.0, 666.0, 332.0);
            assertThat(pipeline.generate(request).images().getFirst().png()).isEqualTo(first);
            assertThat(first).isNotEqualTo(turbo.generate(request).images().getFirst().png());
        }
    }

    @Test
    void should_read_settings_missing_from_the_metadata_from_optimums_config_files(@TempDir Path dir)
            throws Exception {
        FixtureDiffusion.write(dir, FixtureDiffusion.Variant.SD_TURBO);
        // an Optimum export: no metadata in the graphs, diffusers' configs beside them
        FixtureDiffusion.unet(OnnxDType.FLOAT, false, Map.of()).save(dir.resolve("unet/model.onnx"));
        FixtureDiffusion.vaeDecoder(false).save(dir.resolve("vae_decoder/model.onnx"));
        Files.createDirectories(dir.resolve("scheduler"));
        Files.writeString(dir.resolve("scheduler/scheduler_config.json"), """
                {"_class_name": "EulerDiscreteScheduler", "beta_end": 0.012, "beta_schedule": "scaled_linear",
                 "beta_start": 0.00085, "num_train_timesteps": 1000, "prediction_type": "epsilon",
                 "timestep_spacing": "leading", "trained_betas": null}
                """);
        Files.writeString(dir.resolve("vae_decoder/config.json"), "{\"scaling_factor\": 0.5}");
        try (OnnxSessionFactory own = new OnnxSessionFactory(OnnxSessionFactory.Threads.DEFAULT, List.of());
                OnnxDiffusionPipeline pipeline = OnnxDiffusionPipeline.open(dir, own,
                        OnnxDiffusionPipeline.Settings.DEFAULT)) {
            // leading spacing: not SD-Turbo's trailing, so AUTO picks Euler ancestral
            assertThat(pipeline.scheduler()).isEqualTo(OnnxDiffusionPipeline.SchedulerKind.EULER_ANCESTRAL);
            assertThat(pipeline.scalingFactor()).isEqualTo(0.5);
            assertThat(turbo.scalingFactor()).isEqualTo(0.18215);
            List<StepProgress> steps = new ArrayList<>();
            byte[] image = pipeline.generate(request("a cat").withSteps(4), steps::add, new CancellationToken())
                    .images().getFirst().png();
            assertThat(steps).extracting(StepProgress::timestep).containsExactly(751.0, 501.0, 251.0, 1.0);
            assertThat(image).isNotEqualTo(turbo.generate(request("a cat").withSteps(4)).images().getFirst().png());
        }
    }

    @Test
    void should_compute_the_lcm_guidance_embedding_as_published() {
        // w = (8.5 − 1)·1000; [sin(w·f_k), cos(w·f_k)], f_k = 10000^(−k/(E/2 − 1))
        float[] embedding = OnnxDiffusionPipeline.guidanceEmbedding(8.5, 8);
        double w = 7500;
        for (int k = 0; k < 4; k++) {
            double f = Math.pow(10000, -k / 3.0);
            assertThat((double) embedding[k]).isCloseTo(Math.sin(w * f), org.assertj.core.api.Assertions.within(1e-5));
            assertThat((double) embedding[4 + k]).isCloseTo(Math.cos(w * f),
                    org.assertj.core.api.Assertions.within(1e-5));
        }
        float[] guided = OnnxDiffusionPipeline.guide(new float[] { 1f, 2f, 3f, 6f }, 2, 7.5);
        assertThat(guided).containsExactly(1 + 7.5f * 2, 2 + 7.5f * 4);
    }

    private static BufferedImage filled(Color colour) {
        BufferedImage image = new BufferedImage(100, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 100, 60);
        g.dispose();
        return image;
    }
}
