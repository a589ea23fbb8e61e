package io.omnivox.imagegen;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Conversions between images and the VAE's planar RGB tensors in [-1, 1]. */
final class Pixels {

    private Pixels() {
    }

    /** An RGB image from {@code [1, 3, height, width]} values in [-1, 1] (clamped, then rounded to 8 bits). */
    static BufferedImage toImage(float[] planes, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = width * height;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = channel(planes[i]) << 16 | channel(planes[plane + i]) << 8 | channel(planes[2 * plane + i]);
        }
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    /** {@code [1, 3, height, width]} values in [-1, 1] from an image resized (bicubic) to the given size. */
    static float[] fromImage(BufferedImage source, int width, int height) {
        BufferedImage sized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sized.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        int plane = width * height;
        int[] rgb = sized.getRGB(0, 0, width, height, null, 0, width);
        float[] planes = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            planes[i] = ((rgb[i] >> 16) & 0xFF) / 127.5f - 1;
            planes[plane + i] = ((rgb[i] >> 8) & 0xFF) / 127.5f - 1;
            planes[2 * plane + i] = (rgb[i] & 0xFF) / 127.5f - 1;
        }
        return planes;
    }

    private static int channel(float value) {
        double unit = Math.clamp(value / 2.0 + 0.5, 0.0, 1.0);
        return (int) Math.round(unit * 255);
    }
}
