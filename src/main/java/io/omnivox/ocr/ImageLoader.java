package io.omnivox.ocr;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes uploaded images safely: the size is read from the header first, so a decompression bomb (a small file that
 * claims 50,000 × 50,000 pixels) is refused before any pixel memory is allocated.
 */
public final class ImageLoader {

    private final long maxPixels;

    public ImageLoader(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** The image; an {@link ImageException} (a 4xx) says what is wrong with the upload. */
    public BufferedImage load(InputStream in) {
        try (ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                throw new ImageException(415, "image-unsupported",
                        "The file is not an image this server reads (PNG, JPEG, GIF, BMP, TIFF, WebP if installed).");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new ImageException(413, "image-too-large", "The image has "
                            + reader.getWidth(0) + "x" + reader.getHeight(0) + " pixels; the limit is " + maxPixels
                            + " pixels.");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageException invalid) {
                throw invalid;
            }
            throw new ImageException(400, "image-corrupt",
                    "The image could not be decoded: " + e.getMessage());
        }
    }
}
