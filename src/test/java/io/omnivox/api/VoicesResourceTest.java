package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Voice cloning uploads: stored when usable, a specific 4xx otherwise, and nothing stored on failure. */
@QuarkusTest
class VoicesResourceTest {

    private static final Path SPEECH = Path.of(
            "/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav");

    @BeforeEach
    void requireSpeech() {
        assumeTrue(Files.isRegularFile(SPEECH) && Files.isExecutable(Path.of("/usr/bin/espeak-ng")),
                "needs Debian's pocketsphinx-testdata and espeak-ng (installed by .ci/run)");
    }

    private static RequestSpecification upload(byte[] audio) {
        return given().multiPart("file", "prompt.wav", audio, "audio/wav").multiPart("consent", "true");
    }

    private static int clonedCount() {
        return given().get("/v1/voices").then().statusCode(200).extract().jsonPath()
                .getList("data.findAll { it.engine == 'cloned' }").size();
    }

    @Test
    void should_clone_list_and_delete_a_voice_transcribing_the_prompt() throws Exception {
        String id = upload(Files.readAllBytes(SPEECH)).multiPart("name", "Narrator")
                .when().post("/v1/voices")
                .then().statusCode(201)
                .body("name", equalTo("Narrator"))
                .body("transcript", containsString("consider"))
                .body("transcriptFrom", equalTo("pocketsphinx"))
                .extract().path("id");

        given().get("/v1/voices").then().body("data.id", hasItem(id)).body("data.id", hasItem("alloy"));
        given().get("/v1/voices/" + id).then().statusCode(200)
                .body("voice.durationSeconds", org.hamcrest.Matchers.greaterThan(3f))
                .body("conditioning", org.hamcrest.Matchers.nullValue());
        given().delete("/v1/voices/" + id).then().statusCode(204);
        given().get("/v1/voices/" + id).then().statusCode(404);
        // the prompt recording and anything derived from it are gone from disk (%test.omnivox.tts.voices-dir)
        org.assertj.core.api.Assertions.assertThat(Path.of("target/test-voices", id)).doesNotExist();
    }

    @Test
    void should_keep_a_cloned_voice_to_the_user_who_cloned_it() throws Exception {
        String id = upload(Files.readAllBytes(SPEECH)).multiPart("transcript", "a few words")
                .when().post("/v1/voices").then().statusCode(201).extract().path("id");
        var other = io.omnivox.testkit.KnowledgeFixtures.newUser();

        io.omnivox.testkit.DefaultApiKey.withKey(other.key()).get("/v1/voices").then().statusCode(200)
                .body("data.id", not(hasItem(id))).body("data.id", hasItem("alloy"));
        io.omnivox.testkit.DefaultApiKey.withKey(other.key()).get("/v1/voices/" + id).then().statusCode(404);
        io.omnivox.testkit.DefaultApiKey.withKey(other.key()).post("/v1/voices/" + id + "/preview").then()
                .statusCode(404);
        io.omnivox.testkit.DefaultApiKey.withKey(other.key()).contentType("application/json")
                .body("{\"input\": \"hello\", \"voice\": \"" + id + "\"}").post("/v1/audio/speech").then()
                .statusCode(400).body("detail", containsString("unknown voice"));
        io.omnivox.testkit.DefaultApiKey.withKey(other.key()).delete("/v1/voices/" + id).then().statusCode(404);
        given().get("/v1/voices/" + id).then().statusCode(200); // still there for its owner
        given().delete("/v1/voices/" + id).then().statusCode(204);
    }

    @Test
    void should_keep_a_given_transcript() throws Exception {
        String id = upload(Files.readAllBytes(SPEECH)).multiPart("transcript", "And Mr John Dashwood had then leisure")
                .when().post("/v1/voices").then().statusCode(201)
                .body("transcriptFrom", equalTo("user"))
                .extract().path("id");

        given().delete("/v1/voices/" + id).then().statusCode(204);
    }

    @Test
    void should_require_consent() throws Exception {
        given().multiPart("file", "prompt.wav", Files.readAllBytes(SPEECH), "audio/wav")
                .when().post("/v1/voices").then().statusCode(400)
                .body("errors[0].field", equalTo("consent"));
    }

    @Test
    void should_reject_silence_without_storing_anything() {
        int before = clonedCount();

        upload(TranscriptionResourceTest.wav(new short[16_000 * 5], 16_000)).when().post("/v1/voices")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("type", containsString("voice-prompt-silent"));

        org.assertj.core.api.Assertions.assertThat(clonedCount()).isEqualTo(before);
    }

    @Test
    void should_reject_a_prompt_that_is_too_short() throws Exception {
        byte[] wav = Files.readAllBytes(SPEECH);
        byte[] oneSecond = Arrays.copyOf(wav, 44 + 16_000 * 2);
        java.nio.ByteBuffer.wrap(oneSecond).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(40, 16_000 * 2)
                .putInt(4, 36 + 16_000 * 2);

        upload(oneSecond).when().post("/v1/voices").then().statusCode(422)
                .body("type", containsString("voice-prompt-too-short"));
    }

    @Test
    void should_reject_a_prompt_that_is_too_long() {
        upload(TranscriptionResourceTest.wav(new short[16_000 * 31], 16_000)).when().post("/v1/voices")
                .then().statusCode(413).body("type", containsString("audio-too-long"));
    }

    @Test
    void should_reject_bytes_that_are_not_audio() {
        byte[] junk = new byte[2048];
        new Random(3).nextBytes(junk);

        upload(junk).when().post("/v1/voices").then().statusCode(415);
    }

    @Test
    void should_refuse_to_delete_a_built_in_voice() {
        given().delete("/v1/voices/alloy").then().statusCode(409).body("type", containsString("voice-built-in"));
        given().delete("/v1/voices/voice-000000000000").then().statusCode(404)
                .body(not(containsString("Exception")));
    }
}
