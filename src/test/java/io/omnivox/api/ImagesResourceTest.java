package io.omnivox.api;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.omnivox.imagegen.FixtureDiffusion;
import io.omnivox.testkit.KnowledgeFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * {@code POST /v1/images/generations} with the fixture diffusion export installed as {@code sd-turbo}: the engine
 * is chosen, loaded and run exactly as with real weights.
 */
@QuarkusTest
@TestProfile(ImagesResourceTest.FixtureWeights.class)
public class ImagesResourceTest {

    private static final String PATH = "/v1/images/generations";

    public static class FixtureWeights implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path root = Files.createTempDirectory("omnivox-imagegen");
                FixtureDiffusion.write(Files.createDirectories(root.resolve("weights/sd-turbo")),
                        FixtureDiffusion.Variant.SD_TURBO);
                Path manifests = Files.createDirectories(root.resolve("models"));
                Files.writeString(manifests.resolve("sd-turbo.yaml"), """
                        name: sd-turbo
                        capability: imagegen
                        description: test fixture with the SD-Turbo export's contract
                        license: Apache-2.0
                        homepage: https://example.org/fixture
                        enabled: false
                        files:
                          - path: text_encoder/model.onnx
                          - path: unet/model.onnx
                          - path: vae_decoder/model.onnx
                          - path: tokenizer/tokenizer.json
                        export:
                          recipe: models/export/sd-turbo.md
                        """);
                return Map.of("omnivox.models.manifests", manifests.toString(),
                        "omnivox.models.dir", root.resolve("weights").toString(), "omnivox.imagegen.agent-size", "128");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static JsonPath generate(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
    }

