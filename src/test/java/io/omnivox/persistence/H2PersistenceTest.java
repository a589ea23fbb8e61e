package io.omnivox.persistence;

import io.quarkus.test.junit.QuarkusTest;

/** The persistence contract on H2, the default database (in memory for tests, a file in production). */
@QuarkusTest
class H2PersistenceTest extends PersistenceContract {
}
