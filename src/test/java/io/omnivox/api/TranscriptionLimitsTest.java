package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Size and duration limits come from configuration and answer 413 problem+json. */
@QuarkusTest
@TestProfile(TranscriptionLimitsTest.SmallLimits.class)
class TranscriptionLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omnivox.asr.max-duration-seconds", "2", "omnivox.asr.max-upload-bytes", "200000");
        }
    }

    @Test
    void should_answer_413_when_the_audio_is_longer_than_the_limit() {
        byte[] threeSeconds = TranscriptionResourceTest.wav(new short[16_000 * 3], 16_000);

        given().multiPart("file", "long.wav", threeSeconds, "audio/wav").when().post("/v1/audio/transcriptions")
                .then().statusCode(413)
                .contentType(startsWith("application/problem+json"))
                .body("type", containsString("audio-too-long"))
                .body("detail", containsString("2"));
    }

    @Test
    void should_answer_413_when_the_upload_is_larger_than_the_limit() {
        byte[] big = TranscriptionResourceTest.wav(new short[150_000], 16_000);

        given().multiPart("file", "big.wav", big, "audio/wav").when().post("/v1/audio/transcriptions")
                .then().statusCode(413)
                .body("type", containsString("audio-too-large"))
                .body("status", equalTo(413));
    }
}
