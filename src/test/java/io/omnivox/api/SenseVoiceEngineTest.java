package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.omnivox.model.registry.ModelFetcher;
import io.omnivox.testkit.FixtureSenseVoice;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The app with SenseVoice "weights" present: a registry whose {@code sensevoice-small} manifest lists the fixture
 * model's files (real checksums and sizes), so the engine is chosen, loaded and used exactly as with real weights.
 */
@QuarkusTest
@TestProfile(SenseVoiceEngineTest.FixtureWeights.class)
public class SenseVoiceEngineTest {

    public static class FixtureWeights implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path root = Files.createTempDirectory("omnivox-sensevoice");
                Path weights = Files.createDirectories(root.resolve("weights/sensevoice-small"));
                Path model = Files.write(weights.resolve("model.int8.onnx"), FixtureSenseVoice.model());
                Path tokens = Files.writeString(weights.resolve("tokens.txt"), FixtureSenseVoice.tokensTxt());
                Path manifests = Files.createDirectories(root.resolve("models"));
                Files.writeString(manifests.resolve("sensevoice-small.yaml"), """
                        name: sensevoice-small
                        capability: asr
                        description: test fixture with the SenseVoice export's contract
                        license: Apache-2.0
                        homepage: https://example.org/fixture
                        enabled: true
                        files:
                          - path: model.int8.onnx
                            url: https://example.org/fixture/model.int8.onnx
                            sha256: %s
                            size: %d
                          - path: tokens.txt
                            url: https://example.org/fixture/tokens.txt
                            sha256: %s
                            size: %d
                        contract:
                          - file: model.int8.onnx
                            inputs:
                              - {name: x, dtype: float32, shape: [N, T, 560]}
                            outputs:
                              - {name: logits, dtype: float32, shape: [N, T+4, V]}
                        """.formatted(ModelFetcher.sha256(model), Files.size(model), ModelFetcher.sha256(tokens),
                        Files.size(tokens)));
                return Map.of("omnivox.models.manifests", manifests.toString(),
                        "omnivox.models.dir", root.resolve("weights").toString(),
                        "omnivox.asr.engine", "sensevoice");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void should_report_sensevoice_ready_in_health() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'engines' }.data.'engine.asr'", equalTo("sensevoice-onnx: ready"));
    }

    @Test
    void should_transcribe_with_sensevoice_and_report_its_rich_tags() {
        byte[] tone = TranscriptionResourceTest.wav(tone(16_000 * 2), 16_000);

        given().multiPart("file", "tone.wav", tone, "audio/wav").multiPart("response_format", "verbose_json")
                .when().post("/v1/audio/transcriptions")
                .then().statusCode(200)
                .header("X-Omnivox-Engine", "sensevoice-onnx")
                .body("engine", equalTo("sensevoice-onnx"))
                .body("language", equalTo("en"))
                .body("emotion", equalTo("HAPPY"))
                .body("events", hasItem("Speech"))
                .body("segments[0].itn", equalTo(true));
    }

    /** Half a second of silence, then a loud, warbling 300 Hz tone: voiced-like sound after quiet, as speech is. */
    private static short[] tone(int n) {
        short[] s = new short[n];
        for (int i = 8_000; i < n - 4_000; i++) {
            double warble = 1 + 0.3 * Math.sin(2 * Math.PI * 4 * i / 16_000.0);
            s[i] = (short) (12_000 * Math.sin(2 * Math.PI * 300 * i / 16_000.0) * warble);
        }
        return s;
    }
}
