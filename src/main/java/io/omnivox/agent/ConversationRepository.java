package io.omnivox.agent;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Conversations, always looked up within their owner so one user never reaches another's. */
@ApplicationScoped
public class ConversationRepository implements PanacheRepositoryBase<Conversation, UUID> {

    /** The owner's conversations, most recently changed first. */
    public List<Conversation> listByOwner(UUID ownerId) {
        return list("ownerId = ?1 order by updatedAt desc, id", ownerId);
    }

    public Optional<Conversation> findOwned(UUID id, UUID ownerId) {
        return find("id = ?1 and ownerId = ?2", id, ownerId).firstResultOptional();
    }
}