    private static BufferedImage png(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @jakarta.inject.Inject
    ScriptedChatAccess scripted;

    @Test
    void should_let_the_agent_draw_a_picture_shown_with_its_answer_and_kept_in_the_conversation() throws Exception {
        scripted.install(dev.langchain4j.model.chat.mock.ChatModelMock.thatResponds(request -> {
            boolean drawn = request.messages().stream()
                    .anyMatch(m -> m instanceof dev.langchain4j.data.message.ToolExecutionResultMessage);
            return drawn ? dev.langchain4j.data.message.AiMessage.from("I drew a lighthouse for you.")
                    : dev.langchain4j.data.message.AiMessage.from(dev.langchain4j.agent.tool.ToolExecutionRequest
                            .builder().id("d1").name("generate_image")
                            .arguments("{\"description\": \"a red lighthouse at dusk\"}").build());
        }), new dev.langchain4j.model.chat.mock.StreamingChatModelMock(List.of(
                dev.langchain4j.data.message.AiMessage.from("unused"))));
        var user = KnowledgeFixtures.newUser();
        String conversation = withKey(user.key()).contentType(ContentType.JSON).body("{}").post("/api/conversations")
                .then().statusCode(201).extract().path("id");

        JsonPath answer = withKey(user.key()).contentType(ContentType.JSON).body(Map.of("model", "omnivox",
                "conversation_id", conversation, "messages", List.of(Map.of("role", "user", "content",
                        "Draw me a lighthouse")))).post("/v1/chat/completions").then().statusCode(200).extract()
                .jsonPath();

        String url = answer.getString("images[0].url");
        assertThat(url).startsWith("/v1/images/files/");
        assertThat(answer.getString("images[0].prompt")).isEqualTo("a red lighthouse at dusk");
        assertThat(answer.getString("choices[0].message.content")).isEqualTo("I drew a lighthouse for you.\n\n"
                + "![a red lighthouse at dusk](" + url + ")");
        BufferedImage picture = png(withKey(user.key()).get(url).then().statusCode(200).contentType("image/png")
                .extract().asByteArray());
        assertThat(picture.getWidth()).isEqualTo(128);
        withKey(KnowledgeFixtures.newUser().key()).get(url).then().statusCode(404); // only its owner sees it
        assertThat(withKey(user.key()).get("/api/conversations/" + conversation).then().statusCode(200).extract()
                .jsonPath().getString("messages[1].content")).contains("](" + url + ")");
    }

    private static byte[] startingImage() throws IOException {
        BufferedImage image = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.ORANGE);
        g.fillRect(0, 0, 300, 200);
        g.setColor(java.awt.Color.BLUE);
        g.fillOval(80, 40, 120, 120);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static io.restassured.specification.RequestSpecification edit(byte[] image) {
        return given().multiPart("image", "start.png", image, "image/png").multiPart("prompt", "a blue moon")
                .multiPart("size", "256x256").multiPart("response_format", "b64_json").multiPart("seed", "11");
    }

    @Test
    void should_redraw_a_starting_image_reproducibly_and_differently_from_drawing_from_nothing() throws Exception {
        byte[] start = startingImage();
        JsonPath first = edit(start).post("/v1/images/edits").then().statusCode(200).extract().jsonPath();
        JsonPath again = edit(start).post("/v1/images/edits").then().statusCode(200).extract().jsonPath();
        JsonPath fromText = generate(Map.of("prompt", "a blue moon", "size", "256x256", "response_format", "b64_json",
                "seed", 11, "steps", 2));

        byte[] redrawn = Base64.getDecoder().decode(first.getString("data[0].b64_json"));
        assertThat(png(redrawn).getWidth()).isEqualTo(256);
        assertThat(png(redrawn).getHeight()).isEqualTo(256);
        assertThat(first.getString("data[0].b64_json")).as("same seed, same image")
                .isEqualTo(again.getString("data[0].b64_json"));
        assertThat(first.getString("data[0].b64_json")).as("the starting image matters")
                .isNotEqualTo(fromText.getString("data[0].b64_json"));
    }

    @Test
    void should_refuse_a_bad_redraw_request() throws Exception {
        given().multiPart("prompt", "a moon").post("/v1/images/edits").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'image'"));
        edit("not an image at all".getBytes()).post("/v1/images/edits").then().statusCode(
                org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                        .and(org.hamcrest.Matchers.lessThan(500)))
                .contentType("application/problem+json");
        edit(startingImage()).multiPart("strength", "0").post("/v1/images/edits").then().statusCode(400)
                .body("detail", containsString("strength"));
        edit(startingImage()).multiPart("steps", "1").multiPart("strength", "0.3").post("/v1/images/edits").then()
                .statusCode(400).body("detail", containsString("steps × strength"));
        given().multiPart("image", "start.png", startingImage(), "image/png").multiPart("prompt", "")
                .post("/v1/images/edits").then().statusCode(400);
    }

    @Test
    void should_report_the_engine_ready_in_health() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'engines' }.data.'engine.imagegen'",
                        equalTo("diffusion-onnx: ready (sd-turbo)"));
    }

    @Test
    void should_answer_base64_pngs_of_the_requested_size_with_their_seeds() throws Exception {
        Map<String, Object> body = Map.of("prompt", "a cat", "n", 2, "size", "256x256", "response_format", "b64_json",
                "seed", 5);
        JsonPath answer = generate(body);
        assertThat(answer.getLong("created")).isPositive();
        assertThat(answer.getList("data.seed", Long.class)).containsExactly(5L, 6L);
        assertThat(answer.getList("warnings")).isEmpty();
        byte[] first = Base64.getDecoder().decode(answer.getString("data[0].b64_json"));
        assertThat(png(first).getWidth()).isEqualTo(256);
        assertThat(png(first).getHeight()).isEqualTo(256);
        assertThat(answer.getString("data[0].url")).isNull();
        // the same seed draws the same image
        assertThat(generate(body).getString("data[0].b64_json")).isEqualTo(answer.getString("data[0].b64_json"));
        assertThat(answer.getString("data[1].b64_json")).isNotEqualTo(answer.getString("data[0].b64_json"));
    }

    @Test
    void should_serve_url_images_to_their_owner_only() throws Exception {
        KnowledgeFixtures.TestUser alice = KnowledgeFixtures.newUser();
        KnowledgeFixtures.TestUser bob = KnowledgeFixtures.newUser();
        String url = withKey(alice.key()).contentType(ContentType.JSON)
                .body(Map.of("prompt", "a dog", "size", "256x256", "steps", 2, "guidance", 3.5, "negative_prompt",
                        "a cat"))
                .post(PATH).then().statusCode(200).body("data", hasSize(1)).body("data[0].b64_json", equalTo(null))
                .extract().path("data[0].url");
        assertThat(url).contains("/v1/images/files/").endsWith(".png");
        String path = URI.create(url).getPath();
        byte[] image = withKey(alice.key()).get(path).then().statusCode(200).contentType("image/png").extract()
                .asByteArray();
        assertThat(png(image).getWidth()).isEqualTo(256);
        withKey(bob.key()).get(path).then().statusCode(404).contentType(startsWith("application/problem+json"));
        withKey(alice.key()).get("/v1/images/files/..%2F..%2Fsecret.png").then().statusCode(404);
    }

    @Test
    void should_warn_when_the_prompt_is_cut_to_the_text_encoders_limit() {
        JsonPath answer = generate(Map.of("prompt", "dog ".repeat(90), "size", "256x256", "response_format",
                "b64_json"));
        assertThat(answer.getList("warnings", String.class)).singleElement().asString()
                .contains("truncated to 75 tokens");
    }

    @Test
    void should_refuse_bad_requests_with_problem_details() {
        List<Object[]> cases = List.of(
                new Object[] { Map.of("prompt", " "), "prompt" },
                new Object[] { Map.of("prompt", "x".repeat(4001)), "prompt" },
                new Object[] { Map.of("prompt", "a cat", "size", "500x500"), "size" },
                new Object[] { Map.of("prompt", "a cat", "n", 5), "n" },
                new Object[] { Map.of("prompt", "a cat", "n", 0), "n" },
                new Object[] { Map.of("prompt", "a cat", "response_format", "gif"), "response_format" },
                new Object[] { Map.of("prompt", "a cat", "steps", 51), "steps" },
                new Object[] { Map.of("prompt", "a cat", "guidance", -1), "guidance" });
        for (Object[] c : cases) {
            given().contentType(ContentType.JSON).body(c[0]).post(PATH).then().statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", containsString((String) c[1]));
        }
    }
}
