package io.omnivox.fuzz;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.omnivox.testkit.KnowledgeFixtures.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.mock.ChatModelMock;
import dev.langchain4j.model.chat.mock.StreamingChatModelMock;
import io.omnivox.testkit.DefaultApiKey;
import io.omnivox.testkit.KnowledgeFixtures.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The fuzz corpus ({@link FuzzCorpus}, {@link JsonFuzz}, {@link FrameFuzz}) thrown at every endpoint that takes a
 * file, a JSON body or a WebSocket frame: no answer may be a 5xx, every refusal is problem+json, and the server is
 * still live after each input.
 */
@QuarkusTest
class FuzzTest {

    /** The corpus must stay at least this large (issue #12). */
    static final int MIN_CORPUS = 200;

    @Inject
    io.omnivox.api.ScriptedChatAccess scripted;

    @TestHTTPResource("/ws/voice")
    URI socket;

    private final List<String> failures = new ArrayList<>();
    private int thrown;

    @BeforeEach
    void scriptedModel() {
        scripted.install(ChatModelMock.thatAlwaysResponds("Ada: Hello.\nBen: Hi."),
                new StreamingChatModelMock(List.of(AiMessage.from("Hello."))));
    }

    @Test
    void should_answer_every_malformed_input_without_a_server_error_and_stay_healthy() throws Exception {
        TestUser user = newUser();
        String voice = withKey(user.key()).get("/v1/voices").then().statusCode(200).extract().path("data[0].id");
        String base = withKey(user.key()).contentType("application/json").body("{\"name\": \"fuzz\"}")
                .post("/api/knowledge-bases").then().statusCode(201).extract().path("id");

        for (FuzzCorpus.Sample sample : FuzzCorpus.audio()) {
            send(sample, "/v1/audio/transcriptions", multipart(user, sample).multiPart("model", "whisper-1"));
            send(sample, "/v1/voices", multipart(user, sample).multiPart("name", "fuzz").multiPart("consent", "true")
                    .multiPart("transcript", "a tone"));
        }
        for (FuzzCorpus.Sample sample : FuzzCorpus.images()) {
            send(sample, "/v1/ocr", multipart(user, sample));
        }
        for (FuzzCorpus.Sample sample : FuzzCorpus.documents()) {
            send(sample, "/v1/documents/parse", multipart(user, sample));
            send(sample, "/api/knowledge-bases/" + base + "/documents", multipart(user, sample));
            if (sample.name().contains("epub") || sample.name().contains("docx")) {
                Response created = send(sample, "/api/audiobooks", multipart(user, sample).multiPart("narrator", voice));
                cancelIfCreated(user, created);
            }
        }
        for (JsonFuzz.Case json : JsonFuzz.cases(voice)) {
            String key = json.admin() ? DefaultApiKey.TEST_ADMIN_KEY : user.key();
            Response answered = sendJson(json, withKey(key));
            cancelIfCreated(user, answered);
        }
        FrameFuzz.Result frames = FrameFuzz.run(socket, user.key(), this::live);
        thrown += frames.frames();
        failures.addAll(frames.failures());

        assertThat(thrown).as("fuzz corpus size").isGreaterThanOrEqualTo(MIN_CORPUS);
        assertThat(failures).as("inputs answered with a server error, a non-problem refusal or a dead server")
                .isEmpty();
    }

    private RequestSpecification multipart(TestUser user, FuzzCorpus.Sample sample) {
        return withKey(user.key()).multiPart("file", sample.name(), sample.bytes(), "application/octet-stream");
    }

    private Response send(FuzzCorpus.Sample sample, String path, RequestSpecification request) {
        thrown++;
        Response response;
        try {
            response = request.post(path);
        } catch (RuntimeException e) {
            failures.add(sample + " → " + path + ": no answer (" + e + ")");
            return null;
        }
        check(sample + " → " + path, response);
        return response;
    }

    private Response sendJson(JsonFuzz.Case json, RequestSpecification request) {
        thrown++;
        Response response;
        try {
            response = request.contentType("application/json").body(json.body())
                    .request(json.method(), json.path());
        } catch (RuntimeException e) {
            failures.add(json + ": no answer (" + e + ")");
            return null;
        }
        check(json.toString(), response);
        return response;
    }

    private void check(String what, Response response) {
        int status = response.statusCode();
        if (status >= 500) {
            failures.add(what + " → " + status + ": " + abbreviate(response.asString()));
        } else if (status >= 400 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            failures.add(what + " → " + status + " as " + response.contentType() + ", not problem+json");
        }
        if (!live()) {
            failures.add(what + " → the server is not live afterwards");
        }
    }

    /** Whether the server still answers its liveness check. */
    boolean live() {
        try {
            return given().get("/q/health/live").statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A job a well-formed enough input started is cancelled: the corpus is about refusals, not rendering. */
    private static void cancelIfCreated(TestUser user, Response response) {
        if (response != null && response.statusCode() == 202 && response.contentType().contains("json")) {
            String id = response.jsonPath().getString("id");
            String kind = response.jsonPath().getString("kind");
            if (id != null && kind != null) {
                withKey(user.key()).post("/api/jobs/" + id + "/cancel");
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
