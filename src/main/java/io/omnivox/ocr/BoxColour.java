package io.omnivox.ocr;

import java.util.Locale;

/**
 * The colour of a frame drawn on an image around the text to read: GOT-OCR-2.0's colour-guided fine-grained mode
 * ({@code [red] OCR: }). Engines without that mode read the inside of the frame found by {@link ColourBoxLocator}.
 */
public enum BoxColour {
    RED, GREEN, BLUE;

    /** Channel floor for the frame's own colour and ceiling for the other two: a clearly saturated pen stroke. */
    private static final int STRONG = 150;
    private static final int WEAK = 110;

    /** The lower-case name GOT's prompt uses, e.g. {@code red}. */
    public String promptName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether an sRGB pixel ({@code 0xRRGGBB}) is this frame colour. */
    public boolean matches(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return switch (this) {
            case RED -> r >= STRONG && g <= WEAK && b <= WEAK;
            case GREEN -> g >= STRONG && r <= WEAK && b <= WEAK;
            case BLUE -> b >= STRONG && r <= WEAK && g <= WEAK;
        };
    }

    /** Parses {@code red}, {@code green} or {@code blue}, any case. */
    public static BoxColour parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
