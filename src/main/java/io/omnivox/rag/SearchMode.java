package io.omnivox.rag;

/** How a store ranks chunks for a query. */
public enum SearchMode {
    /** Vector and keyword rankings fused by Reciprocal Rank Fusion: the default. */
    HYBRID,
    /** Embedding similarity only: paraphrases and other wordings, but blurs exact codes and rare names. */
    VECTOR,
    /** BM25 over the words only: exact identifiers, but misses paraphrases. */
    KEYWORD
}
