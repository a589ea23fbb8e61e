package io.omnivox.api;

import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.omnivox.testkit.KnowledgeFixtures.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.omnivox.account.Scope;
import io.omnivox.testkit.KnowledgeFixtures.TestUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * API key scopes: a key limited to {@code read} reads but cannot change anything (403 problem+json), cannot manage
 * keys, and cannot open the voice socket; a key never grants scopes it lacks; keys made with a user have every scope.
 */
@QuarkusTest
class ApiKeyScopesTest {

    @TestHTTPResource("/ws/voice")
    URI voice;

    private static String keyWith(String fullKey, String scopesJson) {
        return withKey(fullKey).contentType(ContentType.JSON).body("{\"label\": \"scoped\", \"scopes\": " + scopesJson
                + "}").post("/api/keys").then().statusCode(201).extract().jsonPath().getString("key");
    }

    @Test
    void should_give_every_scope_to_the_first_key_of_a_user() {
        TestUser ada = newUser();
        withKey(ada.key()).get("/api/keys").then().statusCode(200)
                .body("data[0].scopes", contains("read", "write", "admin"));
    }

    @Test
    void should_refuse_a_post_with_a_read_only_key_as_problem_json() {
        TestUser ada = newUser();
        String readOnly = keyWith(ada.key(), "[\"read\"]");

        withKey(readOnly).get("/api/knowledge-bases").then().statusCode(200);
        withKey(readOnly).contentType(ContentType.JSON).body("{\"name\": \"notes\"}").post("/api/knowledge-bases")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403))
                .body("type", equalTo("https://omnivox.dev/problems/forbidden"));
        withKey(readOnly).delete("/api/conversations/" + java.util.UUID.randomUUID()).then().statusCode(403);
        // the same request with the full key goes through
        withKey(ada.key()).contentType(ContentType.JSON).body("{\"name\": \"notes\"}").post("/api/knowledge-bases")
                .then().statusCode(201);
    }

    @Test
    void should_keep_key_management_to_keys_with_the_admin_scope() {
        TestUser ada = newUser();
        String readWrite = keyWith(ada.key(), "[\"read\", \"write\"]");

        withKey(readWrite).get("/api/keys").then().statusCode(403).contentType("application/problem+json");
        withKey(readWrite).contentType(ContentType.JSON).body("{}").post("/api/keys").then().statusCode(403);
    }

    @Test
    void should_never_grant_a_scope_the_creating_key_lacks() {
        TestUser ada = newUser();
        String readAdmin = keyWith(ada.key(), "[\"read\", \"admin\"]");

        withKey(readAdmin).contentType(ContentType.JSON).body("{\"scopes\": [\"read\", \"write\"]}").post("/api/keys")
                .then().statusCode(403).contentType("application/problem+json")
                .body("errors[0].field", equalTo("scopes"));
        // without scopes, a new key copies the creating key's
        withKey(readAdmin).contentType(ContentType.JSON).body("{}").post("/api/keys").then().statusCode(201)
                .body("scopes", contains("read", "admin"));
    }

    @Test
    void should_refuse_unknown_or_no_scopes() {
        TestUser ada = newUser();
        withKey(ada.key()).contentType(ContentType.JSON).body("{\"scopes\": [\"root\"]}").post("/api/keys").then()
                .statusCode(400).body("errors[0].field", equalTo("scopes"));
        withKey(ada.key()).contentType(ContentType.JSON).body("{\"scopes\": []}").post("/api/keys").then()
                .statusCode(400);
    }

    @Test
    void should_refuse_the_voice_socket_to_a_read_only_key() throws Exception {
        TestUser ada = newUser();
        String readOnly = keyWith(ada.key(), "[\"read\"]");
        URI ws = URI.create(voice.toString().replaceFirst("^http", "ws"));
        try (HttpClient http = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> http.newWebSocketBuilder().header("Authorization", "Bearer " + readOnly)
                    .subprotocols("omnivox").buildAsync(ws, new WebSocket.Listener() {
                    }).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse()
                            .statusCode()).isEqualTo(403));
        }
    }

    @Test
    void should_require_read_for_gets_write_for_changes_and_admin_for_accounts() {
        assertThat(Scope.requiredFor("GET", "/v1/models")).isEqualTo(Scope.READ);
        assertThat(Scope.requiredFor("HEAD", "/api/jobs/1/artifacts/book.m4b")).isEqualTo(Scope.READ);
        assertThat(Scope.requiredFor("POST", "/v1/chat/completions")).isEqualTo(Scope.WRITE);
        assertThat(Scope.requiredFor("DELETE", "/api/knowledge-bases/1")).isEqualTo(Scope.WRITE);
        assertThat(Scope.requiredFor("GET", "/ws/voice")).isEqualTo(Scope.WRITE);
        assertThat(Scope.requiredFor("GET", "/api/keys")).isEqualTo(Scope.ADMIN);
        assertThat(Scope.requiredFor("POST", "/api/users")).isEqualTo(Scope.ADMIN);
        assertThat(Scope.requiredFor("GET", "/api/keysmith")).isEqualTo(Scope.READ);
        assertThat(Scope.requiredFor("GET", "//api//keys")).isEqualTo(Scope.ADMIN);
        assertThat(Scope.requiredFor("GET", "/api/keys;v=1")).isEqualTo(Scope.ADMIN);
        assertThat(Scope.requiredFor("GET", "/api;x=1/users/")).isEqualTo(Scope.ADMIN);
    }

    @Test
    void should_not_let_a_rewritten_path_escape_the_admin_scope() {
        TestUser ada = newUser();
        String readOnly = keyWith(ada.key(), "[\"read\"]");
        for (String path : java.util.List.of("/api/keys", "/api//keys", "//api/keys", "/api/keys/", "/api/./keys",
                "/api/x/../keys", "/api/keys;v=1", "/api/%6Beys", "/api/keys?x=/v1/models")) {
            int status = withKey(readOnly).urlEncodingEnabled(false).get(path).statusCode();
            assertThat(status).as("GET %s with a read-only key", path).isIn(403, 404);
        }
    }
}
