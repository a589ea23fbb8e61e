package io.omnivox.api;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.omnivox.testkit.KnowledgeFixtures.createKnowledgeBase;
import static io.omnivox.testkit.KnowledgeFixtures.newUser;
import static io.omnivox.testkit.KnowledgeFixtures.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.mock.ChatModelMock;
import dev.langchain4j.model.chat.mock.StreamingChatModelMock;
import io.omnivox.testkit.JobWaits;
import io.omnivox.testkit.KnowledgeFixtures.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Per-user isolation, walked from the OpenAPI document: one user owns one of everything (a conversation, a knowledge
 * base and its document, an audiobook and a podcast job, an API key, a cloned voice), and a second user calls every
 * route that names a resource, with every method, with the first user's ids. Each must be refused with 404 (or 403)
 * — or, where the request's body is refused before any resource is looked at, exactly as it is for an id nobody has
 * (so the answer says nothing about the other user's) — and the first user's things must all still be there. A new route with a path parameter fails this test until the
 * walk knows which resource it names.
 */
@QuarkusTest
class IsolationWalkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Path SPEECH = Path.of(
            "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav");
    /** Routes whose parameters name public things (the model catalogue), not a user's. */
    private static final Set<String> PUBLIC = Set.of("/v1/models/{id}");

    @Inject
    ScriptedChatAccess scripted;

    @Test
    void should_refuse_every_route_that_names_another_users_resource() throws Exception {
        scripted.install(ChatModelMock.thatResponds(request -> {
            String prompt = ((UserMessage) request.messages().get(0)).singleText();
            return AiMessage.from(prompt.contains("section titles") ? "1. The harbour"
                    : "Ada: The harbour keeps its own clock.\nBen: It does.");
        }), new StreamingChatModelMock(List.of(AiMessage.from("Hello."))));
        TestUser owner = newUser();
        TestUser intruder = newUser();
        Map<String, String> ids = ownOneOfEverything(owner);

        JsonNode openApi = JSON.readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract()
                .asString());
        List<String> leaks = new ArrayList<>();
        int walked = 0;
        for (var path = openApi.path("paths").fields(); path.hasNext();) {
            var route = path.next();
            if (!route.getKey().contains("{") || PUBLIC.contains(route.getKey())) {
                continue;
            }
            String concrete = substitute(route.getKey(), ids);
            for (var operation = route.getValue().fieldNames(); operation.hasNext();) {
                String method = operation.next().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                walked++;
                JsonNode operationSpec = route.getValue().path(method.toLowerCase());
                Response answer = call(intruder, method, concrete, operationSpec);
                if (answer.statusCode() != 404 && answer.statusCode() != 403
                        && !refusedWhateverTheId(intruder, method, route.getKey(), ids, operationSpec, answer)) {
                    leaks.add(method + " " + concrete + " (" + route.getKey() + ") → " + answer.statusCode() + " "
                            + abbreviate(answer.asString()));
                }
            }
        }

        assertThat(walked).as("routes walked").isGreaterThanOrEqualTo(20);
        assertThat(leaks).as("routes that did not refuse another user's resource").isEmpty();
        stillThere(owner, ids);
    }

    /** The request as a client would send it: multipart for upload routes, else a JSON object. */
    private static Response call(TestUser user, String method, String path, JsonNode operation) {
        boolean multipart = operation.path("requestBody").path("content").has("multipart/form-data");
        var request = withKey(user.key());
        request = multipart ? request.multiPart("file", "x.txt", "x".getBytes(StandardCharsets.UTF_8), "text/plain")
                : request.contentType(ContentType.JSON).body("{}");
        return request.request(method, path);
    }

    /**
     * Whether the answer is a refusal of the request itself (its body), the same as for an id nobody has: it tells
     * the caller nothing about the other user's resource.
     */
    private static boolean refusedWhateverTheId(TestUser intruder, String method, String template,
            Map<String, String> ids, JsonNode operation, Response answer) {
        if (answer.statusCode() < 400 || answer.statusCode() >= 500) {
            return false;
        }
        Map<String, String> nobodys = new LinkedHashMap<>();
        ids.forEach((resource, id) -> nobodys.put(resource, resource.equals("voice") ? "voice-000000000000"
                : java.util.UUID.randomUUID().toString()));
        return call(intruder, method, substitute(template, nobodys), operation).statusCode() == answer.statusCode();
    }

    /** One of each thing a user owns; ids by the resource they name. */
    private Map<String, String> ownOneOfEverything(TestUser owner) throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("conversation", withKey(owner.key()).contentType(ContentType.JSON).body("{\"title\": \"mine\"}")
                .post("/api/conversations").then().statusCode(201).extract().path("id"));
        String base = createKnowledgeBase(owner.key(), "mine");
        ids.put("knowledge-base", base);
        ids.put("document", upload(owner.key(), base, "notes.txt", "The harbour keeps its own clock."
                .getBytes(StandardCharsets.UTF_8)));
        ids.put("audiobook", withKey(owner.key()).multiPart("file", "book.md", "# One\n\nThe harbour keeps its own"
                .getBytes(StandardCharsets.UTF_8), "text/markdown").multiPart("review", "true")
                .post("/api/audiobooks").then().statusCode(202).extract().path("id"));
        List<String> voices = withKey(owner.key()).get("/v1/voices").then().extract().jsonPath().getList("data.id");
        ids.put("podcast", withKey(owner.key()).contentType(ContentType.JSON).body(Map.of("text", "The harbour"
                + " keeps its own clock.", "minutes", 1, "review", true, "speakers", List.of(Map.of("name", "Ada",
                        "voice", voices.get(0)), Map.of("name", "Ben", "voice", voices.get(1)))))
                .post("/api/podcasts").then().statusCode(202).extract().path("id"));
        ids.put("key", withKey(owner.key()).contentType(ContentType.JSON).body("{\"label\": \"mine\"}")
                .post("/api/keys").then().statusCode(201).extract().path("id"));
        ids.put("voice", Files.isRegularFile(SPEECH) ? withKey(owner.key()).multiPart("file", "me.wav",
                Files.readAllBytes(SPEECH), "audio/wav").multiPart("consent", "true").multiPart("transcript",
                        "a few words").post("/v1/voices").then().statusCode(201).extract().path("id")
                : "voice-000000000000");
        awaitState(owner, ids.get("audiobook"));
        awaitState(owner, ids.get("podcast"));
        return ids;
    }

    /** The route with each parameter replaced by the owner's id of the thing it names. */
    private static String substitute(String template, Map<String, String> ids) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String before = template.substring(0, matcher.start());
            matcher.appendReplacement(out, Matcher.quoteReplacement(idFor(before, matcher.group(1), ids)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String idFor(String before, String parameter, Map<String, String> ids) {
        String resource = switch (parameter) {
            case "documentId" -> "document";
            case "name" -> "artifact";
            case "position" -> "position";
            default -> before.endsWith("/api/conversations/") ? "conversation"
                    : before.endsWith("/api/knowledge-bases/") ? "knowledge-base"
                    : before.endsWith("/api/jobs/") ? "audiobook"
                    : before.endsWith("/api/audiobooks/") ? "audiobook"
                    : before.endsWith("/api/podcasts/") ? "podcast"
                    : before.endsWith("/api/keys/") ? "key"
                    : before.endsWith("/v1/voices/") ? "voice" : null;
        };
        if (resource == null) {
            throw new AssertionError("The isolation walk does not know what '{" + parameter + "}' in " + before
                    + "… names; teach it (or list the route as public).");
        }
        return switch (resource) {
            case "artifact" -> "report.json";
            case "position" -> "0";
            default -> ids.get(resource);
        };
    }

    private static void awaitState(TestUser owner, String job) {
        JobWaits.awaitState(owner.key(), job, "awaiting_review");
    }

    private static void stillThere(TestUser owner, Map<String, String> ids) {
        withKey(owner.key()).get("/api/conversations/" + ids.get("conversation")).then().statusCode(200);
        withKey(owner.key()).get("/api/knowledge-bases/" + ids.get("knowledge-base") + "/documents/"
                + ids.get("document")).then().statusCode(200);
        assertThat(withKey(owner.key()).get("/api/jobs/" + ids.get("audiobook")).then().statusCode(200).extract()
                .<String>path("state")).isEqualTo("awaiting_review");
        assertThat(withKey(owner.key()).get("/api/jobs/" + ids.get("podcast")).then().statusCode(200).extract()
                .<String>path("state")).isEqualTo("awaiting_review");
        assertThat(withKey(owner.key()).get("/api/keys").then().statusCode(200).extract().jsonPath()
                .getList("data.id")).contains(ids.get("key"));
        if (Files.isRegularFile(SPEECH)) {
            withKey(owner.key()).get("/v1/voices/" + ids.get("voice")).then().statusCode(200);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
