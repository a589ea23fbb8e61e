package io.omnivox.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * A user's conversations: created, listed, read, deleted and extended with each exchange, always within their owner,
 * so one user's id never reaches another user's conversation (it is simply not found).
 */
@ApplicationScoped
public class ConversationService {

    /** Longest title kept; longer first messages are cut at a word. */
    static final int TITLE_LENGTH = 80;

    private final ConversationRepository conversations;
    private final MessageRepository messages;

    public ConversationService(ConversationRepository conversations, MessageRepository messages) {
        this.conversations = conversations;
        this.messages = messages;
    }

    @Transactional
    public Conversation create(UUID owner, String title) {
        Conversation conversation = new Conversation(owner, title == null || title.isBlank() ? null : title.strip(),
                Instant.now());
        conversations.persist(conversation);
        return conversation;
    }

    @Transactional
    public List<Conversation> list(UUID owner) {
        return conversations.listByOwner(owner);
    }

    /** The owner's conversation; 404 when it does not exist or belongs to someone else. */
    @Transactional
    public Conversation get(UUID owner, UUID id) {
        return conversations.findOwned(id, owner)
                .orElseThrow(() -> new NotFoundException("You have no conversation " + id + "."));
    }

    /** Same as {@link #get} for an id given as text (an unreadable id is not found either). */
    public Conversation get(UUID owner, String id) {
        try {
            return get(owner, UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("You have no conversation " + id + ".");
        }
    }

    @Transactional
    public List<Message> messages(UUID owner, UUID id) {
        return messages.listByConversation(get(owner, id).id());
    }

    @Transactional
    public void delete(UUID owner, UUID id) {
        conversations.delete(get(owner, id));
    }

    /** Adds a user message and the agent's reply to the transcript; names an untitled conversation after it. */
    @Transactional
    public void record(UUID owner, UUID id, String question, String answer) {
        Conversation conversation = get(owner, id);
        messages.append(conversation, MessageRole.USER, question);
        messages.append(conversation, MessageRole.ASSISTANT, answer);
        if (conversation.title() == null) {
            conversation.rename(title(question), Instant.now());
        }
    }

    static String title(String question) {
        String line = question.strip().replaceAll("\\s+", " ");
        if (line.length() <= TITLE_LENGTH) {
            return line;
        }
        int cut = line.lastIndexOf(' ', TITLE_LENGTH);
        return line.substring(0, cut > TITLE_LENGTH / 2 ? cut : TITLE_LENGTH) + "…";
    }
}
