package io.batchops.junit5;

import io.batchops.client.BatchopsControl;
import io.batchops.client.admin.model.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * batchops inside a JUnit 5 test. Registered on a static field, it starts the real server once per
 * test class, in a JVM of its own (so that none of the server's libraries meets the test's class path),
 * on a free port of 127.0.0.1; before each test it resets the state, fault rules, journal, timing and
 * clock, then loads the configured fixtures. A server stopped at the end of a class is kept for the
 * next class with the same configuration, so a test JVM starts a JVM for batchops once.
 *
 * <pre>{@code
 * @RegisterExtension
 * static BatchopsExtension batchops = BatchopsExtension.create();
 *
 * @Test
 * void deletesTheTasks() {
 *     batchops.given().source("s1", SourceServerState.STOPPED).task("t1", "s1", TaskState.READY).load();
 *     new MyMigrationCleaner(batchops.sms()).deleteAll(List.of("t1"));
 *     batchops.verify(1, RequestPattern.operation("deleteTasks").ids("t1"));
 * }
 * }</pre>
 *
 * With the system property {@value #URI_PROPERTY} (and {@value #ADMIN_TOKEN_PROPERTY}), nothing is
 * started: the same tests run against the batchops at that URL. The server's log lines go to the
 * test's SLF4J binding when it has one (logger names {@code batchops.*}), and nowhere otherwise.
 */
public final class BatchopsExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver,
        RunningBatchops {
    /** A running batchops to test against instead of starting one. */
    public static final String URI_PROPERTY = "batchops.test.uri";
    /** The control API's token of that batchops. */
    public static final String ADMIN_TOKEN_PROPERTY = "batchops.test.admin-token";

    private Path credentials;
    private String principalName;
    private Path seed;
    private Fixtures fixtures;
    private String adminToken;
    private Integer journalSize;
    private Duration deletedJobRetention;
    private int port;
    private boolean resetBeforeEach = true;
    private Path regionsFile;
    /**
     * The port the first server with a regions file bound in this JVM: the SDK reads a regions file
     * once per JVM and keeps its endpoints, so every later start listens there again.
     */
    private static volatile int regionsPort;

    private ServerProcess server;
    private Batchops batchops;
    private boolean startedForOneTest;
    private Duration startTime;

    /** For {@code @ExtendWith} and {@link BatchopsTest}: the defaults. */
    public BatchopsExtension() {
    }

    /** An extension with the defaults: the development principal, no fixtures, everything reset before each test. */
    public static BatchopsExtension create() {
        return new BatchopsExtension();
    }

    /** Principals from a credentials file (the server's {@code --credentials} format). */
    public BatchopsExtension withCredentials(Path file) {
        this.credentials = file;
        return this;
    }

    /** Which principal of the credentials file {@link #principal()} and the clients act as (default: the first). */
    public BatchopsExtension withPrincipal(String name) {
        this.principalName = name;
        return this;
    }

    /** A seed file (the server's {@code --seed} format), loaded before each test. */
    public BatchopsExtension withSeed(Path file) {
        this.seed = file;
        return this;
    }

    /** State loaded before each test, as {@link Given#fixtures()} builds it. */
    public BatchopsExtension withFixtures(Fixtures fixtures) {
        this.fixtures = fixtures;
        return this;
    }

    /** The control API's token (default: a random one per server, given by {@link #adminToken()}). */
    public BatchopsExtension withAdminToken(String token) {
        this.adminToken = token;
        return this;
    }

    /** The port to listen on (default 0: a free one), for a proxy in front of it that expects one. */
    public BatchopsExtension withPort(int port) {
        this.port = port;
        return this;
    }

    /** How many requests the journal keeps (default: the server's, README "Configuration"). */
    public BatchopsExtension withJournalSize(int size) {
        this.journalSize = size;
        return this;
    }

    /**
     * How long a deleted DRS job is kept ({@code DRS.M05004}) before it is gone ({@code DRS.M05003}),
     * in whole seconds (default: the server's, an hour). A test can also move the control clock past it.
     */
    public BatchopsExtension withDeletedJobRetention(Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("a retention is 0 or more: " + retention);
        }
        this.deletedJobRetention = retention;
        return this;
    }

    /**
     * Writes the official SDK's regions file here at each start, before any test runs: every SMS and
     * DRS region of the SDK served by this batchops. Point {@code HUAWEICLOUD_SDK_REGIONS_FILE} at it
     * (in Surefire's {@code environmentVariables}), and code built with {@code SmsRegion.valueOf} or
     * {@code DrsRegion.valueOf} reaches batchops unchanged. The SDK reads the file once per JVM, so every
     * start in the JVM listens on the port the first one took.
     */
    public BatchopsExtension withRegionsFile(Path file) {
        this.regionsFile = file;
        return this;
    }

    /** Keeps state, faults and the journal from one test to the next; fixtures are loaded once. */
    public BatchopsExtension withoutResetBeforeEach() {
        this.resetBeforeEach = false;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (batchops == null) {
            // Registered on an instance field: no class-level callbacks, so one server per test.
            start();
            startedForOneTest = true;
        }
        if (resetBeforeEach) {
            batchops.control().resetAll();
            loadConfiguredState();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (startedForOneTest) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BatchopsExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    /** Starts (or, with {@value #URI_PROPERTY}, connects); the tests' callbacks do it, as can a main. */
    public synchronized BatchopsExtension start() {
        if (batchops != null) {
            return this;
        }
        long began = System.nanoTime();
        String remote = System.getProperty(URI_PROPERTY, "");
        if (remote.isBlank()) {
            int listenOn = port == 0 && regionsFile != null ? regionsPort : port;
            boolean[] fresh = new boolean[1];
            server = ServerProcess.acquire(new ServerProcess.Options(credentials, listenOn, journalSize, adminToken, deletedJobRetention),
                    regionsFile != null, fresh, BatchopsControl::prepare);
            batchops = Batchops.connect(server.uri().toString(), server.adminToken(), credentials, principalName);
            if (!fresh[0]) {
                batchops.control().resetAll();
            }
            if (regionsFile != null && regionsPort == 0) {
                regionsPort = server.uri().getPort();
            }
        } else {
            String token = System.getProperty(ADMIN_TOKEN_PROPERTY, adminToken);
            if (token == null) {
                throw new IllegalStateException("-D" + URI_PROPERTY + " needs -D" + ADMIN_TOKEN_PROPERTY
                        + " (or withAdminToken): the control API's token of that batchops");
            }
            batchops = Batchops.connect(remote, token, credentials, principalName);
        }
        if (regionsFile != null) {
            batchops.writeRegionsFile(regionsFile);
        }
        startTime = Duration.ofNanos(System.nanoTime() - began);
        if (!resetBeforeEach) {
            loadConfiguredState();
        }
        return this;
    }

    /** Stops using the server; one this extension started is kept for the next start alike in this JVM. */
    public synchronized void stop() {
        if (server != null) {
            server.release();
        }
        server = null;
        batchops = null;
        startedForOneTest = false;
    }

    private void loadConfiguredState() {
        if (seed != null) {
            batchops.control().load(seed);
        }
        if (fixtures != null) {
            batchops.control().load(fixtures);
        }
    }

    /** The running batchops, as the Testcontainers module and {@link Batchops#connect} give it too. */
    @Override
    public Batchops batchops() {
        if (batchops == null) {
            throw new IllegalStateException("batchops is not started: register the extension on a static field "
                    + "with @RegisterExtension, or call start()");
        }
        return batchops;
    }

    /** How long the last start took: until the server answered, its principal known. */
    public Duration startTime() {
        batchops();
        return startTime;
    }

    /** Whether this extension started the server (rather than using {@value #URI_PROPERTY}). */
    public boolean startedHere() {
        batchops();
        return server != null;
    }

    @Override
    public String toString() {
        return batchops == null ? "batchops (not started)" : batchops.toString();
    }
}
