package io.omnivox.rag;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named set of documents a user's agent can retrieve from; names are unique per owner. */
@Entity
@Table(name = "knowledge_bases")
public class KnowledgeBase {

    @Id
    private UUID id;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected KnowledgeBase() {
        // for Hibernate
    }

    public KnowledgeBase(UUID ownerId, String name, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.ownerId = ownerId;
        this.name = name;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
