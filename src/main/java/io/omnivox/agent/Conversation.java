package io.omnivox.agent;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A chat between one user and the agent. The owner is referenced by id only, so the agent package does not depend on
 * the account entities; the database's foreign key keeps the reference valid.
 */
@org.hibernate.annotations.DynamicUpdate // only changed columns: several places change a row at once
@Entity
@Table(name = "conversations")
public class Conversation {

    @Id
    private UUID id;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Column(length = 200)
    private String title;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** The agent's memory window as LangChain4j JSON; null before the first answer. */
    @Column
    private String memory;

    protected Conversation() {
        // for Hibernate
    }

    public Conversation(UUID ownerId, String title, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.ownerId = ownerId;
        this.title = title;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID ownerId() {
        return ownerId;
    }

    public String title() {
        return title;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void rename(String newTitle, Instant when) {
        this.title = newTitle;
        this.updatedAt = when;
    }

    /** Marks the conversation as changed (a message was added), for "most recent first" listings. */
    public void touch(Instant when) {
        this.updatedAt = when;
    }

    public String memory() {
        return memory;
    }
}
