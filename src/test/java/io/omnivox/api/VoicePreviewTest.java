package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.omnivox.audio.AudioClip;
import io.omnivox.audio.WavCodec;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * {@code POST /v1/voices/{id}/preview} with espeak-ng: a WAV whose header tells its real length, the sample sentence
 * when no text is given, 404 for an unknown voice and 400 for bad fields.
 */
@QuarkusTest
class VoicePreviewTest {

    @BeforeEach
    void requireEspeak() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/espeak-ng")), "needs espeak-ng (installed by .ci/run)");
    }

    private static String aVoice() {
        return given().get("/v1/voices").then().statusCode(200).extract().jsonPath().getString("data[0].id");
    }

    /** The header's RIFF and data sizes agree with the bytes that came. */
    private static void assertRealLength(byte[] wav) {
        ByteBuffer header = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(header.getInt(4) & 0xFFFFFFFFL).isEqualTo(wav.length - 8L);
        int data = 12;
        while (!new String(wav, data, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("data")) {
            data += 8 + header.getInt(data + 4);
        }
        assertThat(header.getInt(data + 4) & 0xFFFFFFFFL).isEqualTo(wav.length - data - 8L);
    }

    @Test
    void should_speak_the_sample_sentence_when_no_text_is_given() {
        String voice = aVoice();
        byte[] wav = given().post("/v1/voices/" + voice + "/preview").then().statusCode(200)
                .contentType(startsWith("audio/wav")).extract().asByteArray();

        assertRealLength(wav);
        AudioClip clip = WavCodec.decode(wav);
        assertThat(clip.durationSeconds()).isGreaterThan(1.0); // a whole sentence
    }

    @Test
    void should_speak_given_text_with_a_style() {
        String voice = aVoice();
        byte[] shortText = given().contentType(ContentType.JSON).body(Map.of("text", "Hi.", "speed", 1.5,
                "emotion", "happy")).post("/v1/voices/" + voice + "/preview").then().statusCode(200).extract()
                .asByteArray();
        byte[] sample = given().contentType(ContentType.JSON).body(Map.of("language", "de"))
                .post("/v1/voices/" + voice + "/preview").then().statusCode(200).extract().asByteArray();

        assertRealLength(shortText);
        assertThat(WavCodec.decode(shortText).durationSeconds()).isLessThan(WavCodec.decode(sample)
                .durationSeconds());
    }

    @Test
    void should_answer_404_for_an_unknown_voice_and_400_for_bad_fields() {
        given().post("/v1/voices/nobody-at-all/preview").then().statusCode(404)
                .contentType(startsWith(ProblemDetail.MEDIA_TYPE));
        String voice = aVoice();
        given().contentType(ContentType.JSON).body(Map.of("text", "a".repeat(301))).post("/v1/voices/" + voice
                + "/preview").then().statusCode(400).body("errors[0].field", equalTo("text"));
        given().contentType(ContentType.JSON).body(Map.of("speed", 9)).post("/v1/voices/" + voice + "/preview")
                .then().statusCode(400).body("errors[0].field", equalTo("speed"));
        given().contentType(ContentType.JSON).body(Map.of("emotion", "bored")).post("/v1/voices/" + voice
                + "/preview").then().statusCode(400).body("errors[0].field", equalTo("emotion"));
        given().contentType(ContentType.JSON).body(Map.of("language", "not a language!")).post("/v1/voices/"
                + voice + "/preview").then().statusCode(400).body("errors[0].field", equalTo("language"));
    }
}
