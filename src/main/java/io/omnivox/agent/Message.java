package io.omnivox.agent;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One message of a conversation. {@code ordinal} fixes the order (timestamps can tie); it is unique within the
 * conversation.
 */
@Entity
@Table(name = "messages")
public class Message {

    @Id
    private UUID id;

    @Column(name = "conversation_id", nullable = false)
    private UUID conversationId;

    @Column(nullable = false)
    private int ordinal;

    @Column(nullable = false, length = 16)
    private MessageRole role;

    @Column(nullable = false)
    private String content;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Message() {
        // for Hibernate
    }

    public Message(UUID conversationId, int ordinal, MessageRole role, String content, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.conversationId = conversationId;
        this.ordinal = ordinal;
        this.role = role;
        this.content = content;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID conversationId() {
        return conversationId;
    }

    public int ordinal() {
        return ordinal;
    }

    public MessageRole role() {
        return role;
    }

    public String content() {
        return content;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
