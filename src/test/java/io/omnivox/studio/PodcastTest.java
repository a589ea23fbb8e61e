package io.omnivox.studio;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.omnivox.testkit.KnowledgeFixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.mock.ChatModelMock;
import dev.langchain4j.model.chat.mock.StreamingChatModelMock;
import io.omnivox.api.ScriptedChatAccess;
import io.omnivox.testkit.KnowledgeFixtures.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * {@code /api/podcasts} with LangChain4j's scripted chat model writing the outline and the dialogue, and espeak-ng
 * speaking it: an MP3 whose chapters, length and transcript match the script; editing a line speaks only that line
 * again; bad requests refused.
 */
@QuarkusTest
class PodcastTest {

    @Inject
    io.omnivox.api.ScriptedChatAccess scripted;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = """
            Spring tides peak forty minutes after noon at the harbour mouth.

            The ferry leaves at dawn and returns before the evening tide.""";


    @BeforeEach
    void scriptedWriter() {
        scripted.install(ChatModelMock.thatResponds(request -> {
            String prompt = ((UserMessage) request.messages().get(0)).singleText();
            if (prompt.contains("section titles")) {
                return AiMessage.from("1. The tides\n2. **The ferry**\n3. An extra title that is not used");
            }
            String topic = prompt.contains("\"The tides\"") ? "tides" : "ferry";
            return AiMessage.from("Ada: [happy] Welcome back, today we talk about the " + topic + ".\n"
                    + "(music plays)\nNarrator: This line is not by a host.\n"
                    + "**Ben:** [excited] The " + topic + " are what everyone asks about.\n"
                    + "Ada: Let us read the source together.");
        }), new StreamingChatModelMock(List.of(AiMessage.from("unused"))));
    }

    private static List<String> twoVoices(TestUser user) {
        List<String> voices = withKey(user.key()).get("/v1/voices").then().statusCode(200).extract().jsonPath()
                .getList("data.id", String.class);
        assertThat(voices).hasSizeGreaterThanOrEqualTo(2);
        return voices.subList(0, 2);
    }

    private static Map<String, Object> podcast(List<String> voices) {
        return Map.of("title", "Harbour Talk", "text", SOURCE, "minutes", 6, "speakers", List.of(
                Map.of("name", "Ada", "voice", voices.get(0), "persona", "the curious host"),
                Map.of("name", "Ben", "voice", voices.get(1))));
    }

