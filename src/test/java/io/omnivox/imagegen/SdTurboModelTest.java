package io.omnivox.imagegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.omnivox.model.OnnxConfig;
import io.omnivox.model.OnnxSessionFactory;

/**
 * SD-Turbo's real export, when it is on this machine ({@code OMNIVOX_SD_TURBO_DIR}, else the default models folder);
 * skipped otherwise. One 512×512 step must give a picture (not a flat or saturated field) and the same seed the same
 * bytes.
 */
class SdTurboModelTest {

    private static Path modelDir() {
        String configured = System.getenv("OMNIVOX_SD_TURBO_DIR");
        if (configured != null) {
            return Path.of(configured);
        }
        String cache = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
        return Path.of(cache, "omnivox", "models", "sd-turbo");
    }

    @Test
    void should_draw_a_picture_in_one_step_reproducibly() {
        Path dir = modelDir();
        assumeTrue(Files.isRegularFile(dir.resolve("unet/model.onnx")), "needs the SD-Turbo export in " + dir
                + " (models/export/sd-turbo.md)");
        try (OnnxSessionFactory factory = OnnxSessionFactory.fromConfig(new AutoDevice());
                OnnxDiffusionPipeline pipeline = OnnxDiffusionPipeline.open(dir, factory,
                        OnnxDiffusionPipeline.Settings.DEFAULT)) {
            ImageRequest request = ImageRequest.of("a photo of a red apple on a wooden table").withSeed(42);
            GeneratedImage image = pipeline.generate(request).images().getFirst();
            assertThat(image.image().getWidth()).isEqualTo(512);
            assertThat(spread(image.image())).as("standard deviation of the red channel").isBetween(10.0, 120.0);
            assertThat(pipeline.generate(request).images().getFirst().png()).isEqualTo(image.png());
        }
    }

    private static double spread(BufferedImage image) {
        double sum = 0;
        double square = 0;
        int count = image.getWidth() * image.getHeight();
        for (int rgb : image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth())) {
            int red = (rgb >> 16) & 0xFF;
            sum += red;
            square += red * red;
        }
        double mean = sum / count;
        return Math.sqrt(square / count - mean * mean);
    }

    /** CUDA when available, else CPU. */
    private static final class AutoDevice implements OnnxConfig {
        @Override
        public Device device() {
            return Device.AUTO;
        }

        @Override
        public int cudaDeviceId() {
            return 0;
        }

        @Override
        public int intraOpThreads() {
            return 0;
        }

        @Override
        public int interOpThreads() {
            return 0;
        }
    }
}
