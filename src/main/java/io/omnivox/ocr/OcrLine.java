package io.omnivox.ocr;

/**
 * One recognised line.
 *
 * @param text       the line's text
 * @param box        where it is in the image
 * @param confidence 0 to 1, as the engine reports it (1 when it reports none)
 */
public record OcrLine(String text, Box box, double confidence) {
}
