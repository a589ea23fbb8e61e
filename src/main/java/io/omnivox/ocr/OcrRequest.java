package io.omnivox.ocr;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * One image to read.
 *
 * @param image    the image, any size (engines scale or tile it)
 * @param mode     plain or formatted output
 * @param region   only this part of the image (GOT-OCR's fine-grained mode), if given
 * @param language language hint, e.g. {@code en}, {@code zh}, or {@code auto}
 */
public record OcrRequest(BufferedImage image, OcrMode mode, Optional<Box> region, String language) {

    public static OcrRequest plain(BufferedImage image) {
        return new OcrRequest(image, OcrMode.PLAIN, Optional.empty(), "auto");
    }
}
