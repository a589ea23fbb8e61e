package io.omnivox.imagegen;

import java.util.List;

/**
 * The images of one request.
 *
 * @param images   one per requested image, in order
 * @param prompt   how the prompt was tokenised, including whether it was cut to the text encoder's limit
 */
public record ImageResult(List<GeneratedImage> images, PromptTokens prompt) {

    public ImageResult {
        images = List.copyOf(images);
    }
}
