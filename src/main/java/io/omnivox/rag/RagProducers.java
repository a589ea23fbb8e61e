package io.omnivox.rag;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Builds retrieval from {@link RagConfig}: the embedding model, the store and the {@link KnowledgeService} on top.
 * The choice is logged at startup; the model and index are opened on first use, so an app that never searches pays
 * nothing for them.
 */
@ApplicationScoped
public class RagProducers {

    private static final Logger LOG = Logger.getLogger(RagProducers.class);

    private final RagConfig config;

    public RagProducers(RagConfig config) {
        this.config = config;
    }

    void announce(@Observes StartupEvent event) {
        LOG.infof("Retrieval: embedding model %s, store %s (%s)", config.embeddingModel().name().toLowerCase(),
                config.store().name().toLowerCase(), where());
    }

    @Produces
    @Singleton
    TextEmbedder embedder() {
        TextEmbedder embedder = TextEmbedder.load(config.embeddingModel());
        LOG.infof("Retrieval: loaded %s (%d dimensions)", embedder.name(), embedder.dimension());
        return embedder;
    }

    @Produces
    @Singleton
    KnowledgeStore store(TextEmbedder embedder) {
        KnowledgeStore store = switch (config.store()) {
            case LUCENE -> new LuceneKnowledgeStore(config.lucene().dir().resolve(embedder.name()),
                    TextAnalyzers.forModel(config.embeddingModel()), config.lucene().candidates());
            case MILVUS -> MilvusKnowledgeStore.connect(config.milvus(), embedder.dimension());
        };
        LOG.infof("Retrieval: %s store open (%s)", store.name(), where());
        return store;
    }

    void close(@Disposes KnowledgeStore store) {
        store.close();
    }

    @Produces
    @Singleton
    KnowledgeService knowledgeService(TextEmbedder embedder, KnowledgeStore store) {
        Chunker chunker = new Chunker(config.chunking().targetChars(), config.chunking().overlapChars());
        return new KnowledgeService(chunker, embedder, store);
    }

    private String where() {
        return switch (config.store()) {
            case LUCENE -> config.lucene().dir().toAbsolutePath().toString();
            case MILVUS -> config.milvus().uri().orElse("omnivox.rag.milvus.uri not set") + ", collection "
                    + config.milvus().collection();
        };
    }
}
