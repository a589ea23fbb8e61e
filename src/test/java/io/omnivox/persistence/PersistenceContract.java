package io.omnivox.persistence;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.omnivox.account.AccountService;
import io.omnivox.account.ApiKey;
import io.omnivox.account.ApiKeyRepository;
import io.omnivox.account.IssuedKey;
import io.omnivox.account.Role;
import io.omnivox.account.User;
import io.omnivox.account.UserRepository;
import io.omnivox.agent.Conversation;
import io.omnivox.agent.ConversationRepository;
import io.omnivox.agent.Message;
import io.omnivox.agent.MessageRepository;
import io.omnivox.agent.MessageRole;
import io.omnivox.agent.PersistentChatMemoryStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import io.omnivox.rag.DocumentStatus;
import io.omnivox.rag.KnowledgeBase;
import io.omnivox.rag.KnowledgeBaseRepository;
import io.omnivox.rag.KnowledgeDocument;
import io.omnivox.rag.KnowledgeDocumentRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;

/**
 * What the migration and the entities must do on every supported database; each subclass runs it against one.
 * Every test makes its own users, so tests share an app (and database) without depending on each other.
 */
abstract class PersistenceContract {

    @Inject
    UserRepository users;
    @Inject
    ApiKeyRepository keys;
    @Inject
    AccountService accounts;
    @Inject
    ConversationRepository conversations;
    @Inject
    MessageRepository messages;
    @Inject
    KnowledgeBaseRepository knowledgeBases;
    @Inject
    KnowledgeDocumentRepository documents;
    @Inject
    PersistentChatMemoryStore memory;

    private IssuedKey newUser(Role role) {
        return accounts.createUser("user-" + UUID.randomUUID(), role, "first");
    }

    @Test
    void should_store_a_user_with_its_role_and_find_it_by_name() {
        IssuedKey issued = newUser(Role.ADMIN);

        User found = QuarkusTransaction.requiringNew().call(() -> users.findByName(issued.user().name()).orElseThrow());

        assertThat(found.id()).isEqualTo(issued.user().id());
        assertThat(found.role()).isEqualTo(Role.ADMIN);
        assertThat(found.createdAt()).isNotNull();
    }

    @Test
    void should_store_only_the_hash_of_a_key_and_authenticate_with_the_secret() {
        IssuedKey issued = newUser(Role.USER);

        ApiKey stored = QuarkusTransaction.requiringNew().call(() -> keys.findById(issued.key().id()));

        assertThat(stored.keyHash()).hasSize(64).doesNotContain(issued.secret());
        assertThat(issued.secret()).startsWith(stored.prefix());
        assertThat(accounts.authenticate(issued.secret())).hasValueSatisfying(
                account -> assertThat(account.userId()).isEqualTo(issued.user().id()));
        assertThat(QuarkusTransaction.requiringNew().call(() -> keys.findById(issued.key().id()).lastUsedAt()))
                .isNotNull();
    }

    @Test
    void should_refuse_a_revoked_key_and_list_it_as_revoked() {
        IssuedKey issued = newUser(Role.USER);

        assertThat(accounts.revokeKey(issued.user().id(), issued.key().id())).isTrue();

        assertThat(accounts.authenticate(issued.secret())).isEmpty();
        assertThat(accounts.keysOf(issued.user().id())).singleElement()
                .satisfies(k -> assertThat(k.revokedAt()).isNotNull());
    }

    @Test
    void should_not_revoke_another_users_key() {
        IssuedKey owner = newUser(Role.USER);
        IssuedKey other = newUser(Role.USER);

        assertThat(accounts.revokeKey(other.user().id(), owner.key().id())).isFalse();
        assertThat(accounts.authenticate(owner.secret())).isPresent();
    }

    @Test
    void should_refuse_two_users_with_one_name() {
        IssuedKey first = newUser(Role.USER);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew()
                .run(() -> users.persist(new User(first.user().name(), Role.USER, Instant.now()))))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void should_keep_messages_in_order_and_list_conversations_by_owner() {
        IssuedKey owner = newUser(Role.USER);
        UUID conversationId = QuarkusTransaction.requiringNew().call(() -> {
            Conversation conversation = new Conversation(owner.user().id(), "Trip to Lyon", Instant.now());
            conversations.persist(conversation);
            messages.append(conversation, MessageRole.SYSTEM, "You are helpful.");
            messages.append(conversation, MessageRole.USER, "Où est la gare ?\n" + "long ".repeat(5000));
            messages.append(conversation, MessageRole.ASSISTANT, "À droite.");
            return conversation.id();
        });

        List<Message> stored = QuarkusTransaction.requiringNew().call(() -> messages.listByConversation(conversationId));

        assertThat(stored).extracting(Message::ordinal).containsExactly(0, 1, 2);
        assertThat(stored).extracting(Message::role)
                .containsExactly(MessageRole.SYSTEM, MessageRole.USER, MessageRole.ASSISTANT);
        assertThat(stored.get(1).content()).startsWith("Où est la gare ?").hasSize(17 + 5 * 5000);
        assertThat(QuarkusTransaction.requiringNew().call(() -> conversations.listByOwner(owner.user().id())))
                .extracting(Conversation::title).containsExactly("Trip to Lyon");
        assertThat(QuarkusTransaction.requiringNew()
                .call(() -> conversations.findOwned(conversationId, UUID.randomUUID()))).isEmpty();
    }

