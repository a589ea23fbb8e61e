package io.omnivox.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;

/**
 * The agent's memory, kept with the conversation in the database so it survives restarts. Memory ids that are not a
 * stored conversation (one-off exchanges through the OpenAI-compatible API) live in process only and are dropped
 * when the exchange ends.
 */
@ApplicationScoped
public class PersistentChatMemoryStore implements ChatMemoryStore {

    private final ConversationRepository conversations;
    private final Map<Object, List<ChatMessage>> oneOff = new ConcurrentHashMap<>();

    public PersistentChatMemoryStore(ConversationRepository conversations) {
        this.conversations = conversations;
    }

    @Override
    @Transactional
    public List<ChatMessage> getMessages(Object memoryId) {
        Optional<Conversation> stored = stored(memoryId);
        if (stored.isEmpty()) {
            return oneOff.getOrDefault(memoryId, List.of());
        }
        String json = stored.get().memory();
        return json == null || json.isBlank() ? List.of() : ChatMessageDeserializer.messagesFromJson(json);
    }

    @Override
    @Transactional
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        Optional<Conversation> stored = stored(memoryId);
        if (stored.isPresent()) {
            stored.get().memory(ChatMessageSerializer.messagesToJson(messages));
        } else {
            oneOff.put(memoryId, List.copyOf(messages));
        }
    }

    @Override
    @Transactional
    public void deleteMessages(Object memoryId) {
        Optional<Conversation> stored = stored(memoryId);
        if (stored.isPresent()) {
            stored.get().memory(null);
        } else {
            oneOff.remove(memoryId);
        }
    }

    private Optional<Conversation> stored(Object memoryId) {
        try {
            return conversations.findByIdOptional(UUID.fromString(String.valueOf(memoryId)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
