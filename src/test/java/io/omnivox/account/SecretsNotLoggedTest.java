package io.omnivox.account;

import static io.omnivox.testkit.DefaultApiKey.TEST_ADMIN_KEY;
import static io.omnivox.testkit.DefaultApiKey.withKey;
import static io.omnivox.testkit.DefaultApiKey.withoutKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Secrets never reach the log: while every logger writes at DEBUG, a user and keys are created, keys are presented
 * good, bad, revoked and malformed, the bootstrap runs again, requests fail, and the database (which has a password
 * here) is used; no full API key and not the database password appears in any message, parameter or stack trace.
 */
@QuarkusTest
@TestProfile(SecretsNotLoggedTest.WithDatabasePassword.class)
class SecretsNotLoggedTest {

    static final String DB_PASSWORD = "db-password-that-must-stay-out-of-logs-42";

    /** An H2 database of its own, protected by a password, as a PostgreSQL one would be. */
    public static class WithDatabasePassword implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:omnivox-secrets;DB_CLOSE_DELAY=-1",
                    "quarkus.datasource.username", "omnivox", "quarkus.datasource.password", DB_PASSWORD);
        }
    }

    /** Keeps every record: its message formatted, its raw parameters and its exception with causes. */
    static final class Capture extends Handler {
        final List<String> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            String logger = String.valueOf(record.getLoggerName());
            if (logger.startsWith("org.apache.http")) {
                return; // REST Assured's HTTP client, i.e. this test's side of the wire, which sends the keys
            }
            StringBuilder text = new StringBuilder(logger).append(": ");
            text.append(String.valueOf(record.getMessage()));
            if (record instanceof ExtLogRecord ext) {
                text.append('\n').append(ext.getFormattedMessage());
            }
            if (record.getParameters() != null) {
                text.append('\n').append(Arrays.deepToString(record.getParameters()));
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append('\n').append(trace);
            }
            records.add(text.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Inject
    BootstrapAdmin bootstrap;

    private final Capture capture = new Capture();
    private Level rootLevel;

    @BeforeEach
    void listen() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.FINE);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(rootLevel);
    }

    @Test
    void should_keep_keys_and_the_database_password_out_of_the_log() {
        String userKey = withKey(TEST_ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"name\": \"secret-keeper-" + UUID.randomUUID() + "\"}").post("/api/users")
                .then().statusCode(201).extract().jsonPath().getString("key.key");
        String secondKey = withKey(userKey).contentType(ContentType.JSON).body("{\"label\": \"laptop\"}")
                .post("/api/keys").then().statusCode(201).extract().jsonPath().getString("key");
        String secondId = withKey(userKey).get("/api/keys").then().statusCode(200).extract().jsonPath()
                .getString("data.find { it.label == 'laptop' }.id");
        String wrongKey = "ovx_" + "w".repeat(43);

        withKey(userKey).get("/api/keys").then().statusCode(200);
        withKey(secondKey).get("/api/knowledge-bases").then().statusCode(200);
        withKey(wrongKey).get("/api/keys").then().statusCode(401);
        withoutKey().header("Authorization", "Bearer").get("/api/keys").then().statusCode(401);
        withKey(userKey).delete("/api/keys/" + secondId).then().statusCode(204);
        withKey(secondKey).get("/api/keys").then().statusCode(401);
        // the voice socket takes a key as a subprotocol too: a bad one there
        withoutKey().header("Sec-WebSocket-Protocol", "omnivox, omnivox-key." + wrongKey).get("/ws/voice").then()
                .statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        // failing requests, with the key in the body where a careless log might echo it
        withKey(userKey).contentType(ContentType.JSON).body("{\"label\": \"" + userKey + "\", \"scopes\": [\"" + userKey
                + "\"]}").post("/api/keys").then().statusCode(400);
        withKey(userKey).contentType(ContentType.JSON).body("{\"label\": " + userKey).post("/api/keys").then()
                .statusCode(400);
        withKey(userKey).get("/api/knowledge-bases/" + UUID.randomUUID()).then().statusCode(404);
        bootstrap.bootstrap();

        List<String> log = capture.records;
        assertThat(log).as("the capture works").isNotEmpty();
        List<String> secrets = List.of(TEST_ADMIN_KEY, userKey, secondKey, wrongKey, DB_PASSWORD);
        assertThat(log).as("log lines with a secret").filteredOn(line -> secrets.stream().anyMatch(line::contains))
                .isEmpty();
    }
}
