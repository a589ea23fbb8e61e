package io.omnivox.imagegen;

import io.omnivox.model.decoder.CancellationToken;

/**
 * Draws images from text (and optionally a starting image). Implementations are thread-safe; one call draws its
 * images one after the other.
 */
public interface ImageGenerator {

    /** The engine's name for health and logs, e.g. {@code diffusion-onnx}. */
    String engine();

    /**
     * Draws the request's images.
     *
     * @param listener told after every denoising step
     * @param cancel   checked before every step; once set, the call throws {@link GenerationCancelledException}
     *                 after the step in progress
     * @throws GenerationCancelledException when cancelled
     * @throws io.omnivox.model.ModelException when a model fails or does not match the expected contract
     */
    ImageResult generate(ImageRequest request, StepListener listener, CancellationToken cancel);

    /** Draws without progress or cancellation. */
    default ImageResult generate(ImageRequest request) {
        return generate(request, StepListener.NONE, new CancellationToken());
    }
}
