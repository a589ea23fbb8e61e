package io.omnivox.rag;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Documents of a knowledge base. */
@ApplicationScoped
public class KnowledgeDocumentRepository implements PanacheRepositoryBase<KnowledgeDocument, UUID> {

    public List<KnowledgeDocument> listByKnowledgeBase(UUID knowledgeBaseId) {
        return list("knowledgeBaseId = ?1 order by createdAt, id", knowledgeBaseId);
    }

    /** Documents still waiting for ingestion, oldest first (what a worker picks up after a restart). */
    public List<KnowledgeDocument> listPending() {
        return list("status = ?1 order by createdAt, id", DocumentStatus.PENDING);
    }
}