    @Test
    void should_track_document_ingestion_in_a_knowledge_base() {
        IssuedKey owner = newUser(Role.USER);
        UUID baseId = QuarkusTransaction.requiringNew().call(() -> {
            KnowledgeBase base = new KnowledgeBase(owner.user().id(), "Manuals", Instant.now());
            knowledgeBases.persist(base);
            KnowledgeDocument ok = new KnowledgeDocument(base, "guide.pdf", "pdf", Instant.now());
            KnowledgeDocument bad = new KnowledgeDocument(base, "locked.pdf", "pdf", Instant.now().plusMillis(1));
            documents.persist(ok);
            documents.persist(bad);
            ok.ready(12);
            bad.failed("The PDF is encrypted.");
            return base.id();
        });

        List<KnowledgeDocument> stored = QuarkusTransaction.requiringNew()
                .call(() -> documents.listByKnowledgeBase(baseId));

        assertThat(stored).extracting(KnowledgeDocument::status)
                .containsExactly(DocumentStatus.READY, DocumentStatus.FAILED);
        assertThat(stored.get(0).pages()).isEqualTo(12);
        assertThat(stored.get(1).error()).isEqualTo("The PDF is encrypted.");
        assertThat(stored).allSatisfy(d -> assertThat(d.ownerId()).isEqualTo(owner.user().id()));
        assertThat(QuarkusTransaction.requiringNew().call(() -> knowledgeBases.listByOwner(owner.user().id())))
                .extracting(KnowledgeBase::name).containsExactly("Manuals");
    }

    @Test
    void should_create_a_user_through_the_api_whose_key_then_authenticates() {
        String key = given().contentType(ContentType.JSON).body("{\"name\": \"api-" + UUID.randomUUID() + "\"}")
                .post("/api/users").then().statusCode(201).extract().path("key.key");

        withKey(key).get("/api/keys").then().statusCode(200);
    }

    @Test
    void should_write_the_agents_memory_behind_and_read_the_newest_first() {
        org.junit.jupiter.api.Assumptions.assumeTrue(agent.memoryWriteBehind(),
                "this profile writes memory straight through (several replicas)");
        IssuedKey owner = newUser(Role.USER);
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            Conversation conversation = new Conversation(owner.user().id(), "Memory", Instant.now());
            conversations.persist(conversation);
            return conversation.id();
        });
        List<ChatMessage> first = List.of(UserMessage.from("Where is the station?"), AiMessage.from("On the right."));
        List<ChatMessage> second = List.of(first.get(0), first.get(1), UserMessage.from("And the museum?"));

        memory.updateMessages(id.toString(), first);
        memory.updateMessages(id.toString(), second);

        assertThat(memory.getMessages(id.toString())).isEqualTo(second); // before the writes land
        memory.flush();
        String stored = QuarkusTransaction.requiringNew().call(() -> conversations.findById(id).memory());
        assertThat(stored).contains("And the museum?");
        memory.deleteMessages(id.toString());
        memory.flush();
        assertThat(QuarkusTransaction.requiringNew().call(() -> conversations.findById(id).memory())).isNull();
        assertThat(memory.getMessages(id.toString())).isEmpty();
    }

    @Inject
    io.omnivox.agent.AgentConfig agent;

    /** Replicas sharing a database (the PostgreSQL profile is set up as one) read and write memory straight through. */
    @Test
    void should_see_another_replicas_memory_write_when_write_behind_is_off() {
        org.junit.jupiter.api.Assumptions.assumeFalse(agent.memoryWriteBehind(),
                "this profile keeps memory in process (one replica)");
        IssuedKey owner = newUser(Role.USER);
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            Conversation conversation = new Conversation(owner.user().id(), "Shared", Instant.now());
            conversations.persist(conversation);
            return conversation.id();
        });
        memory.updateMessages(id.toString(), List.of(UserMessage.from("Where is the station?")));
        assertThat(QuarkusTransaction.requiringNew().call(() -> conversations.findById(id).memory()))
                .as("written before the call returns").contains("Where is the station?");

        String elsewhere = dev.langchain4j.data.message.ChatMessageSerializer.messagesToJson(List.of(
                UserMessage.from("Where is the station?"), AiMessage.from("Answered on another replica.")));
        QuarkusTransaction.requiringNew().run(() -> conversations.update("memory = ?1 where id = ?2", elsewhere, id));

        assertThat(memory.getMessages(id.toString())).last().isEqualTo(AiMessage.from("Answered on another replica."));
    }

    @Test
    void should_keep_memories_of_unknown_ids_in_process_only() {
        String oneOff = "one-off-" + UUID.randomUUID();
        memory.updateMessages(oneOff, List.of(UserMessage.from("hello")));

        assertThat(memory.getMessages(oneOff)).hasSize(1);
        memory.deleteMessages(oneOff);
        assertThat(memory.getMessages(oneOff)).isEmpty();
    }
}
