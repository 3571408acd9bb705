package io.batchops.server.store;

import org.junit.jupiter.api.Assumptions;
import static org.junit.jupiter.api.Assertions.fail;

/** The PostgreSQL server the store's tests use: the one {@code .ci/postgres} starts, or the one the environment names. */
final class TestDatabases {
    private TestDatabases() {
    }

    /**
     * A store on {@code BATCHOPS_TEST_DATABASE_URL}; without one, the test is skipped and says why
     * (or fails, where {@code BATCHOPS_DATABASE_REQUIRED} is set).
     */
    static Store postgres() {
        String url = System.getenv("BATCHOPS_TEST_DATABASE_URL");
        if (url == null || url.isBlank()) {
            if ("true".equals(System.getenv("BATCHOPS_DATABASE_REQUIRED"))) {
                fail("BATCHOPS_DATABASE_REQUIRED is set, but BATCHOPS_TEST_DATABASE_URL is not");
            }
            Assumptions.abort("no PostgreSQL: set BATCHOPS_TEST_DATABASE_URL, or run under .ci/postgres");
        }
        return StoreConfig.postgres(url, System.getenv("BATCHOPS_TEST_DATABASE_USER"),
                System.getenv("BATCHOPS_TEST_DATABASE_PASSWORD")).open();
    }
}
