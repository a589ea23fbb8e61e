package io.omnivox.model.decoder;

/**
 * The tokens a generation produced (prompt and stop token excluded) and why it ended.
 *
 * @param tokens generated token ids in order
 * @param reason why generation stopped
 */
public record GenerationResult(int[] tokens, FinishReason reason) {
}