    private static JsonNode probe(byte[] mp3) throws Exception {
        Path file = Files.createTempFile("omnivox-podcast", ".mp3");
        try {
            Files.write(file, mp3);
            Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_chapters", "-show_format", "-of",
                    "json", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            JsonNode probed = JSON.readTree(probe.getInputStream().readAllBytes());
            assertThat(probe.waitFor()).isZero();
            return probed;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void should_write_speak_and_assemble_an_episode_then_speak_an_edited_line_again() throws Exception {
        TestUser host = newUser();
        List<String> voices = twoVoices(host);
        String job = withKey(host.key()).contentType(ContentType.JSON).body(podcast(voices)).post("/api/podcasts")
                .then().statusCode(202).body("kind", equalTo("podcast")).extract().path("id");

        JsonPath done = AudiobookTest.awaitEnded(host, job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(done.getList("artifacts.name", String.class)).containsExactly("podcast.mp3", "podcast.m4a",
                "transcript.srt", "transcript.vtt", "show-notes.md", "script.json");
        JsonNode script = JSON.readTree(withKey(host.key()).get("/api/podcasts/" + job + "/script").then()
                .statusCode(200).extract().asString());
        assertThat(script.path("sections")).hasSize(2);
        assertThat(script.path("sections").get(1).path("title").asText()).isEqualTo("The ferry");
        assertThat(script.path("sections").get(0).path("lines")).hasSize(3); // the narrator and stage direction dropped
        assertThat(script.path("sections").get(0).path("lines").get(1).path("emotion").asText()).isEqualTo("excited");

        byte[] mp3 = withKey(host.key()).get("/api/jobs/" + job + "/artifacts/podcast.mp3").then().statusCode(200)
                .contentType("audio/mpeg").extract().asByteArray();
        JsonNode probed = probe(mp3);
        assertThat(probed.path("chapters")).hasSize(2);
        assertThat(probed.path("chapters").get(0).path("tags").path("title").asText()).isEqualTo("The tides");
        assertThat(probed.path("chapters").get(1).path("tags").path("title").asText()).isEqualTo("The ferry");
        List<Map<String, Object>> segments = withKey(host.key()).get("/api/jobs/" + job + "/segments").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(segments).hasSize(6);
        double spoken = segments.stream().mapToLong(s -> ((Number) s.get("duration_ms")).longValue()).sum() / 1000.0
                + 5 * PodcastRunner.PAUSE_MS / 1000.0;
        assertThat(probed.path("format").path("duration").asDouble()).isCloseTo(spoken,
                org.assertj.core.data.Offset.offset(1.0));
        String srt = withKey(host.key()).get("/api/jobs/" + job + "/artifacts/transcript.srt").then().statusCode(200)
                .extract().asString();
        assertThat(srt.split("\n\n")).hasSize(6);
        assertThat(srt).startsWith("1\n00:00:00,000 --> ").contains("Ada: Welcome back, today we talk about the tides.");
        String notes = withKey(host.key()).get("/api/jobs/" + job + "/artifacts/show-notes.md").then()
                .statusCode(200).extract().asString();
        assertThat(notes).contains("# Harbour Talk").contains("Ada (the curious host) and Ben").contains("The ferry")
                .contains("> Spring tides peak forty minutes after noon");

        // edit one line: only that one is spoken again
        ObjectNode edited = (ObjectNode) script.deepCopy();
        ((ObjectNode) edited.path("sections").get(1).path("lines").get(2)).put("text", "And now, the weather.");
        withKey(host.key()).contentType(ContentType.JSON).body(edited.toString()).put("/api/podcasts/" + job
                + "/script").then().statusCode(202);
        assertThat(AudiobookTest.awaitEnded(host, job).getString("state")).isEqualTo("succeeded");
        List<Integer> attempts = withKey(host.key()).get("/api/jobs/" + job + "/segments").then().statusCode(200)
                .extract().jsonPath().getList("attempts", Integer.class);
        assertThat(attempts).containsExactly(1, 1, 1, 1, 1, 2);
        assertThat(withKey(host.key()).get("/api/jobs/" + job + "/artifacts/transcript.vtt").then().statusCode(200)
                .extract().asString()).startsWith("WEBVTT").contains("<v Ada>And now, the weather.");

        // an edit by a stranger to the podcast, or with a missing line, is refused
        ((ObjectNode) edited.path("sections").get(0).path("lines").get(0)).put("speaker", "Mallory");
        withKey(host.key()).contentType(ContentType.JSON).body(edited.toString()).put("/api/podcasts/" + job
                + "/script").then().statusCode(422).body("errors[0].field", equalTo("sections[0].lines[0].speaker"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) script.path("sections").get(0).path("lines")).remove(0);
        withKey(host.key()).contentType(ContentType.JSON).body(script.toString()).put("/api/podcasts/" + job
                + "/script").then().statusCode(422);
        withKey(newUser().key()).get("/api/podcasts/" + job + "/script").then().statusCode(404);
    }

    @Test
    void should_refuse_a_podcast_without_hosts_or_with_an_unknown_voice() {
        TestUser host = newUser();
        List<String> voices = twoVoices(host);
        withKey(host.key()).contentType(ContentType.JSON).body(Map.of("text", SOURCE, "speakers", List.of(
                Map.of("name", "Ada", "voice", voices.get(0))))).post("/api/podcasts").then().statusCode(400)
                .body("errors[0].field", equalTo("speakers"));
        withKey(host.key()).contentType(ContentType.JSON).body(Map.of("text", SOURCE, "speakers", List.of(
                Map.of("name", "Ada", "voice", voices.get(0)), Map.of("name", "Ben", "voice", "nobody"))))
                .post("/api/podcasts").then().statusCode(422).body("errors[0].field", equalTo("speakers[1].voice"));
        withKey(host.key()).contentType(ContentType.JSON).body(Map.of("text", " ", "speakers", List.of()))
                .post("/api/podcasts").then().statusCode(400).body("errors[0].field", equalTo("text"));
        withKey(host.key()).contentType(ContentType.JSON).body(Map.of("text", SOURCE, "minutes", 500, "speakers",
                List.of(Map.of("name", "Ada", "voice", voices.get(0)), Map.of("name", "Ben", "voice",
                        voices.get(1))))).post("/api/podcasts").then().statusCode(400)
                .body("errors[0].field", equalTo("minutes"));
    }

    @Test
    void should_talk_about_a_knowledge_base_and_refuse_someone_elses() throws Exception {
        TestUser host = newUser();
        List<String> voices = twoVoices(host);
        String kb = io.omnivox.testkit.KnowledgeFixtures.createKnowledgeBase(host.key(), "Harbour");
        String doc = io.omnivox.testkit.KnowledgeFixtures.upload(host.key(), kb, "ferry.md",
                "# Ferry notes\n\nThe ferry to the island carries twelve cars and one bicycle rack.\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        io.omnivox.testkit.KnowledgeFixtures.awaitIngested(host.key(), kb, doc);
        Map<String, Object> body = new java.util.HashMap<>(podcast(voices));
        body.remove("text");
        body.put("knowledge_base", kb);
        body.put("minutes", 3);

        String job = withKey(host.key()).contentType(ContentType.JSON).body(body).post("/api/podcasts").then()
                .statusCode(202).extract().path("id");
        JsonPath done = AudiobookTest.awaitEnded(host, job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(withKey(host.key()).get("/api/jobs/" + job + "/artifacts/show-notes.md").then().statusCode(200)
                .extract().asString()).contains("twelve cars");
        withKey(newUser().key()).contentType(ContentType.JSON).body(Map.of("knowledge_base", kb, "speakers",
                body.get("speakers"))).post("/api/podcasts").then().statusCode(404);
        body.put("text", SOURCE);
        withKey(host.key()).contentType(ContentType.JSON).body(body).post("/api/podcasts").then().statusCode(400)
                .body("errors[0].field", equalTo("knowledge_base"));
    }
}
