package io.omnivox.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Messages of a conversation, in order. */
@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    public List<Message> listByConversation(UUID conversationId) {
        return list("conversationId = ?1 order by ordinal", conversationId);
    }

    /**
     * Appends a message after the last one and marks the conversation changed. Two concurrent appends to one
     * conversation would pick the same ordinal; the unique constraint then refuses the second instead of mixing the
     * order.
     */
    public Message append(Conversation conversation, MessageRole role, String content) {
        Integer last = getEntityManager()
                .createQuery("select max(m.ordinal) from Message m where m.conversationId = :c", Integer.class)
                .setParameter("c", conversation.id()).getSingleResult();
        Instant now = Instant.now();
        Message message = new Message(conversation.id(), last == null ? 0 : last + 1, role, content, now);
        persist(message);
        conversation.touch(now);
        return message;
    }
}
