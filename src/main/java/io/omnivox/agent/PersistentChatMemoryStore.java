package io.omnivox.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The agent's memory, kept with the conversation in the database so it survives restarts. Memory ids that are not a
 * stored conversation (one-off exchanges through the OpenAI-compatible API) live in process only and are dropped
 * when the exchange ends.
 * <p>
 * LangChain4j reads the memory several times and writes it twice per answer, and a voice reply waits for each of
 * those; so recently used memories are kept in process and written behind, in order, by one background writer
 * (a write that fails is retried with the next one, and pending writes are flushed at shutdown). That assumes one
 * Omnivox process serves a conversation; with several replicas sharing the database, turn it off
 * ({@code omnivox.agent.memory-write-behind=false}) and every read and write goes to the database.
 */
@ApplicationScoped
public class PersistentChatMemoryStore implements ChatMemoryStore {

    private static final Logger LOG = Logger.getLogger(PersistentChatMemoryStore.class);
    /** How many conversations' memories stay in process (least recently used are dropped; the database has them). */
    static final int CACHED_CONVERSATIONS = 1_000;

    private final ConversationRepository conversations;
    private final Map<Object, List<ChatMessage>> oneOff = new ConcurrentHashMap<>();
    private final Map<UUID, List<ChatMessage>> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, List<ChatMessage>> eldest) {
                    return size() > CACHED_CONVERSATIONS;
                }
            });
    /** The newest memory of each conversation not yet in the database; kept until its write commits. */
    private final Map<UUID, List<ChatMessage>> pending = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual()
            .name("chat-memory-writer").factory());

    /** Whether memories are cached and written behind; off, the database is read and written on every call. */
    private final boolean writeBehind;

    public PersistentChatMemoryStore(ConversationRepository conversations, AgentConfig config) {
        this.conversations = conversations;
        this.writeBehind = config.memoryWriteBehind();
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        Optional<UUID> id = conversationId(memoryId);
        if (id.isEmpty()) {
            return oneOff.getOrDefault(memoryId, List.of());
        }
        List<ChatMessage> known = pending.get(id.get());
        known = known != null ? known : recent.get(id.get());
        if (known != null) {
            return known;
        }
        Optional<List<ChatMessage>> stored = load(id.get());
        if (stored.isEmpty()) {
            return oneOff.getOrDefault(memoryId, List.of());
        }
        if (writeBehind) {
            recent.put(id.get(), stored.get());
        }
        return stored.get();
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        store(memoryId, List.copyOf(messages));
    }

    @Override
    public void deleteMessages(Object memoryId) {
        store(memoryId, List.of());
    }

    /** Writes every pending memory now (shutdown; tests that look at the database). */
    public void flush() {
        for (UUID id : List.copyOf(pending.keySet())) {
            write(id);
        }
    }

    @PreDestroy
    void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void store(Object memoryId, List<ChatMessage> messages) {
        Optional<UUID> id = conversationId(memoryId);
        if (id.isEmpty() || (!recent.containsKey(id.get()) && !pending.containsKey(id.get())
                && load(id.get()).isEmpty())) {
            if (messages.isEmpty()) {
                oneOff.remove(memoryId);
            } else {
                oneOff.put(memoryId, messages);
            }
            return;
        }
        pending.put(id.get(), messages);
        if (!writeBehind) {
            write(id.get()); // in line: another replica may read this conversation next
            return;
        }
        recent.put(id.get(), messages);
        if (!writer.isShutdown()) {
            writer.execute(() -> write(id.get()));
        }
    }

    /**
     * Writes the conversation's newest pending memory; it stays pending if the write fails or a newer one came. One
     * write at a time (the background writer and a flush): each reads the newest memory under the lock, so an older
     * one can never land after a newer one.
     */
    private synchronized void write(UUID id) {
        List<ChatMessage> messages = pending.get(id);
        if (messages == null) {
            return; // an earlier task already wrote it
        }
        try {
            String json = messages.isEmpty() ? null : ChatMessageSerializer.messagesToJson(messages);
            // only the memory column: the conversation's title and times are written by others meanwhile, and a
            // whole-row write from an entity read earlier would put their old values back
            QuarkusTransaction.requiringNew().run(() -> conversations.update("memory = ?1 where id = ?2", json, id));
            pending.remove(id, messages);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not save the agent's memory of conversation %s yet; it is retried with the next write",
                    id);
        }
    }

    /** The stored memory of a conversation; empty when no conversation has that id. */
    private Optional<List<ChatMessage>> load(UUID id) {
        return QuarkusTransaction.joiningExisting().call(() -> conversations.findByIdOptional(id).map(conversation -> {
            String json = conversation.memory();
            return json == null || json.isBlank() ? List.<ChatMessage>of()
                    : ChatMessageDeserializer.messagesFromJson(json);
        }));
    }

    private static Optional<UUID> conversationId(Object memoryId) {
        try {
            return Optional.of(UUID.fromString(String.valueOf(memoryId)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
