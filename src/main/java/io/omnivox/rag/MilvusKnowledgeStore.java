package io.omnivox.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.milvus.MilvusEmbeddingStore;
import io.milvus.common.clientenum.ConsistencyLevelEnum;
import io.milvus.param.MetricType;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;

/**
 * Chunks in a Milvus collection, through LangChain4j's Milvus store: one row per chunk with its vector (cosine),
 * text and source as metadata; knowledge base and document are metadata filters.
 * <p>
 * It ranks by vector similarity only: LangChain4j's store has no BM25, so {@link SearchMode#KEYWORD} and
 * {@link SearchMode#HYBRID} are answered by vector ranking too (logged once). Use the Lucene store for hybrid search.
 */
public final class MilvusKnowledgeStore implements KnowledgeStore {

    private static final Logger LOG = Logger.getLogger(MilvusKnowledgeStore.class);

    private final MilvusEmbeddingStore milvus;
    private final AtomicBoolean warnedVectorOnly = new AtomicBoolean();

    MilvusKnowledgeStore(MilvusEmbeddingStore milvus) {
        this.milvus = milvus;
    }

    /** Connects, creating the collection (with {@code dimension}-long vectors) if it does not exist. */
    public static MilvusKnowledgeStore connect(RagConfig.Milvus config, int dimension) {
        String uri = config.uri().orElseThrow(() -> new IllegalStateException(
                "omnivox.rag.store=milvus needs omnivox.rag.milvus.uri (e.g. http://localhost:19530)"));
        MilvusEmbeddingStore.Builder builder = MilvusEmbeddingStore.builder()
                .uri(uri)
                .collectionName(config.collection())
                .dimension(dimension)
                .metricType(MetricType.COSINE)
                // Strong consistency: a search right after an add or delete sees it, as the interface promises.
                .consistencyLevel(ConsistencyLevelEnum.STRONG);
        config.token().ifPresent(builder::token);
        return new MilvusKnowledgeStore(builder.build());
    }

    @Override
    public String name() {
        return "milvus";
    }

    @Override
    public void add(String knowledgeBase, String documentId, List<EmbeddedChunk> chunks) {
        delete(knowledgeBase, documentId);
        if (chunks.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        List<Embedding> vectors = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        for (EmbeddedChunk embedded : chunks) {
            Chunk chunk = embedded.chunk();
            ids.add(UUID.randomUUID().toString());
            vectors.add(Embedding.from(embedded.vector()));
            segments.add(TextSegment.from(chunk.text(), new Metadata()
                    .put("kb", knowledgeBase).put("doc", documentId)
                    .put("title", chunk.title() == null ? "" : chunk.title()).put("page", chunk.page())
                    .put("section", chunk.section()).put("offset", chunk.startOffset())));
        }
        milvus.addAll(ids, vectors, segments);
    }

    @Override
    public void delete(String knowledgeBase, String documentId) {
        milvus.removeAll(metadataKey("kb").isEqualTo(knowledgeBase).and(metadataKey("doc").isEqualTo(documentId)));
    }

    @Override
    public List<SearchHit> search(String knowledgeBase, String queryText, float[] queryVector, int k,
            SearchMode mode) {
        if (mode != SearchMode.VECTOR && warnedVectorOnly.compareAndSet(false, true)) {
            LOG.warnf("Milvus store ranks by vector similarity only; %s search answered by vector ranking", mode);
        }
        if (queryVector == null || k < 1) {
            return List.of();
        }
        Filter inBase = metadataKey("kb").isEqualTo(knowledgeBase);
        List<SearchHit> hits = new ArrayList<>();
        for (EmbeddingMatch<TextSegment> match : milvus.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(queryVector)).maxResults(k).filter(inBase).build()).matches()) {
            Metadata meta = match.embedded().metadata();
            hits.add(new SearchHit(meta.getString("doc"), meta.getString("title"), meta.getInteger("page"),
                    meta.getString("section"), meta.getInteger("offset"), match.embedded().text(), match.score()));
        }
        return hits;
    }

    @Override
    public void close() {
        // LangChain4j's store keeps its client for the JVM's life and offers no close.
    }
}
