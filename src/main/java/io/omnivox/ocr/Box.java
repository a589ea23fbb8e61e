package io.omnivox.ocr;

/** An axis-aligned rectangle in image pixels, origin top-left. */
public record Box(int x, int y, int width, int height) {

    public Box {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("box size must not be negative: " + width + "x" + height);
        }
    }
}
