package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.omnivox.audio.AudioClip;
import io.omnivox.audio.AudioDecoder;
import io.omnivox.audio.DecodeLimits;
import io.omnivox.audio.WavCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** {@code POST /v1/audio/speech} with the espeak-ng fallback (Debian package, installed by .ci/run). */
@QuarkusTest
class SpeechResourceTest {

    private static final String PATH = "/v1/audio/speech";

    @BeforeEach
    void requireEngine() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "needs Debian's espeak-ng (installed by .ci/run)");
    }

    private static byte[] speak(Map<String, Object> body, int status) {
        return given().contentType(ContentType.JSON).body(body).when().post(PATH)
                .then().statusCode(status).extract().asByteArray();
    }

    @Test
    void should_stream_a_wav_of_real_speech() {
        byte[] wav = given().contentType(ContentType.JSON)
                .body(Map.of("model", "tts-1", "input", "Hello from Omnivox. This is the second sentence.",
                        "voice", "alloy", "response_format", "wav"))
                .when().post(PATH)
                .then().statusCode(200).contentType("audio/wav").header("X-Omnivox-Engine", "espeak-ng")
                .extract().asByteArray();

        AudioClip clip = WavCodec.decode(wav);
        assertThat(clip.sampleRate()).isEqualTo(22_050);
        assertThat(clip.durationSeconds()).isBetween(1.5, 10.0);
        assertThat(rms(clip.samples())).isGreaterThan(0.02);
    }

    @Test
    void should_return_raw_pcm_when_asked() {
        byte[] pcm = speak(Map.of("input", "Testing raw output.", "response_format", "pcm"), 200);

        assertThat(pcm.length % 2).isZero();
        assertThat(pcm.length / 2 / 22_050.0).isGreaterThan(0.5);
    }

    @Test
    void should_encode_mp3_by_default() {
        byte[] mp3 = speak(Map.of("input", "Compressed speech, please."), 200);

        AudioClip clip = new AudioDecoder().decode(new ByteArrayInputStream(mp3), DecodeLimits.none(), 16_000);
        assertThat(clip.durationSeconds()).isGreaterThan(0.5);
        assertThat(rms(clip.samples())).isGreaterThan(0.02);
    }

    @Test
    void should_speak_faster_when_speed_is_two() {
        String text = "The quick brown fox jumps over the lazy dog and runs into the forest.";
        double normal = WavCodec.decode(speak(Map.of("input", text, "response_format", "wav"), 200)).durationSeconds();
        double fast = WavCodec.decode(speak(Map.of("input", text, "response_format", "wav", "speed", 2.0), 200))
                .durationSeconds();

        assertThat(fast / normal).isBetween(0.35, 0.70);
    }

    @Test
    void should_answer_400_for_empty_input() {
        invalid(Map.of("input", "  "), "input");
    }

    @Test
    void should_answer_400_for_input_over_the_limit() {
        invalid(Map.of("input", "a".repeat(100_000)), "input");
    }

    @Test
    void should_answer_400_for_an_unknown_voice() {
        invalid(Map.of("input", "hi", "voice", "darth-vader"), "voice");
    }

    @Test
    void should_answer_400_for_an_unsupported_format() {
        invalid(Map.of("input", "hi", "response_format", "midi"), "response_format");
    }

    @Test
    void should_answer_400_for_speed_out_of_range() {
        invalid(Map.of("input", "hi", "speed", 10), "speed");
    }

    @Test
    void should_answer_400_for_a_malformed_body() {
        given().contentType(ContentType.JSON).body("{\"input\": ").when().post(PATH)
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    private static void invalid(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).when().post(PATH)
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo(field))
                .body("detail", containsString(field.equals("response_format") ? "response_format" : ""));
    }

    private static double rms(float[] samples) {
        double sum = 0;
        for (float s : samples) {
            sum += s * s;
        }
        return Math.sqrt(sum / samples.length);
    }
}
