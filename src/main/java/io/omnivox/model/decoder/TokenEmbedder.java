package io.omnivox.model.decoder;

/**
 * Turns token ids into the decoder's input embeddings, for models exported with {@code inputs_embeds} only (GOT-OCR's
 * decoder, CosyVoice's LLM): generated tokens must be embedded before they are fed back.
 */
@FunctionalInterface
public interface TokenEmbedder {

    /** Embeddings {@code [ids.length][hidden]}. */
    float[][] embed(long[] ids);
}
