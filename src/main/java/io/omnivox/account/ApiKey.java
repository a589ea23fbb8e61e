package io.omnivox.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One API key of a user: its display prefix and the SHA-256 of its secret, never the secret itself. */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false, length = 16)
    private String prefix;

    @Column(name = "key_hash", nullable = false, length = 64)
    private String keyHash;

    @Column(length = 100)
    private String label;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** {@link Scope} ids, comma-separated: see {@link Scope#format}. */
    @Column(nullable = false, length = 64)
    private String scopes;

    protected ApiKey() {
        // for Hibernate
    }

    public ApiKey(UUID userId, String prefix, String keyHash, String label, Set<Scope> scopes, Instant createdAt) {
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("an API key needs at least one scope");
        }
        this.id = UUID.randomUUID();
        this.scopes = Scope.format(scopes);
        this.userId = userId;
        this.prefix = prefix;
        this.keyHash = keyHash;
        this.label = label;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public String prefix() {
        return prefix;
    }

    public String keyHash() {
        return keyHash;
    }

    public String label() {
        return label;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    /** What the key may be used for. */
    public Set<Scope> scopes() {
        return Scope.parse(scopes);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public void markUsed(Instant when) {
        this.lastUsedAt = when;
    }

    public void revoke(Instant when) {
        if (revokedAt == null) {
            revokedAt = when;
        }
    }
}
