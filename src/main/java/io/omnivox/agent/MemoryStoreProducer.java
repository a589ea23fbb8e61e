package io.omnivox.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import io.quarkus.arc.DefaultBean;

/** Conversation memory kept in process until a persistent store is configured (a {@link ChatMemoryStore} bean). */
@ApplicationScoped
public class MemoryStoreProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    ChatMemoryStore inProcess() {
        return new InMemoryChatMemoryStore();
    }
}
