package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.omnivox.audio.AudioClip;
import io.omnivox.audio.WavCodec;
import io.omnivox.model.registry.ModelFetcher;
import io.omnivox.tts.cosyvoice.CosyVoicePipelineFixtures;
import io.omnivox.tts.cosyvoice.CosyVoiceSynthesizer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The app with CosyVoice "weights" present: a registry whose {@code cosyvoice2} manifest lists fixture files with the
 * recipe's exact contracts, so the engine is chosen over the fallbacks, loaded and served through the API.
 */
@QuarkusTest
@TestProfile(CosyVoiceEngineTest.FixtureWeights.class)
public class CosyVoiceEngineTest {

    public static class FixtureWeights implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path root = Files.createTempDirectory("omnivox-cosyvoice");
                Path dir = CosyVoicePipelineFixtures.writeModelDir(root.resolve("weights/cosyvoice2"));
                Path manifests = Files.createDirectories(root.resolve("models"));
                String files = CosyVoiceSynthesizer.FILES.stream().map(f -> entry(dir, f))
                        .collect(Collectors.joining());
                Files.writeString(manifests.resolve("cosyvoice2.yaml"), """
                        name: cosyvoice2
                        capability: tts
                        description: test fixtures with the CosyVoice 2 recipe's contracts
                        license: Apache-2.0
                        homepage: https://example.org/fixture
                        files:
                        """ + files);
                return Map.of("omnivox.models.manifests", manifests.toString(),
                        "omnivox.models.dir", root.resolve("weights").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String entry(Path dir, String file) {
            try {
                Path path = dir.resolve(file);
                return "  - path: %s\n    url: https://example.org/fixture/%s\n    sha256: %s\n    size: %d\n"
                        .formatted(file, file, ModelFetcher.sha256(path), Files.size(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void should_report_cosyvoice_ready_in_health() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'engines' }.data.'engine.tts'", equalTo("cosyvoice2-onnx: ready"));
    }

    @Test
    void should_speak_with_cosyvoice_at_24_khz() {
        byte[] wav = given().contentType(ContentType.JSON)
                .body(Map.of("input", "Hello world.", "voice", "default", "response_format", "wav"))
                .when().post("/v1/audio/speech")
                .then().statusCode(200).header("X-Omnivox-Engine", "cosyvoice2-onnx")
                .extract().asByteArray();

        AudioClip clip = WavCodec.decode(wav);
        assertThat(clip.sampleRate()).isEqualTo(24_000);
        assertThat(clip.samples().length).isPositive().isEqualTo(clip.samples().length / 480 * 480);
        for (float s : clip.samples()) {
            assertThat(Math.abs(s)).isLessThanOrEqualTo(0.99f + 1e-4f);
        }
    }

    @Test
    void should_list_the_cosyvoice_voices() {
        List<String> ids = given().get("/v1/voices").then().statusCode(200).extract().jsonPath().getList("data.id");

        assertThat(ids).contains("default");
    }

    @Test
    void should_store_cosyvoice_conditioning_with_a_cloned_voice_and_speak_with_it() throws Exception {
        Path speech = Path.of("/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0870.wav");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(speech), "needs Debian's pocketsphinx-testdata");

        String id = given().multiPart("file", "prompt.wav", Files.readAllBytes(speech), "audio/wav")
                .multiPart("consent", "true").multiPart("transcript", "hello world")
                .when().post("/v1/voices").then().statusCode(201).extract().path("id");

        given().get("/v1/voices/" + id).then().statusCode(200)
                .body("conditioning.embeddingDim", equalTo(192))
                .body("conditioning.speechTokens", org.hamcrest.Matchers.greaterThan(0));
        given().contentType(ContentType.JSON)
                .body(Map.of("input", "Hello world.", "voice", id, "response_format", "pcm"))
                .when().post("/v1/audio/speech")
                .then().statusCode(200).header("X-Omnivox-Engine", "cosyvoice2-onnx");
        given().delete("/v1/voices/" + id).then().statusCode(204);
    }
}
