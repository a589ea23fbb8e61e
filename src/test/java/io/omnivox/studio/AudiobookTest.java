package io.omnivox.studio;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.omnivox.testkit.KnowledgeFixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.omnivox.document.TestDocuments;
import io.omnivox.testkit.KnowledgeFixtures.TestUser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code POST /api/audiobooks} end to end with the espeak-ng engine: an EPUB the test builds becomes an M4B whose
 * chapters (read back with ffprobe) are the book's, one MP3 per chapter, and a report; bad uploads are refused; the
 * cast reviewed and changed before rendering; quotes attributed by a scripted chat model, or by the heuristics when its
 * answer is unusable.
 */
@QuarkusTest
class AudiobookTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    io.omnivox.tts.TtsConfig ttsConfig;
    @jakarta.inject.Inject
    io.omnivox.model.registry.ModelCatalog catalog;
    @jakarta.inject.Inject
    io.omnivox.model.OnnxSessionFactory onnx;
    @jakarta.inject.Inject
    io.omnivox.api.ScriptedChatAccess scripted;

    static JsonPath awaitEnded(TestUser user, String job) {
        return io.omnivox.testkit.JobWaits.awaitEnded(user.key(), job);
    }

    static JsonPath awaitState(TestUser user, String job, String state) {
        return io.omnivox.testkit.JobWaits.awaitState(user.key(), job, state);
    }

    private static JsonNode ffprobe(Path file) throws Exception {
        Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_chapters", "-show_format", "-of", "json",
                file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = probe.getInputStream().readAllBytes();
        assertThat(probe.waitFor()).isZero();
        return JSON.readTree(out);
    }

    @Test
    void should_read_an_epub_aloud_into_an_m4b_with_its_chapters() throws Exception {
        assumeThat(Path.of("/usr/bin/ffprobe")).as("needs Debian's ffmpeg").isExecutable();
        TestUser reader = newUser();
        String job = withKey(reader.key()).multiPart("file", "book.epub", TestDocuments.epub(),
                "application/epub+zip").multiPart("author", "A. Writer").post("/api/audiobooks").then()
                .statusCode(202).extract().path("id");

        JsonPath done = awaitEnded(reader, job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(done.getList("artifacts.name", String.class)).containsExactly("book.m4b", "chapter-01.mp3",
                "chapter-02.mp3", "report.json");
        Path m4b = Files.createTempFile("omnivox-book", ".m4b");
        try {
            Files.write(m4b, withKey(reader.key()).get("/api/jobs/" + job + "/artifacts/book.m4b").then()
                    .statusCode(200).contentType("audio/mp4").extract().asByteArray());
            JsonNode probed = ffprobe(m4b);
            assertThat(probed.path("chapters")).hasSize(2);
            assertThat(probed.path("chapters").get(0).path("tags").path("title").asText()).isEqualTo("Chapter One");
            assertThat(probed.path("chapters").get(1).path("tags").path("title").asText()).isEqualTo("Chapter Two");
            assertThat(probed.path("format").path("tags").path("title").asText()).isEqualTo("The Test Book");
            assertThat(probed.path("format").path("tags").path("artist").asText()).isEqualTo("A. Writer");
            double seconds = probed.path("format").path("duration").asDouble();
            double secondChapterStart = probed.path("chapters").get(1).path("start_time").asDouble();
            assertThat(secondChapterStart).isGreaterThan(1.0).isLessThan(seconds);
        } finally {
            Files.deleteIfExists(m4b);
        }
        String report = withKey(reader.key()).get("/api/jobs/" + job + "/artifacts/report.json").then()
                .statusCode(200).extract().asString();
        JsonNode marks = JSON.readTree(report).path("chapters");
        assertThat(marks).hasSize(2);
        assertThat(marks.get(1).path("title").asText()).isEqualTo("Chapter Two");
        assertThat(marks.get(1).path("start_ms").asLong()).isEqualTo(marks.get(0).path("end_ms").asLong()).isPositive();
        assertThat(marks.get(1).path("file").asText()).isEqualTo("chapter-02.mp3");
        withKey(reader.key()).get("/api/jobs/" + job + "/segments").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo("done")));
    }

    @Test
    void should_refuse_what_is_not_a_book_and_an_unknown_narrator() throws Exception {
        TestUser reader = newUser();
        withKey(reader.key()).multiPart("file", "empty.txt", new byte[0]).post("/api/audiobooks").then()
                .statusCode(400).contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        withKey(reader.key()).multiPart("file", "cover.png", png).post("/api/audiobooks").then().statusCode(415)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
        withKey(reader.key()).multiPart("file", "book.epub", TestDocuments.epub()).multiPart("narrator", "nobody")
                .post("/api/audiobooks").then().statusCode(422).body("errors[0].field", org.hamcrest.Matchers
                        .equalTo("narrator"));
        withKey(reader.key()).get("/api/jobs").then().statusCode(200).body("id", org.hamcrest.Matchers.empty());
    }

    @Test
    void should_fail_a_zip_bomb_book_with_a_clear_error_and_serve_nothing() throws Exception {
        TestUser reader = newUser();
        String job = withKey(reader.key()).multiPart("file", "bomb.epub", TestDocuments.epubBomb()).post(
                "/api/audiobooks").then().statusCode(202).extract().path("id");

        JsonPath ended = awaitEnded(reader, job);

        assertThat(ended.getString("state")).isEqualTo("failed");
        assertThat(ended.getString("error")).containsIgnoringCase("unpack");
        assertThat(ended.getList("artifacts")).isEmpty();
    }

    @Test
    void should_synthesise_a_segment_again_when_it_does_not_fit_its_text_and_then_flag_it() throws Exception {
        // the engine, forced to say a word where a whole sentence was asked for in one chapter
        io.quarkus.test.junit.QuarkusMock.installMockForType(new io.omnivox.tts.TtsEngines(ttsConfig, catalog, onnx) {
            @Override
            public java.util.Optional<io.omnivox.tts.SpeechSynthesizer> current() {
                return super.current().map(real -> new io.omnivox.tts.SpeechSynthesizer() {
                    @Override
                    public String engine() {
                        return real.engine();
                    }

                    @Override
                    public int sampleRate() {
                        return real.sampleRate();
                    }

                    @Override
                    public List<io.omnivox.tts.VoiceInfo> voices() {
                        return real.voices();
                    }

                    @Override
                    public void synthesize(io.omnivox.tts.SynthesisRequest request, io.omnivox.tts.ChunkSink sink) {
                        real.synthesize(request.text().contains("third bell") ? new io.omnivox.tts.SynthesisRequest(
                                "Yes.", request.voice(), request.style()) : request, sink);
                    }
                });
            }
        }, io.omnivox.tts.TtsEngines.class);
        TestUser reader = newUser();
        byte[] book = ("# Morning\n\nThe first boat leaves the harbour while the town is still asleep.\n\n"
                + "# Noon\n\nThen the third bell rang across the whole harbour for a very long time indeed.\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String job = withKey(reader.key()).multiPart("file", "bells.md", book).post("/api/audiobooks").then()
                .statusCode(202).extract().path("id");

        JsonPath done = awaitEnded(reader, job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        assertThat(done.getInt("segments_flagged")).isEqualTo(1);
        JsonPath segments = withKey(reader.key()).get("/api/jobs/" + job + "/segments").then().statusCode(200)
                .extract().jsonPath();
        assertThat(segments.getList("state", String.class)).containsExactly("done", "flagged");
        assertThat(segments.getList("attempts", Integer.class)).containsExactly(1, 2);
        assertThat(segments.getString("[1].report")).contains("too short for its text");
        assertThat(segments.getString("[0].report")).contains("\"problems\": []");
    }

    @Test
    void should_read_a_book_without_headings_as_one_chapter_with_a_warning_and_a_sloppy_epub_as_it_is() throws Exception {
        TestUser reader = newUser();
        String plain = withKey(reader.key()).multiPart("file", "notes.txt", ("The tide came in early. The boats"
                + " waited at the quay.").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/audiobooks")
                .then().statusCode(202).extract().path("id");
        byte[] sloppy = TestDocuments.epub(java.util.Map.of("OEBPS/Text/a.xhtml", ("<html><body><h1>Unclosed"
                + "<p>The lamp was lit at dusk<p>and the gulls <b>went quiet.</body>").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), "OEBPS/Text/b.xhtml", TestDocuments.xhtml(
                                "<h1>Second</h1><p>Morning came.</p>")), "Text/a.xhtml", "Text/b.xhtml");
        String epub = withKey(reader.key()).multiPart("file", "sloppy.epub", sloppy).post("/api/audiobooks").then()
                .statusCode(202).extract().path("id");

        JsonPath plainDone = awaitEnded(reader, plain);
        JsonPath epubDone = awaitEnded(reader, epub);

        assertThat(plainDone.getString("state")).as(plainDone.prettify()).isEqualTo("succeeded");
        JsonNode report = JSON.readTree(withKey(reader.key()).get("/api/jobs/" + plain + "/artifacts/report.json")
                .then().statusCode(200).extract().asString());
        assertThat(report.path("chapters")).hasSize(1);
        assertThat(report.path("warnings").toString()).contains("No chapters were found");
        assertThat(epubDone.getString("state")).as(epubDone.prettify()).isEqualTo("succeeded");
        JsonNode epubReport = JSON.readTree(withKey(reader.key()).get("/api/jobs/" + epub
                + "/artifacts/report.json").then().statusCode(200).extract().asString());
        assertThat(epubReport.path("chapters")).hasSize(2);
        assertThat(epubReport.path("chapters").get(1).path("title").asText()).isEqualTo("Second");
    }

    @Test
    void should_fail_a_book_too_long_to_read_in_one_job_with_a_clear_error() {
        TestUser reader = newUser();
        byte[] paragraph = "wave ".repeat(1_000_000).getBytes(java.nio.charset.StandardCharsets.UTF_8); // 5 MB
        String job = withKey(reader.key()).multiPart("file", "sea.txt", paragraph).post("/api/audiobooks").then()
                .statusCode(202).extract().path("id");

        JsonPath ended = awaitEnded(reader, job);

        assertThat(ended.getString("state")).isEqualTo("failed");
        assertThat(ended.getString("error")).contains("4,999,999 characters").contains("Split it into volumes");
        assertThat(ended.getList("artifacts")).isEmpty();
    }

    @Test
    void should_cast_the_characters_who_speak_and_recast_one_without_redoing_the_rest() throws Exception {
        TestUser reader = newUser();
        List<String> voices = withKey(reader.key()).get("/v1/voices").then().statusCode(200).extract().jsonPath()
                .getList("data.id", String.class);
        byte[] book = ("# The Quay\n\nAda looked at the sea. \"The boats are late,\" said Ada. \"They always are,\""
                + " Ben replied. \"Not today.\" \"Yes, today,\" said Ben.\n").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8);
        String job = withKey(reader.key()).multiPart("file", "quay.md", book).multiPart("narrator", voices.get(0))
                .multiPart("cast", "{\"ada\": \"" + voices.get(1) + "\"}").post("/api/audiobooks").then()
                .statusCode(202).extract().path("id");
        assertThat(awaitEnded(reader, job).getString("state")).isEqualTo("succeeded");

        JsonNode characters = JSON.readTree(withKey(reader.key()).get("/api/jobs/" + job
                + "/artifacts/report.json").then().statusCode(200).extract().asString()).path("characters");
        assertThat(characters.path("Ada").path("voice").asText()).isEqualTo(voices.get(1));
        assertThat(characters.path("Ada").path("lines").asInt()).isEqualTo(2);
        assertThat(characters.path("Ben").path("lines").asInt()).isEqualTo(2);
        String ben = characters.path("Ben").path("voice").asText();
        assertThat(ben).isNotIn(voices.get(0), voices.get(1));

        String recast = voices.stream().filter(v -> !List.of(voices.get(0), voices.get(1), ben).contains(v))
                .findFirst().orElseThrow();
        withKey(reader.key()).contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("Ben", recast))
                .put("/api/audiobooks/" + job + "/cast").then().statusCode(202);
        assertThat(awaitEnded(reader, job).getString("state")).isEqualTo("succeeded");
        assertThat(JSON.readTree(withKey(reader.key()).get("/api/jobs/" + job + "/artifacts/report.json").then()
                .extract().asString()).path("characters").path("Ben").path("voice").asText()).isEqualTo(recast);
        List<Integer> attempts = withKey(reader.key()).get("/api/jobs/" + job + "/segments").then().statusCode(200)
                .extract().jsonPath().getList("attempts", Integer.class);
        assertThat(attempts.stream().filter(a -> a == 2)).hasSize(2); // Ben's two lines, nothing else
        withKey(reader.key()).contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("Carol",
                recast)).put("/api/audiobooks/" + job + "/cast").then().statusCode(422);
        withKey(reader.key()).multiPart("file", "quay.md", book).multiPart("cast", "{\"Ada\": \"nobody\"}")
                .post("/api/audiobooks").then().statusCode(422);
    }

    @Test
    void should_put_an_epubs_cover_into_the_m4b() throws Exception {
        assumeThat(Path.of("/usr/bin/ffprobe")).as("needs Debian's ffmpeg").isExecutable();
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(32, 48,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        TestUser reader = newUser();
        String job = withKey(reader.key()).multiPart("file", "covered.epub", TestDocuments.epubWithCover(
                png.toByteArray())).post("/api/audiobooks").then().statusCode(202).extract().path("id");
        assertThat(awaitEnded(reader, job).getString("state")).isEqualTo("succeeded");

        Path m4b = Files.createTempFile("omnivox-covered", ".m4b");
        try {
            Files.write(m4b, withKey(reader.key()).get("/api/jobs/" + job + "/artifacts/book.m4b").then()
                    .statusCode(200).extract().asByteArray());
            Process probe = new ProcessBuilder("ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json",
                    m4b.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            JsonNode probed = JSON.readTree(probe.getInputStream().readAllBytes());
            assertThat(probe.waitFor()).isZero();
            JsonNode picture = null;
            for (JsonNode stream : probed.path("streams")) {
                if (stream.path("disposition").path("attached_pic").asInt() == 1) {
                    picture = stream;
                }
            }
            assertThat(picture).as("an attached cover picture in %s", probed).isNotNull();
            assertThat(picture.path("width").asInt()).isEqualTo(32);
            assertThat(probed.path("format").path("tags").path("title").asText()).isEqualTo("The Covered Book");
        } finally {
            Files.deleteIfExists(m4b);
        }
    }

    private static final byte[] QUAY = ("# The Quay\n\nAda looked at the sea. \"The boats are late,\" said Ada."
            + " \"They always are,\" Ben replied. \"Not today.\" \"Yes, today,\" said Ben.\n").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void should_wait_for_the_cast_to_be_reviewed_and_render_with_the_voices_chosen_then() throws Exception {
        TestUser reader = newUser();
        List<String> voices = withKey(reader.key()).get("/v1/voices").then().statusCode(200).extract().jsonPath()
                .getList("data.id", String.class);
        String job = withKey(reader.key()).multiPart("file", "quay.md", QUAY).multiPart("narrator", voices.get(0))
                .multiPart("review", "true").post("/api/audiobooks").then().statusCode(202).extract().path("id");

        JsonPath waiting = awaitState(reader, job, "awaiting_review");
        assertThat(waiting.getInt("segments_done")).isZero();
        JsonPath cast = withKey(reader.key()).get("/api/audiobooks/" + job + "/cast").then().statusCode(200)
                .extract().jsonPath();
        assertThat(cast.getString("narrator")).isEqualTo(voices.get(0));
        assertThat(cast.getList("characters.name", String.class)).containsExactly("Ada", "Ben");
        assertThat(cast.getList("characters.lines", Integer.class)).containsExactly(2, 2);
        assertThat(cast.getString("characters[0].sample")).isEqualTo("The boats are late,");
        String recast = voices.stream().filter(v -> !List.of(voices.get(0), cast.getString("characters[1].voice"))
                .contains(v)).findFirst().orElseThrow();

        withKey(reader.key()).contentType(io.restassured.http.ContentType.JSON).body(java.util.Map.of("ben", recast))
                .put("/api/audiobooks/" + job + "/cast").then().statusCode(200).body("state", org.hamcrest.Matchers
                        .equalTo("awaiting_review"));

        assertThat(withKey(reader.key()).get("/api/audiobooks/" + job + "/cast").then().statusCode(200).extract()
                .jsonPath().getString("characters[1].voice")).isEqualTo(recast);
        JsonPath segments = withKey(reader.key()).get("/api/jobs/" + job + "/segments").then().statusCode(200)
                .extract().jsonPath();
        assertThat(segments.getList("state", String.class)).isNotEmpty().containsOnly("pending");
        assertThat(segments.getList("attempts", Integer.class)).containsOnly(0); // nothing synthesised
        TestUser other = newUser();
        withKey(other.key()).get("/api/audiobooks/" + job + "/cast").then().statusCode(404);
        withKey(other.key()).post("/api/jobs/" + job + "/approve").then().statusCode(404);

        withKey(reader.key()).post("/api/jobs/" + job + "/approve").then().statusCode(200);
        JsonPath done = awaitEnded(reader, job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        JsonNode report = JSON.readTree(withKey(reader.key()).get("/api/jobs/" + job + "/artifacts/report.json")
                .then().statusCode(200).extract().asString());
        assertThat(report.path("characters").path("Ben").path("voice").asText()).isEqualTo(recast);
        assertThat(withKey(reader.key()).get("/api/jobs/" + job + "/segments").then().statusCode(200).extract()
                .jsonPath().getList("attempts", Integer.class)).containsOnly(1);
        withKey(reader.key()).post("/api/jobs/" + job + "/approve").then().statusCode(409)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
        withKey(reader.key()).multiPart("file", "quay.md", QUAY).multiPart("review", "maybe").post("/api/audiobooks")
                .then().statusCode(400);
    }

    private static final byte[] DOOR = ("# The Door\n\nSomeone knocked. \"Who is there?\" came a voice from the"
            + " hall. Ben stood still.\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @Test
    void should_give_a_quote_to_the_speaker_the_chat_model_names() throws Exception {
        scripted.install(dev.langchain4j.model.chat.mock.ChatModelMock.thatResponds(request -> {
            String prompt = ((dev.langchain4j.data.message.UserMessage) request.messages().get(0)).singleText();
            assertThat(prompt).contains("[Q1] \"Who is there?\"");
            return dev.langchain4j.data.message.AiMessage.from("```json\n[{\"quote\": 1, \"speaker\": \"Ben\","
                    + " \"emotion\": \"fearful\"}]\n```");
        }), null);
        TestUser reader = newUser();
        String job = withKey(reader.key()).multiPart("file", "door.md", DOOR).post("/api/audiobooks").then()
                .statusCode(202).extract().path("id");

        JsonPath done = awaitEnded(reader, job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        JsonNode report = JSON.readTree(withKey(reader.key()).get("/api/jobs/" + job + "/artifacts/report.json")
                .then().statusCode(200).extract().asString());
        assertThat(report.path("chapters").get(0).path("attribution").asText()).isEqualTo("llm");
        assertThat(report.path("characters").path("Ben").path("lines").asInt()).isEqualTo(1);
        assertThat(withKey(reader.key()).get("/api/audiobooks/" + job + "/cast").then().statusCode(200).extract()
                .jsonPath().getList("characters.name", String.class)).containsExactly("Ben");
    }

    @Test
    void should_attribute_quotes_by_the_heuristics_when_the_chat_models_answer_is_garbage() throws Exception {
        scripted.install(dev.langchain4j.model.chat.mock.ChatModelMock.thatAlwaysResponds(
                "I believe Ben says it, nervously."), null);
        TestUser reader = newUser();
        String job = withKey(reader.key()).multiPart("file", "door.md", DOOR).post("/api/audiobooks").then()
                .statusCode(202).extract().path("id");

        JsonPath done = awaitEnded(reader, job);

        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("succeeded");
        JsonNode report = JSON.readTree(withKey(reader.key()).get("/api/jobs/" + job + "/artifacts/report.json")
                .then().statusCode(200).extract().asString());
        assertThat(report.path("chapters").get(0).path("attribution").asText()).isEqualTo("heuristic");
        assertThat(report.path("characters").size()).isZero(); // the narrator reads the unattributed quote
    }
}
