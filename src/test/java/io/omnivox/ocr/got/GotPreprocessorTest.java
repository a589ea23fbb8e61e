package io.omnivox.ocr.got;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

class GotPreprocessorTest {

    private static final int PLANE = 1024 * 1024;

    @Test
    void should_produce_chw_values_normalised_with_clip_mean_and_std() {
        BufferedImage image = new BufferedImage(1024, 1024, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 20, new Color(255, 128, 0).getRGB());

        float[] values = GotPreprocessor.pixelValues(image);

        assertThat(values).hasSize(3 * PLANE);
        int i = 20 * 1024 + 10;
        assertThat(values[i]).isCloseTo((1f - 0.48145466f) / 0.26862954f, within(1e-5f));
        assertThat(values[PLANE + i]).isCloseTo((128 / 255f - 0.4578275f) / 0.26130258f, within(1e-5f));
        assertThat(values[2 * PLANE + i]).isCloseTo((0f - 0.40821073f) / 0.27577711f, within(1e-5f));
        // a black neighbour
        assertThat(values[i + 1]).isCloseTo(-0.48145466f / 0.26862954f, within(1e-5f));
        assertThat(values[i]).isCloseTo(1.9303f, within(1e-3f));
    }

    @Test
    void should_resize_any_image_to_1024_square() {
        BufferedImage image = new BufferedImage(300, 100, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 100, 50));
        g.fillRect(0, 0, 300, 100);
        g.dispose();

        float[] values = GotPreprocessor.pixelValues(image);

        assertThat(values).hasSize(3 * PLANE);
        int centre = 512 * 1024 + 512;
        assertThat(values[centre]).isCloseTo(GotPreprocessor.normalise(200, 0), within(1e-5f));
        assertThat(values[PLANE + centre]).isCloseTo(GotPreprocessor.normalise(100, 1), within(1e-5f));
        assertThat(values[2 * PLANE + centre]).isCloseTo(GotPreprocessor.normalise(50, 2), within(1e-5f));
    }
}
