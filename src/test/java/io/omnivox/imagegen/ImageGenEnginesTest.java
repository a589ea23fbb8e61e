package io.omnivox.imagegen;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Without the export on disk, health says so and how to make it; there is no stand-in engine. */
@QuarkusTest
class ImageGenEnginesTest {

    @Test
    void should_report_weights_missing_with_the_export_recipe() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'engines' }.data.'engine.imagegen'", allOf(
                        startsWith("none: weights missing"), containsString("sd-turbo weights missing in"),
                        containsString("unet/model.onnx"), containsString("models/export/sd-turbo.md")))
                .body("checks.find { it.name == 'engines' }.data.'model.sd-turbo'", startsWith("needs export"));
    }

    @Test
    void should_answer_503_to_a_valid_request_without_the_weights() {
        given().contentType(ContentType.JSON).body(Map.of("prompt", "a cat")).post("/v1/images/generations")
                .then().statusCode(503).contentType(startsWith("application/problem+json"))
                .body("detail", containsString("models/export/sd-turbo.md"));
        // a bad request is still told what is wrong with it
        given().contentType(ContentType.JSON).body(Map.of("prompt", "a cat", "size", "100x100"))
                .post("/v1/images/generations").then().statusCode(400);
    }
}
