package io.omnivox.persistence;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a test app on the PostgreSQL database named by {@code OMNIVOX_TEST_POSTGRES_URL} (a JDBC URL), with
 * {@code OMNIVOX_TEST_POSTGRES_USER} and {@code OMNIVOX_TEST_POSTGRES_PASSWORD}. The database kind is a build-time
 * setting; a test profile rebuilds the app with it. The test profile's {@code clean-at-start} empties the database
 * first, so point these variables at a throwaway database only ({@code .ci/run} starts one).
 */
public class PostgresTestProfile implements QuarkusTestProfile {

    /** The environment variable that turns the PostgreSQL tests on. */
    public static final String URL_VARIABLE = "OMNIVOX_TEST_POSTGRES_URL";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url", System.getenv().getOrDefault(URL_VARIABLE, ""),
                "quarkus.datasource.username", System.getenv().getOrDefault("OMNIVOX_TEST_POSTGRES_USER", "postgres"),
                "quarkus.datasource.password", System.getenv().getOrDefault("OMNIVOX_TEST_POSTGRES_PASSWORD", ""),
                // set up as one of several replicas sharing the database: memory goes straight to it
                "omnivox.agent.memory-write-behind", "false");
    }

    @Override
    public Set<String> tags() {
        return Set.of("postgresql");
    }
}
