package io.omnivox.ocr.got;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * GOT-OCR 2.0's image preprocessing for one 1024×1024 tile: RGB, bicubic resize to 1024×1024 (Java2D's bicubic
 * interpolation, which unlike PIL's does not widen its kernel when shrinking, so strongly downscaled images differ
 * slightly from upstream), scale to [0, 1], normalise per channel with the CLIP mean and std. Output is CHW,
 * {@code [1, 3, 1024, 1024]} flattened. An image already 1024×1024 is not resampled.
 */
public final class GotPreprocessor {

    public static final int IMAGE_SIZE = 1024;
    static final float[] MEAN = { 0.48145466f, 0.4578275f, 0.40821073f };
    static final float[] STD = { 0.26862954f, 0.26130258f, 0.27577711f };

    private GotPreprocessor() {
    }

    /** {@code pixel_values} of {@code image}: {@code float[3 · 1024 · 1024]}, channel-major. */
    public static float[] pixelValues(BufferedImage image) {
        BufferedImage rgb = resize(image, IMAGE_SIZE, IMAGE_SIZE);
        int plane = IMAGE_SIZE * IMAGE_SIZE;
        float[] out = new float[3 * plane];
        int[] row = new int[IMAGE_SIZE];
        for (int y = 0; y < IMAGE_SIZE; y++) {
            rgb.getRGB(0, y, IMAGE_SIZE, 1, row, 0, IMAGE_SIZE);
            for (int x = 0; x < IMAGE_SIZE; x++) {
                int p = row[x];
                int i = y * IMAGE_SIZE + x;
                out[i] = normalise((p >> 16) & 0xff, 0);
                out[plane + i] = normalise((p >> 8) & 0xff, 1);
                out[2 * plane + i] = normalise(p & 0xff, 2);
            }
        }
        return out;
    }

    /** The normalised value of an 8-bit sample in {@code channel} (0 R, 1 G, 2 B). */
    static float normalise(int value, int channel) {
        return (value / 255f - MEAN[channel]) / STD[channel];
    }

    /** {@code image} as opaque RGB of the given size, bicubic (returned as is when it already fits). */
    static BufferedImage resize(BufferedImage image, int width, int height) {
        if (image.getWidth() == width && image.getHeight() == height && image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
