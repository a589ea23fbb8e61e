package io.omnivox.rag;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A document uploaded into a knowledge base and its ingestion state ({@code error} says why it failed, {@code pages}
 * is known once parsed). The owner is kept next to the knowledge base so ownership checks need no join.
 */
@org.hibernate.annotations.DynamicUpdate // only changed columns: several places change a row at once
@Entity
@Table(name = "documents")
public class KnowledgeDocument {

    @Id
    private UUID id;

    @Column(name = "knowledge_base_id", nullable = false)
    private UUID knowledgeBaseId;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Column(name = "file_name", nullable = false, length = 255)
    private String fileName;

    @Column(nullable = false, length = 32)
    private String format;

    @Column(nullable = false, length = 16)
    private DocumentStatus status;

    @Column
    private String error;

    @Column
    private Integer pages;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The replica that claimed the document's ingestion last ({@code omnivox.replica-id}). */
    @Column(name = "claimed_by", length = 128)
    private String claimedBy;

    /** Until when that claim holds unless renewed; null once ingestion ended (or before it began). */
    @Column(name = "lease_until")
    private Instant leaseUntil;

    protected KnowledgeDocument() {
        // for Hibernate
    }

    public KnowledgeDocument(KnowledgeBase knowledgeBase, String fileName, String format, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.knowledgeBaseId = knowledgeBase.id();
        this.ownerId = knowledgeBase.ownerId();
        this.fileName = fileName;
        this.format = format;
        this.status = DocumentStatus.PENDING;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID knowledgeBaseId() {
        return knowledgeBaseId;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public String fileName() {
        return fileName;
    }

    public String format() {
        return format;
    }

    public DocumentStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public Integer pages() {
        return pages;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Queued (again) for ingestion, e.g. for a re-index: the earlier error no longer applies. */
    public void pending() {
        this.status = DocumentStatus.PENDING;
        this.error = null;
        this.leaseUntil = null;
    }

    /** The replica that claimed the document's ingestion last, or null. */
    public String claimedBy() {
        return claimedBy;
    }

    /** Until when the current claim holds; null when no replica holds the document. */
    public Instant leaseUntil() {
        return leaseUntil;
    }

    public void processing() {
        this.status = DocumentStatus.PROCESSING;
        this.error = null;
    }

    public void ready(int pageCount) {
        this.status = DocumentStatus.READY;
        this.pages = pageCount;
        this.error = null;
        this.leaseUntil = null;
    }

    public void failed(String reason) {
        this.status = DocumentStatus.FAILED;
        this.error = reason;
        this.leaseUntil = null;
    }
}
