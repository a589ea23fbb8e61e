package io.omnivox.rag;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Documents of a knowledge base. */
@ApplicationScoped
public class KnowledgeDocumentRepository implements PanacheRepositoryBase<KnowledgeDocument, UUID> {

    public List<KnowledgeDocument> listByKnowledgeBase(UUID knowledgeBaseId) {
        return list("knowledgeBaseId = ?1 order by createdAt, id", knowledgeBaseId);
    }

    /** The owner's document in the given knowledge base; empty when either is someone else's or missing. */
    public Optional<KnowledgeDocument> findOwned(UUID id, UUID knowledgeBaseId, UUID ownerId) {
        return find("id = ?1 and knowledgeBaseId = ?2 and ownerId = ?3", id, knowledgeBaseId, ownerId)
                .firstResultOptional();
    }

    /** Documents per knowledge base of an owner (bases without documents are absent). */
    public Map<UUID, Long> countByKnowledgeBase(UUID ownerId) {
        Map<UUID, Long> counts = new HashMap<>();
        getEntityManager().createQuery("select d.knowledgeBaseId, count(d) from KnowledgeDocument d "
                + "where d.ownerId = ?1 group by d.knowledgeBaseId", Object[].class).setParameter(1, ownerId)
                .getResultList().forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
        return counts;
    }

    /** The owner's ready documents in the given knowledge bases: what a search may return. */
    public List<KnowledgeDocument> listReady(UUID ownerId, Collection<UUID> knowledgeBaseIds) {
        if (knowledgeBaseIds.isEmpty()) {
            return List.of();
        }
        return list("ownerId = ?1 and status = ?2 and knowledgeBaseId in ?3", ownerId, DocumentStatus.READY,
                knowledgeBaseIds);
    }

    /** Whether the owner has a ready document in the given knowledge bases (in any of theirs when none are given). */
    public boolean anyReady(UUID ownerId, Collection<UUID> knowledgeBaseIds) {
        return knowledgeBaseIds.isEmpty()
                ? count("ownerId = ?1 and status = ?2", ownerId, DocumentStatus.READY) > 0
                : count("ownerId = ?1 and status = ?2 and knowledgeBaseId in ?3", ownerId, DocumentStatus.READY,
                        knowledgeBaseIds) > 0;
    }

    /**
     * Claims a document's ingestion for {@code replica} until {@code leaseUntil}: a pending one, or one processing
     * whose lease passed or was never set (its replica died, or it was cut off before leases). Marks it processing.
     * A single checked update, so of several replicas trying at once exactly one gets it.
     *
     * @return whether this replica now holds it (false: ingested or held by another, or deleted)
     */
    public boolean claim(UUID id, String replica, Instant now, Instant leaseUntil) {
        return update("status = ?1, error = null, claimedBy = ?2, leaseUntil = ?3 where id = ?4 and (status = ?5"
                + " or (status = ?1 and (leaseUntil is null or leaseUntil < ?6)))", DocumentStatus.PROCESSING,
                replica, leaseUntil, id, DocumentStatus.PENDING, now) == 1;
    }

    /** Extends this replica's lease on the documents it is ingesting. */
    public int renew(String replica, Collection<UUID> ids, Instant leaseUntil) {
        return ids.isEmpty() ? 0
                : update("leaseUntil = ?1 where id in ?2 and claimedBy = ?3 and status = ?4", leaseUntil, ids,
                        replica, DocumentStatus.PROCESSING);
    }

    /** Documents a replica may claim now: pending, or processing under a lease that passed or was never set. */
    public List<UUID> listClaimable(Instant now) {
        return list("status = ?1 or (status = ?2 and (leaseUntil is null or leaseUntil < ?3)) order by createdAt, id",
                DocumentStatus.PENDING, DocumentStatus.PROCESSING, now).stream().map(KnowledgeDocument::id).toList();
    }

    /** Documents whose ingestion has not finished (pending, or interrupted while processing), oldest first. */
    public List<KnowledgeDocument> listUnfinished() {
        return list("status in ?1 order by createdAt, id", List.of(DocumentStatus.PENDING, DocumentStatus.PROCESSING));
    }

    /** Documents still waiting for ingestion, oldest first (what a worker picks up after a restart). */
    public List<KnowledgeDocument> listPending() {
        return list("status = ?1 order by createdAt, id", DocumentStatus.PENDING);
    }
}
