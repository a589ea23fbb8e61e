package io.omnivox.rag;

/**
 * A chunk with its passage vector, ready to store.
 *
 * @param chunk  the passage and its source
 * @param vector its embedding, unit length
 */
public record EmbeddedChunk(Chunk chunk, float[] vector) {
}
