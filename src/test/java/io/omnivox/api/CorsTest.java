package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * CORS is closed by default: a browser page on a foreign origin gets no {@code Access-Control-Allow-Origin}, neither
 * for a preflight nor for a plain request, so it cannot call the API with a key it holds. See
 * {@link CorsConfiguredTest} for an origin let in by configuration.
 */
@QuarkusTest
class CorsTest {

    static final String FOREIGN = "https://evil.example";

    static Response preflight(String origin) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/v1/chat/completions");
    }

    @Test
    void should_not_allow_a_preflight_from_a_foreign_origin_by_default() {
        Response response = preflight(FOREIGN);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        assertThat(response.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void should_not_allow_a_foreign_origin_to_read_an_answer_by_default() {
        Response response = given().header("Origin", FOREIGN).get("/v1/models");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }
}
