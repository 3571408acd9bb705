package io.batchops.contract.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL database of {@code .ci/postgres}, for tests of jars that share or lose one:
 * {@code BATCHOPS_TEST_DATABASE_URL} (and {@code _USER}, {@code _PASSWORD}), and
 * {@code BATCHOPS_TEST_DATABASE_CTL} to stop and start it. Without them a test is skipped, saying
 * why, unless {@code BATCHOPS_DATABASE_REQUIRED=true} (CI) makes that a failure.
 */
public final class TestDatabase {
    private TestDatabase() {
    }

    /** The server's arguments for the database. */
    public static List<String> serverArguments() {
        List<String> arguments = new ArrayList<>(List.of("--database-url", required("BATCHOPS_TEST_DATABASE_URL")));
        if (System.getenv("BATCHOPS_TEST_DATABASE_USER") != null) {
            arguments.addAll(List.of("--database-user", System.getenv("BATCHOPS_TEST_DATABASE_USER")));
        }
        if (System.getenv("BATCHOPS_TEST_DATABASE_PASSWORD") != null) {
            arguments.addAll(List.of("--database-password", System.getenv("BATCHOPS_TEST_DATABASE_PASSWORD")));
        }
        return arguments;
    }

    /** Stops the database (fast: its sessions are ended, as a crash or a failover would). */
    public static void stop() {
        control("stop");
    }

    public static void start() {
        control("start");
    }

    private static void control(String action) {
        try {
            Process ctl = new ProcessBuilder(required("BATCHOPS_TEST_DATABASE_CTL"), action).redirectErrorStream(true).start();
            String output = new String(ctl.getInputStream().readAllBytes());
            if (!ctl.waitFor(60, TimeUnit.SECONDS) || ctl.exitValue() != 0) {
                throw new AssertionError("could not " + action + " the database: " + output);
            }
        } catch (IOException e) {
            throw new AssertionError("could not " + action + " the database", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            if ("true".equals(System.getenv("BATCHOPS_DATABASE_REQUIRED"))) {
                Assertions.fail("BATCHOPS_DATABASE_REQUIRED is set, but " + variable + " is not");
            }
            Assumptions.abort("no PostgreSQL: " + variable + " is not set; run under .ci/postgres");
        }
        return value;
    }
}
