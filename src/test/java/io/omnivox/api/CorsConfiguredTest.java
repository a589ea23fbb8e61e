package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** With CORS turned on for one origin, that origin's preflight is allowed and any other origin's still is not. */
@QuarkusTest
@TestProfile(CorsConfiguredTest.OneOrigin.class)
class CorsConfiguredTest {

    static final String ALLOWED = "https://app.example.org";

    /** The settings an operator writes to let one web app call the API. */
    public static class OneOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.enabled", "true", "quarkus.http.cors.origins", ALLOWED);
        }
    }

    @Test
    void should_allow_a_preflight_from_the_configured_origin() {
        Response response = CorsTest.preflight(ALLOWED);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(response.header("Access-Control-Allow-Methods")).containsIgnoringCase("POST");
    }

    @Test
    void should_still_refuse_any_other_origin() {
        assertThat(CorsTest.preflight(CorsTest.FOREIGN).header("Access-Control-Allow-Origin")).isNull();
        Response response = given().header("Origin", CorsTest.FOREIGN).get("/v1/models");
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }
}
