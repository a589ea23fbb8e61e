package io.omnivox.imagegen;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

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
}
