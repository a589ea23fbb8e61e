package io.omnivox.studio;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import io.omnivox.persistence.PostgresTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The replica claim tests on PostgreSQL, where {@code FOR UPDATE SKIP LOCKED} does the work and every claimer holds
 * its own connection; skipped, with the reason, unless a test database is configured.
 */
@QuarkusTest
@TestProfile(PostgresTestProfile.class)
@Tag("postgresql")
@EnabledIfEnvironmentVariable(named = PostgresTestProfile.URL_VARIABLE, matches = "jdbc:postgresql:.+",
        disabledReason = "no PostgreSQL to test against: set OMNIVOX_TEST_POSTGRES_URL=jdbc:postgresql://host:port/db "
                + "(and OMNIVOX_TEST_POSTGRES_USER, OMNIVOX_TEST_POSTGRES_PASSWORD) to a throwaway database, "
                + "as .ci/run does")
class PostgresJobClaimsTest extends JobClaimsTest {
}
