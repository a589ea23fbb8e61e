package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health, metrics, OpenAPI, the models list and problem+json errors, with no weights present. */
@QuarkusTest
class ServiceBasicsTest {

    @Test
    void should_serve_the_ui_under_a_content_security_policy_that_loads_and_sends_nothing_elsewhere() {
        given().when().get("/") // the UI's page (absent when the build skipped the UI: the headers are the same)
                .then()
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("script-src 'self';"))
                .header("Content-Security-Policy", containsString("connect-src 'self' ws: wss:"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void should_be_ready_and_list_models_as_weights_missing_when_no_weights_exist() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'engines' }.data.'model.sensevoice-small'", equalTo("weights missing"))
                .body("checks.find { it.name == 'engines' }.data.'onnx.provider'", equalTo("cpu"))
                .body("checks.find { it.name == 'engines' }.data.'engine.vad'", startsWith("energy: fallback"))
                .body("checks.find { it.name == 'engines' }.data.'engine.asr'",
                        org.hamcrest.Matchers.anyOf(startsWith("pocketsphinx: fallback"), startsWith("none: weights missing")));
    }

    @Test
    void should_list_models_in_openai_shape() {
        given().when().get("/v1/models")
                .then().statusCode(200)
                .body("object", equalTo("list"))
                .body("data.id", hasItem("sensevoice-small"))
                .body("data.find { it.id == 'sensevoice-small' }.capability", equalTo("asr"))
                .body("data.find { it.id == 'sensevoice-small' }.state", equalTo("weights missing"));
    }

    @Test
    void should_answer_problem_json_when_a_model_is_unknown() {
        given().when().get("/v1/models/no-such-model")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", containsString("no-such-model"))
                .body("instance", equalTo("/v1/models/no-such-model"));
    }

    @Test
    void should_answer_problem_json_without_stack_trace_when_the_route_does_not_exist() {
        given().when().get("/nowhere")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("No resource at /nowhere"))
                .body(not(containsString("Exception")));
    }

    @Test
    void should_answer_problem_json_when_the_method_is_not_allowed() {
        given().when().delete("/v1/models")
                .then().statusCode(405)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(405));
    }

    @Test
    void should_publish_openapi_with_the_models_endpoint() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/models"));
    }

    @Test
    void should_expose_prometheus_metrics() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
