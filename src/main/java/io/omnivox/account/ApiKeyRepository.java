package io.omnivox.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** API keys by hash (authentication) and by owner (key management). */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    public Optional<ApiKey> findByHash(String keyHash) {
        return find("keyHash", keyHash).firstResultOptional();
    }

    public List<ApiKey> listByUser(UUID userId) {
        return list("userId = ?1 order by createdAt, id", userId);
    }
}
