package io.omnivox.rag;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Knowledge bases, always looked up within their owner. */
@ApplicationScoped
public class KnowledgeBaseRepository implements PanacheRepositoryBase<KnowledgeBase, UUID> {

    public List<KnowledgeBase> listByOwner(UUID ownerId) {
        return list("ownerId = ?1 order by name", ownerId);
    }

    public boolean nameTaken(UUID ownerId, String name) {
        return count("ownerId = ?1 and name = ?2", ownerId, name) > 0;
    }

    public Optional<KnowledgeBase> findOwned(UUID id, UUID ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResultOptional();
    }
}
