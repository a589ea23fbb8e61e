package io.omnivox.ocr;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Finds a rectangle drawn in a given colour on an image and returns its inside, so engines without GOT-OCR's
 * colour-guided mode can read the same region. The frame is the bounding box of all pixels of that colour; its line
 * thickness is measured on the left edge so the inside excludes the stroke.
 */
public final class ColourBoxLocator {

    /** Fewer matching pixels than this is a speck, not a frame. */
    static final int MIN_PIXELS = 40;
    /** A frame whose inside is smaller than this (in either direction) holds no readable text. */
    static final int MIN_INSIDE = 8;
    /** Pixels kept clear of the stroke on each side, for anti-aliased edges. */
    static final int CLEARANCE = 2;

    private ColourBoxLocator() {
    }

    /** The inside of the {@code colour} frame on {@code image}, if one is there. */
    public static Optional<Box> inside(BufferedImage image, BoxColour colour) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        long count = 0;
        int[] row = new int[image.getWidth()];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, row.length, 1, row, 0, row.length);
            for (int x = 0; x < row.length; x++) {
                if (colour.matches(row[x])) {
                    count++;
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        if (count < MIN_PIXELS) {
            return Optional.empty();
        }
        int inset = strokeWidth(image, colour, minX, maxX, (minY + maxY) / 2) + CLEARANCE;
        int width = maxX - minX + 1 - 2 * inset;
        int height = maxY - minY + 1 - 2 * inset;
        if (width < MIN_INSIDE || height < MIN_INSIDE) {
            return Optional.empty();
        }
        return Optional.of(new Box(minX + inset, minY + inset, width, height));
    }

    /** How many pixels of the colour run inwards from the frame's left edge at row {@code y}. */
    private static int strokeWidth(BufferedImage image, BoxColour colour, int from, int to, int y) {
        int x = from;
        while (x <= to && colour.matches(image.getRGB(x, y))) {
            x++;
        }
        return Math.max(1, x - from);
    }
}
