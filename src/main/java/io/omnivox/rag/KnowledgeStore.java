package io.omnivox.rag;

import java.util.List;

/**
 * Stores chunks with their vectors, grouped into knowledge bases, and finds the ones matching a query.
 * Implementations are thread-safe; what {@link #add} and {@link #delete} did is visible to the next search.
 */
public interface KnowledgeStore extends AutoCloseable {

    /** The store's name as logs report it, e.g. {@code lucene}. */
    String name();

    /** Stores a document's chunks, replacing any chunks it had (adding a document twice re-indexes it). */
    void add(String knowledgeBase, String documentId, List<EmbeddedChunk> chunks);

    /** Removes all of a document's chunks; nothing happens if it has none. */
    void delete(String knowledgeBase, String documentId);

    /**
     * The best {@code k} chunks of {@code knowledgeBase} for a query, best first.
     *
     * @param queryText   the query's words (keyword and hybrid modes)
     * @param queryVector the query's vector, unit length (vector and hybrid modes)
     */
    List<SearchHit> search(String knowledgeBase, String queryText, float[] queryVector, int k, SearchMode mode);

    @Override
    void close();
}
