package io.omnivox.imagegen;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What to draw. Immutable; the compact constructor rejects values no engine can honour.
 *
 * @param prompt         what the image should show
 * @param negativePrompt what it should not show (used with classifier-free guidance); empty for none
 * @param width          image width in pixels, a positive multiple of 8 (the VAE's downsampling factor)
 * @param height         image height in pixels, a positive multiple of 8
 * @param steps          denoising steps (SD-Turbo: 1 to 4)
 * @param guidance       classifier-free guidance scale; at most 1 disables guidance (SD-Turbo is trained for 0)
 * @param seed           seed of the first image (image {@code i} uses {@code seed + i}); empty picks one at random
 * @param count          number of images, at least 1
 * @param initImage      a starting image for image-to-image, if any
 */
public record ImageRequest(String prompt, String negativePrompt, int width, int height, int steps, double guidance,
        OptionalLong seed, int count, Optional<InitImage> initImage) {

    /**
     * The starting image of an image-to-image run.
     *
     * @param image    resized to the request's size before encoding
     * @param strength how much to change it, in (0, 1]: the share of the denoising steps that run
     */
    public record InitImage(BufferedImage image, double strength) {
        public InitImage {
            Objects.requireNonNull(image, "image");
            if (!(strength > 0 && strength <= 1)) {
                throw new IllegalArgumentException("strength must be in (0, 1], got " + strength);
            }
        }
    }

    public ImageRequest {
        Objects.requireNonNull(prompt, "prompt");
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(initImage, "initImage");
        if (width <= 0 || height <= 0 || width % 8 != 0 || height % 8 != 0) {
            throw new IllegalArgumentException("width and height must be positive multiples of 8, got " + width + "x"
                    + height);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (!Double.isFinite(guidance) || guidance < 0) {
            throw new IllegalArgumentException("guidance must be a finite number ≥ 0, got " + guidance);
        }
    }

    /** A text-to-image request with SD-Turbo's settings: 512×512, one step, no guidance, a random seed, one image. */
    public static ImageRequest of(String prompt) {
        return new ImageRequest(prompt, "", 512, 512, 1, 0, OptionalLong.empty(), 1, Optional.empty());
    }

    public ImageRequest withSize(int newWidth, int newHeight) {
        return new ImageRequest(prompt, negativePrompt, newWidth, newHeight, steps, guidance, seed, count, initImage);
    }

    public ImageRequest withSteps(int newSteps) {
        return new ImageRequest(prompt, negativePrompt, width, height, newSteps, guidance, seed, count, initImage);
    }

    public ImageRequest withGuidance(double newGuidance, String newNegativePrompt) {
        return new ImageRequest(prompt, newNegativePrompt, width, height, steps, newGuidance, seed, count, initImage);
    }

    public ImageRequest withSeed(long newSeed) {
        return new ImageRequest(prompt, negativePrompt, width, height, steps, guidance, OptionalLong.of(newSeed), count,
                initImage);
    }

    public ImageRequest withCount(int newCount) {
        return new ImageRequest(prompt, negativePrompt, width, height, steps, guidance, seed, newCount, initImage);
    }

    public ImageRequest withInitImage(BufferedImage image, double strength) {
        return new ImageRequest(prompt, negativePrompt, width, height, steps, guidance, seed, count,
                Optional.of(new InitImage(image, strength)));
    }

    /** Whether the unconditional prediction is needed: guidance above 1. */
    public boolean usesGuidance() {
        return guidance > 1;
    }
}
