package io.omnivox.rag;

import java.util.ArrayList;
import java.util.List;

import io.omnivox.document.ParsedDocument;

/**
 * Retrieval in three calls: ingest a parsed document into a knowledge base, delete it, search a knowledge base.
 * Chunks, embeds and stores; the knowledge bases themselves (names, owners, which documents) are kept elsewhere.
 * Thread-safe.
 */
public final class KnowledgeService {

    private final Chunker chunker;
    private final TextEmbedder embedder;
    private final KnowledgeStore store;

    public KnowledgeService(Chunker chunker, TextEmbedder embedder, KnowledgeStore store) {
        this.chunker = chunker;
        this.embedder = embedder;
        this.store = store;
    }

    /** Chunks, embeds and stores {@code document} (replacing an earlier version of it); returns its chunks. */
    public List<Chunk> ingest(ParsedDocument document, String knowledgeBase, String documentId) {
        List<Chunk> chunks = chunker.chunk(document, documentId);
        List<float[]> vectors = embedder.embedPassages(chunks.stream().map(Chunk::text).toList());
        List<EmbeddedChunk> embedded = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            embedded.add(new EmbeddedChunk(chunks.get(i), vectors.get(i)));
        }
        store.add(knowledgeBase, documentId, embedded);
        return chunks;
    }

    /** Removes a document's chunks from a knowledge base. */
    public void delete(String knowledgeBase, String documentId) {
        store.delete(knowledgeBase, documentId);
    }

    /** The {@code k} best chunks for {@code query}, by hybrid search. */
    public List<SearchHit> search(String knowledgeBase, String query, int k) {
        return search(knowledgeBase, query, k, SearchMode.HYBRID);
    }

    /** The {@code k} best chunks for {@code query} by the given ranking. */
    public List<SearchHit> search(String knowledgeBase, String query, int k, SearchMode mode) {
        // A keyword search needs no vector; skip the model call (~10 ms on a CPU).
        float[] vector = mode == SearchMode.KEYWORD ? null : embedder.embedQuery(query);
        return store.search(knowledgeBase, query, vector, k, mode);
    }
}
