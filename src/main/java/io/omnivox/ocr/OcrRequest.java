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
 * @param colour   only the inside of a frame drawn in this colour (GOT-OCR's colour-guided mode), if given
 */
public record OcrRequest(BufferedImage image, OcrMode mode, Optional<Box> region, String language,
        Optional<BoxColour> colour) {

    public OcrRequest(BufferedImage image, OcrMode mode, Optional<Box> region, String language) {
        this(image, mode, region, language, Optional.empty());
    }

    /**
     * This request for an engine without a colour-guided mode: the colour frame replaced by the box it encloses.
     *
     * @throws ImageException 422 when no frame of that colour is on the image
     */
    public OcrRequest withColourResolved() {
        if (colour.isEmpty()) {
            return this;
        }
        Box inside = ColourBoxLocator.inside(image, colour.get()).orElseThrow(() -> new ImageException(422,
                "region-colour-not-found", "No " + colour.get().promptName()
                        + " frame was found on the image; draw a clearly " + colour.get().promptName()
                        + " rectangle around the text."));
        return new OcrRequest(image, mode, Optional.of(inside), language, Optional.empty());
    }

    public static OcrRequest plain(BufferedImage image) {
        return new OcrRequest(image, OcrMode.PLAIN, Optional.empty(), "auto");
    }
}
