package io.omnivox.api;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.omnivox.testkit.DefaultApiKey.withoutKey;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** API keys guard /v1 and /api: 401 without a valid key, 403 without the role, and each user sees only their keys. */
@QuarkusTest
class AuthenticationTest {

    @Test
    void should_answer_401_problem_with_bearer_challenge_when_no_key_is_sent() {
        withoutKey().get("/v1/models").then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/v1/models"));
        withoutKey().get("/api/keys").then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void should_answer_401_problem_when_the_key_is_unknown() {
        withKey("ovx_" + "x".repeat(43)).get("/v1/models").then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void should_answer_401_when_the_authorization_header_is_not_bearer() {
        withoutKey().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/v1/models").then().statusCode(401);
    }

    @Test
    void should_keep_health_metrics_and_openapi_open() {
        withoutKey().get("/q/health/ready").then().statusCode(200);
        withoutKey().get("/q/metrics").then().statusCode(200);
        withoutKey().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void should_refuse_a_revoked_key() {
        JsonPath user = createUser("revoker-" + UUID.randomUUID(), "user");
        String key = user.getString("key.key");
        withKey(key).get("/v1/models").then().statusCode(200);

        withKey(key).delete("/api/keys/" + user.getString("key.id")).then().statusCode(204);

        withKey(key).get("/v1/models").then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void should_answer_403_problem_when_a_user_calls_an_admin_endpoint() {
        String key = createUser("plain-" + UUID.randomUUID(), "user").getString("key.key");

        withKey(key).contentType(ContentType.JSON).body("{\"name\": \"sneaky\"}").post("/api/users").then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
    }

    @Test
    void should_let_an_admin_create_a_user_whose_key_works_once_shown() {
        String name = "alice-" + UUID.randomUUID();
        JsonPath created = createUser(name, null);

        org.assertj.core.api.Assertions.assertThat(created.getString("role")).isEqualTo("user");
        org.assertj.core.api.Assertions.assertThat(created.getString("key.key")).matches("ovx_[A-Za-z0-9_-]{43}");
        org.assertj.core.api.Assertions.assertThat(created.getString("key.key")).startsWith(created.getString("key.prefix"));
        withKey(created.getString("key.key")).get("/v1/models").then().statusCode(200);
    }

    @Test
    void should_answer_409_problem_when_the_user_name_is_taken() {
        String name = "bob-" + UUID.randomUUID();
        createUser(name, "user");

        given().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}").post("/api/users").then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void should_answer_400_problem_when_the_role_is_unknown() {
        given().contentType(ContentType.JSON).body("{\"name\": \"carol\", \"role\": \"root\"}").post("/api/users")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("role"));
    }

    @Test
    void should_list_only_the_callers_own_keys_without_secrets() {
        JsonPath dora = createUser("dora-" + UUID.randomUUID(), "user");
        String doraKey = dora.getString("key.key");
        JsonPath second = withKey(doraKey).contentType(ContentType.JSON).body("{\"label\": \"laptop\"}")
                .post("/api/keys").then().statusCode(201).extract().jsonPath();
        createUser("erin-" + UUID.randomUUID(), "user");

        withKey(doraKey).get("/api/keys").then()
                .statusCode(200)
                .body("data", hasSize(2))
                .body("data.id", hasItem(second.getString("id")))
                .body("data.label", hasItem("laptop"))
                .body("data.key", everyItem(nullValue()))
                .body("data.prefix", everyItem(matchesPattern("ovx_.{8}")));
        withKey(second.getString("key")).get("/v1/models").then().statusCode(200);
    }

    @Test
    void should_answer_404_when_revoking_another_users_key() {
        JsonPath frank = createUser("frank-" + UUID.randomUUID(), "user");
        String graceKey = createUser("grace-" + UUID.randomUUID(), "user").getString("key.key");

        withKey(graceKey).delete("/api/keys/" + frank.getString("key.id")).then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        withKey(frank.getString("key.key")).get("/v1/models").then().statusCode(200);
        withKey(graceKey).get("/api/keys").then().body("data.id", not(hasItem(frank.getString("key.id"))));
    }

    private static JsonPath createUser(String name, String role) {
        String body = role == null ? "{\"name\": \"" + name + "\"}"
                : "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}";
        return given().contentType(ContentType.JSON).body(body).post("/api/users").then()
                .statusCode(201)
                .body("name", equalTo(name))
                .extract().jsonPath();
    }

    @Test
    void should_answer_409_not_500_when_the_same_name_is_created_at_once() throws Exception {
        String name = "twin-" + UUID.randomUUID();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> given().contentType(ContentType.JSON)
                        .body("{\"name\": \"" + name + "\"}").post("/api/users").statusCode()));
            }
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            org.assertj.core.api.Assertions.assertThat(statuses).containsOnly(201, 409);
            org.assertj.core.api.Assertions.assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
