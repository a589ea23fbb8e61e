package io.omnivox.imagegen;

/** A generation was cancelled; thrown between two denoising steps, never in the middle of a model call. */
public final class GenerationCancelledException extends RuntimeException {

    public GenerationCancelledException(int image, int step) {
        super("Image generation cancelled after step " + step + " of image " + (image + 1));
    }
}
