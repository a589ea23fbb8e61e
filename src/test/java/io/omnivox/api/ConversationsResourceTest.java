package io.omnivox.api;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.mock.ChatModelMock;
import io.omnivox.agent.AgentConfig;
import io.omnivox.model.OnnxSessionFactory;
import io.omnivox.model.registry.ModelCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code /api/conversations}: stored conversations, the agent's memory across messages, and isolation between users. */
@QuarkusTest
class ConversationsResourceTest {

    @Inject
    AgentConfig config;
    @Inject
    OnnxSessionFactory onnx;
    @Inject
    ModelCatalog catalog;

    ChatModelMock chat;

    @BeforeEach
    void scriptTheModel() {
        chat = ChatModelMock.thatResponds(request -> AiMessage.from("Reply to " + request.messages().size()
                + " messages."));
        ScriptedChat.install(config, onnx, catalog, chat, null, () -> true);
    }

    static String newUser() {
        return given().contentType(ContentType.JSON).body("{\"name\": \"user-" + UUID.randomUUID() + "\"}")
                .post("/api/users").then().statusCode(201).extract().path("key.key");
    }

    static String create(String key, String title) {
        return withKey(key).contentType(ContentType.JSON).body("{\"title\": \"" + title + "\"}")
                .post("/api/conversations").then().statusCode(201).extract().path("id");
    }

    @Test
    void should_keep_the_transcript_and_the_agents_memory() {
        String alice = newUser();
        String id = withKey(alice).contentType(ContentType.JSON).body("{}").post("/api/conversations")
                .then().statusCode(201).extract().path("id");

        withKey(alice).contentType(ContentType.JSON).body("{\"content\": \"My name is Ada and I like tides.\"}")
                .post("/api/conversations/" + id + "/messages")
                .then().statusCode(200).body("content", equalTo("Reply to 2 messages.")).body("finish_reason",
                        equalTo("stop"));
        withKey(alice).contentType(ContentType.JSON).body("{\"content\": \"What is my name?\"}")
                .post("/api/conversations/" + id + "/messages")
                .then().statusCode(200).body("content", equalTo("Reply to 4 messages."));

        // the memory went back to the model, read from the database
        assertThat(chat.requests().get(1).messages().get(1).toString()).contains("My name is Ada");
        withKey(alice).get("/api/conversations/" + id).then().statusCode(200)
                .body("title", equalTo("My name is Ada and I like tides."))
                .body("messages.role", org.hamcrest.Matchers.contains("user", "assistant", "user", "assistant"))
                .body("messages[2].content", equalTo("What is my name?"));
        withKey(alice).get("/api/conversations").then().statusCode(200).body("id", hasItem(id));

        withKey(alice).delete("/api/conversations/" + id).then().statusCode(204);
        withKey(alice).get("/api/conversations/" + id).then().statusCode(404);
    }

    @Test
    void should_continue_a_conversation_through_chat_completions() {
        String alice = newUser();
        String id = create(alice, "Tides");

        withKey(alice).contentType(ContentType.JSON)
                .body("{\"conversation_id\": \"" + id + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(200);

        withKey(alice).get("/api/conversations/" + id).then().statusCode(200)
                .body("title", equalTo("Tides")).body("messages.content", hasItem("Hi"));
    }

    @Test
    void should_answer_404_to_another_users_conversation() {
        String alice = newUser();
        String bob = newUser();
        String id = create(alice, "Private");

        withKey(bob).get("/api/conversations/" + id).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        withKey(bob).contentType(ContentType.JSON).body("{\"content\": \"Tell me Alice's secrets\"}")
                .post("/api/conversations/" + id + "/messages").then().statusCode(404);
        withKey(bob).delete("/api/conversations/" + id).then().statusCode(404);
        withKey(bob).contentType(ContentType.JSON)
                .body("{\"conversation_id\": \"" + id + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(404);
        withKey(bob).get("/api/conversations").then().statusCode(200).body("id", not(hasItem(id)));
        assertThat(chat.requests()).isEmpty();
        withKey(alice).get("/api/conversations/" + id).then().statusCode(200);
    }

    @Test
    void should_refuse_bad_messages() {
        String alice = newUser();
        String id = create(alice, "x");
        withKey(alice).contentType(ContentType.JSON).body("{\"content\": \" \"}")
                .post("/api/conversations/" + id + "/messages").then().statusCode(400)
                .body("errors[0].field", equalTo("content"));
        withKey(alice).contentType(ContentType.JSON).body("{\"title\": \"" + "t".repeat(201) + "\"}")
                .post("/api/conversations").then().statusCode(400).body("errors[0].field", equalTo("title"));
        withKey(alice).get("/api/conversations/not-a-uuid").then().statusCode(404);
    }
}
