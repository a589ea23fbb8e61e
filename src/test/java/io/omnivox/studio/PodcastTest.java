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
        // turns change speaker within sections, and one section break
        double spoken = (segments.stream().mapToLong(s -> ((Number) s.get("duration_ms")).longValue()).sum()
                + 4 * Turns.SPEAKER_CHANGE_MS + Turns.SECTION_BREAK_MS) / 1000.0;
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

    /** A mono 16-bit WAV of a tone, {@code seconds} long: music to upload. */
    static byte[] tone(double seconds) {
        int rate = 22_050;
        float[] samples = new float[(int) (seconds * rate)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / rate));
        }
        return io.omnivox.audio.WavCodec.encode(new io.omnivox.audio.AudioClip(samples, rate), 16);
    }

    /** Cue start and end times of an SRT, in milliseconds. */
    private static List<long[]> cues(String srt) {
        java.util.regex.Matcher cue = java.util.regex.Pattern.compile(
                "(\\d\\d):(\\d\\d):(\\d\\d),(\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d),(\\d{3})").matcher(srt);
        List<long[]> cues = new java.util.ArrayList<>();
        while (cue.find()) {
            long[] times = new long[2];
            for (int t = 0; t < 2; t++) {
                times[t] = Long.parseLong(cue.group(4 * t + 1)) * 3_600_000 + Long.parseLong(cue.group(4 * t + 2))
                        * 60_000 + Long.parseLong(cue.group(4 * t + 3)) * 1000 + Long.parseLong(cue.group(4 * t + 4));
            }
            cues.add(times);
        }
        return cues;
    }

    @Test
    void should_talk_about_an_uploaded_pdf_with_intro_and_outro_music_and_a_reaction_said_over_a_line()
            throws Exception {
        scripted.install(ChatModelMock.thatResponds(request -> {
            String prompt = ((UserMessage) request.messages().get(0)).singleText();
            if (prompt.contains("section titles")) {
                return AiMessage.from("The tides\nThe ferry");
            }
            return AiMessage.from("Ada: Do you know when the tides peak?\n"
                    + "Ben: [excited] Forty minutes after noon, at the harbour mouth.\n"
                    + "Ada: Right.\n"
                    + "Ben: Let us read the source together.");
        }), new StreamingChatModelMock(List.of(AiMessage.from("unused"))));
        TestUser host = newUser();
        List<String> voices = twoVoices(host);
        Map<String, Object> body = new java.util.HashMap<>(podcast(voices));
        body.put("text", "");
        byte[] pdf = io.omnivox.testkit.KnowledgeFixtures.textPdf(
                "Spring tides peak forty minutes after noon at the harbour mouth.",
                "The ferry leaves at dawn and returns before the evening tide.");

        String job = withKey(host.key()).multiPart("request", JSON.writeValueAsString(body), "application/json")
                .multiPart("source", "harbour-guide.pdf", pdf, "application/pdf")
                .multiPart("intro", "intro.wav", tone(10), "audio/wav")
                .multiPart("outro", "outro.wav", tone(3), "audio/wav")
                .post("/api/podcasts").then().statusCode(202).extract().path("id");
        JsonPath done = AudiobookTest.awaitEnded(host, job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        List<Map<String, Object>> segments = withKey(host.key()).get("/api/jobs/" + job + "/segments").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(segments).hasSize(8);
        long lines = segments.stream().mapToLong(s -> ((Number) s.get("duration_ms")).longValue()).sum();
        // per section: a question answered, a reaction over the answer's end, a change of speaker; one section
        // break; the intro plays alone until its last two seconds, the outro after a short gap
        long lead = PodcastRunner.MUSIC_MAX_MS - PodcastRunner.INTRO_UNDER_MS;
        long pauses = 2 * (Turns.ANSWER_MS + Turns.SPEAKER_CHANGE_MS) + Turns.SECTION_BREAK_MS;
        long overlap = 2 * Turns.OVERLAP_MS;
        long expected = lead + lines + pauses - overlap + PodcastRunner.OUTRO_GAP_MS + 3_000;
        JsonNode probed = probe(withKey(host.key()).get("/api/jobs/" + job + "/artifacts/podcast.mp3").then()
                .statusCode(200).extract().asByteArray());
        assertThat(probed.path("format").path("duration").asDouble()).isCloseTo(expected / 1000.0,
                org.assertj.core.data.Offset.offset(0.35));
        assertThat(probed.path("chapters")).hasSize(2);
        assertThat(probed.path("chapters").get(0).path("start_time").asDouble()).isZero(); // it covers the intro

        List<long[]> cues = cues(withKey(host.key()).get("/api/jobs/" + job + "/artifacts/transcript.srt").then()
                .statusCode(200).extract().asString());
        assertThat(cues).hasSize(8);
        assertThat(cues.get(0)[0]).isEqualTo(lead);
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i)[0]).as("cue %d starts after cue %d", i, i - 1).isGreaterThanOrEqualTo(
                    cues.get(i - 1)[0]);
        }
        assertThat(cues.get(2)[0]).as("the reaction starts before the answer ends").isEqualTo(cues.get(1)[1]
                - Turns.OVERLAP_MS);
        assertThat(probed.path("chapters").get(1).path("start_time").asDouble()).isCloseTo(cues.get(4)[0] / 1000.0,
                org.assertj.core.data.Offset.offset(0.01));
        String notes = withKey(host.key()).get("/api/jobs/" + job + "/artifacts/show-notes.md").then()
                .statusCode(200).extract().asString();
        assertThat(notes).contains(", page 1)").contains(", page 2)").contains("forty minutes after noon");
    }

    @Test
    void should_refuse_bad_uploads_before_a_job_exists() throws Exception {
        TestUser host = newUser();
        String request = JSON.writeValueAsString(Map.of("text", "", "speakers", podcast(twoVoices(host))
                .get("speakers")));
        byte[] note = "# Notes\n\nThe ferry leaves at dawn.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        withKey(host.key()).multiPart("request", request, "application/json")
                .multiPart("source", "blob.bin", new byte[] { 0, 1, 2, 3, (byte) 0xff, 0, 7, 9 },
                        "application/octet-stream")
                .post("/api/podcasts").then().statusCode(415);
        io.restassured.specification.RequestSpecification six = withKey(host.key()).multiPart("request", request,
                "application/json");
        for (int i = 0; i < 6; i++) {
            six.multiPart("source", "notes" + i + ".md", note, "text/markdown");
        }
        six.post("/api/podcasts").then().statusCode(400).body("errors[0].field", equalTo("source"));
        byte[] large = new byte[(int) 20_971_520 + 1];
        java.util.Arrays.fill(large, (byte) 'a');
        withKey(host.key()).multiPart("request", request, "application/json")
                .multiPart("source", "large.txt", large, "text/plain")
                .post("/api/podcasts").then().statusCode(413);
        withKey(host.key()).multiPart("request", request, "application/json")
                .multiPart("source", "broken.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog".getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII), "application/pdf")
                .post("/api/podcasts").then().statusCode(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.greaterThanOrEqualTo(400), org.hamcrest.Matchers.lessThan(500)));
        withKey(host.key()).multiPart("request", request, "application/json")
                .multiPart("source", "notes.md", note, "text/markdown")
                .multiPart("intro", "intro.mp3", note, "audio/mpeg")
                .post("/api/podcasts").then().statusCode(415);
        withKey(host.key()).multiPart("request", request, "application/json")
                .multiPart("source", "notes.md", note, "text/markdown")
                .multiPart("outro", "outro.wav", tone(61), "audio/wav")
                .post("/api/podcasts").then().statusCode(413);
        assertThat(withKey(host.key()).get("/api/jobs").then().statusCode(200).extract().jsonPath()
                .getList("$")).isEmpty();
    }

    @Test
    void should_wait_with_its_script_for_review_take_edits_without_rendering_then_render_once_approved()
            throws Exception {
        TestUser host = newUser();
        Map<String, Object> body = new java.util.HashMap<>(podcast(twoVoices(host)));
        body.put("review", true);
        String job = withKey(host.key()).contentType(ContentType.JSON).body(body).post("/api/podcasts").then()
                .statusCode(202).extract().path("id");
        JsonPath waiting = AudiobookTest.awaitState(host, job, "awaiting_review");
        assertThat(waiting.getInt("segments_done")).isZero();

        ObjectNode script = (ObjectNode) JSON.readTree(withKey(host.key()).get("/api/podcasts/" + job + "/script")
                .then().statusCode(200).extract().asString());
        ((ObjectNode) script.path("sections").get(0).path("lines").get(0)).put("text", "Reviewed words come first.");
        withKey(host.key()).contentType(ContentType.JSON).body(script.toString()).put("/api/podcasts/" + job
                + "/script").then().statusCode(200).body("state", equalTo("awaiting_review"));
        List<Map<String, Object>> pending = withKey(host.key()).get("/api/jobs/" + job + "/segments").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(pending).allSatisfy(segment -> assertThat(segment.get("state")).isEqualTo("pending"));

        withKey(host.key()).post("/api/jobs/" + job + "/approve").then().statusCode(200);
        assertThat(AudiobookTest.awaitEnded(host, job).getString("state")).isEqualTo("succeeded");
        String srt = withKey(host.key()).get("/api/jobs/" + job + "/artifacts/transcript.srt").then().statusCode(200)
                .extract().asString();
        assertThat(srt).contains("Reviewed words come first.");
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
