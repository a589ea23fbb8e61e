package io.omnivox.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Past the per-client limit the API answers 429 problem+json with Retry-After. */
@QuarkusTest
@TestProfile(RateLimitTest.TightLimit.class)
class RateLimitTest {

    public static class TightLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omnivox.api.rate-limit.requests-per-minute", "5");
        }
    }

    @Test
    void should_answer_429_with_retry_after_when_a_client_exceeds_the_limit() {
        for (int i = 0; i < 5; i++) {
            given().get("/v1/models").then().statusCode(200);
        }

        given().get("/v1/models").then()
                .statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", matchesPattern("([1-9]|1[0-2])")) // 5 a minute: at most 12 s to the next token
                .body("status", equalTo(429));
    }
}
