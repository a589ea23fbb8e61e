package io.omnivox.imagegen;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/**
 * One generated image and the seed that reproduces it.
 *
 * @param image RGB, of the requested size
 * @param seed  the seed of its initial noise (and of any noise added during sampling)
 */
public record GeneratedImage(BufferedImage image, long seed) {

    /** The image as PNG bytes; the same pixels always encode to the same bytes. */
    public byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
