package io.batchops.junit5;

import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import io.batchops.client.BatchopsClient;
import io.batchops.client.BatchopsControl;
import io.batchops.client.admin.invoker.ApiClient;
import io.batchops.client.admin.model.Fixtures;
import io.batchops.client.admin.model.RecordedRequest;
import io.batchops.server.BatchopsServer;
import io.batchops.server.ServerConfig;
import io.batchops.server.auth.Credentials;
import io.batchops.server.journal.Journal;
import io.batchops.server.json.Json;
import io.batchops.server.meta.SdkEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * batchops inside a JUnit 5 test. Registered on a static field, it starts the real server in-process
 * on a free port once per test class (built by the same code as {@code main}), and before each test
 * resets its state, fault rules, journal and timing, then loads the configured fixtures.
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
 * started: the same tests run against the batchops at that URL.
 */
public final class BatchopsExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** A running batchops to test against instead of starting one. */
    public static final String URI_PROPERTY = "batchops.test.uri";
    /** The control API's token of that batchops. */
    public static final String ADMIN_TOKEN_PROPERTY = "batchops.test.admin-token";

    private Path credentials;
    private String principalName;
    private Path seed;
    private Fixtures fixtures;
    private String adminToken;
    private int journalSize = Journal.DEFAULT_CAPACITY;
    private int port;
    private boolean resetBeforeEach = true;
    private Path regionsFile;
    /**
     * The port the first server with a regions file bound in this JVM: the SDK reads a regions file
     * once per JVM and keeps its endpoints, so every later start listens there again.
     */
    private static volatile int regionsPort;

    private BatchopsServer server;
    private URI uri;
    private boolean startedForOneTest;
    private Duration startTime;
    private Principal principal;
    private BatchopsControl control;
    private String effectiveAdminToken;
    private BatchopsClient client;
    private SmsClient sms;
    private DrsClient drs;

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

    /** The control API's token (default {@value ServerConfig#DEVELOPMENT_ADMIN_TOKEN}). */
    public BatchopsExtension withAdminToken(String token) {
        this.adminToken = token;
        return this;
    }

    /** The port to listen on (default 0: a free one), for a proxy in front of it that expects one. */
    public BatchopsExtension withPort(int port) {
        this.port = port;
        return this;
    }

    /** How many requests the journal keeps (default {@value Journal#DEFAULT_CAPACITY}). */
    public BatchopsExtension withJournalSize(int size) {
        this.journalSize = size;
        return this;
    }

    /**
     * Writes the official SDK's regions file here at each start, before any test runs: every SMS and
     * DRS region of the SDK served by this batchops. Point {@code HUAWEICLOUD_SDK_REGIONS_FILE} at it
     * (in Surefire's {@code environmentVariables}), and code built with {@code SmsRegion.valueOf} or
     * {@code DrsRegion.valueOf} reaches batchops unchanged. The SDK reads the file once per JVM, so every
     * in-process start in the JVM listens on the port the first one took.
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
        if (uri == null) {
            // Registered on an instance field: no class-level callbacks, so one server per test.
            start();
            startedForOneTest = true;
        }
        if (resetBeforeEach) {
            control.resetAll();
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
        if (uri != null) {
            return this;
        }
        long began = System.nanoTime();
        String remote = System.getProperty(URI_PROPERTY, "");
        String token = adminToken;
        if (remote.isBlank()) {
            int listenOn = port == 0 && regionsFile != null ? regionsPort : port;
            server = BatchopsServer.start(new ServerConfig(ServerConfig.DEFAULT_HOST, listenOn, credentials, null, adminToken,
                    journalSize));
            uri = server.uri();
            if (regionsFile != null && regionsPort == 0) {
                regionsPort = uri.getPort();
            }
        } else {
            uri = URI.create(remote.replaceAll("/$", ""));
            token = System.getProperty(ADMIN_TOKEN_PROPERTY, adminToken);
        }
        effectiveAdminToken = token == null ? ServerConfig.DEVELOPMENT_ADMIN_TOKEN : token;
        control = BatchopsControl.create(uri.toString(), effectiveAdminToken);
        principal = readPrincipal();
        if (regionsFile != null) {
            writeRegionsFile(regionsFile);
        }
        startTime = Duration.ofNanos(System.nanoTime() - began);
        if (!resetBeforeEach) {
            loadConfiguredState();
        }
        return this;
    }

    /** Stops the in-process server, if this extension started one. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
        }
        server = null;
        uri = null;
        startedForOneTest = false;
        sms = null;
        drs = null;
        client = null;
    }

    private void loadConfiguredState() {
        if (seed != null) {
            try {
                control.load(ApiClient.createDefaultObjectMapper().readValue(seed.toFile(), Fixtures.class));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the seed file " + seed, e);
            }
        }
        if (fixtures != null) {
            control.load(fixtures);
        }
    }

    private Principal readPrincipal() {
        if (credentials == null) {
            return new Principal("developer", Credentials.DEVELOPMENT_DOMAIN, Credentials.DEVELOPMENT_PROJECT,
                    Credentials.DEVELOPMENT_TOKEN, Credentials.DEVELOPMENT_AK, Credentials.DEVELOPMENT_SK);
        }
        Credentials.File file;
        try {
            file = Json.MAPPER.readValue(credentials.toFile(), Credentials.File.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials file " + credentials, e);
        }
        Credentials.Entry entry = file.principals().stream()
                .filter(candidate -> principalName == null || principalName.equals(candidate.name()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(credentials + " has no principal " + principalName));
        Credentials.AccessKey key = entry.accessKeys() == null || entry.accessKeys().isEmpty() ? null : entry.accessKeys().get(0);
        return new Principal(entry.name(), entry.domainId(),
                entry.projects() == null || entry.projects().isEmpty() ? null : entry.projects().get(0).id(),
                entry.tokens() == null || entry.tokens().isEmpty() ? null : entry.tokens().get(0),
                key == null ? null : key.ak(), key == null ? null : key.sk());
    }

    private void requireStarted() {
        if (uri == null) {
            throw new IllegalStateException("batchops is not started: register the extension on a static field "
                    + "with @RegisterExtension, or call start()");
        }
    }

    /** Where batchops listens, as {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        requireStarted();
        return uri.toString();
    }

    /** How long the last start took (the server's, in-process; connecting, otherwise). */
    public Duration startTime() {
        requireStarted();
        return startTime;
    }

    /** The principal the clients act as, with its token, access key pair, account and project. */
    public Principal principal() {
        requireStarted();
        return principal;
    }

    /** The control API's token ({@code X-Batchops-Admin-Token}), for raw requests to it. */
    public String adminToken() {
        requireStarted();
        return effectiveAdminToken;
    }

    /** Whether this extension started the server in this JVM (rather than using {@value #URI_PROPERTY}). */
    public boolean inProcess() {
        requireStarted();
        return server != null;
    }

    /**
     * The environment that points code written with the official SDK (in any language) at this
     * batchops, as the principal: an endpoint for every SMS and DRS region of the SDK's and IAM's
     * ({@code HUAWEICLOUD_SDK_REGION_*}, {@code HUAWEICLOUD_SDK_IAM_ENDPOINT}), and the principal's access
     * key pair ({@code HUAWEICLOUD_SDK_AK} / {@code _SK}, and API Explorer's {@code CLOUD_SDK_AK} / {@code _SK}).
     * For a child process's environment, or a container's.
     */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(SdkEndpoints.variables(baseUrl(), false));
        if (principal.accessKey() != null) {
            environment.put("HUAWEICLOUD_SDK_AK", principal.accessKey());
            environment.put("HUAWEICLOUD_SDK_SK", principal.secretKey());
            environment.put("CLOUD_SDK_AK", principal.accessKey());
            environment.put("CLOUD_SDK_SK", principal.secretKey());
        }
        return environment;
    }

    /** Writes the official SDK's regions file for this batchops to {@code file} (see {@link #withRegionsFile}). */
    public void writeRegionsFile(Path file) {
        requireStarted();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, SdkEndpoints.regionsFile(baseUrl()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the regions file " + file, e);
        }
    }

    /** The control API in Java: state, fixtures, timing, faults, the journal. */
    public BatchopsControl control() {
        requireStarted();
        return control;
    }

    /** The generated client, with the principal's token. */
    public synchronized BatchopsClient client() {
        requireStarted();
        if (client == null) {
            client = BatchopsClient.create(baseUrl(), principal.token());
        }
        return client;
    }

    /** The official SDK's SMS client, signing with the principal's access key, in its account. */
    public synchronized SmsClient sms() {
        requireStarted();
        if (sms == null) {
            sms = SdkClients.sms(baseUrl(), principal);
        }
        return sms;
    }

    /** The official SDK's DRS client, signing with the principal's access key, in its project. */
    public synchronized DrsClient drs() {
        requireStarted();
        if (drs == null) {
            drs = SdkClients.drs(baseUrl(), principal);
        }
        return drs;
    }

    /** A builder of state in the principal's account and project; {@link Given#load()} adds it. */
    public Given given() {
        requireStarted();
        return new Given(control, principal.domainId(), principal.projectId());
    }

    /** The requests in the journal that match {@code pattern}, oldest first. */
    public List<RecordedRequest> requests(RequestPattern pattern) {
        return control().requests().stream().filter(pattern::matches).toList();
    }

    /** At least one request in the journal matches {@code pattern}; otherwise fails, listing the closest. */
    public void verify(RequestPattern pattern) {
        List<RecordedRequest> all = control().requests();
        if (all.stream().noneMatch(pattern::matches)) {
            throw new AssertionError(failure("at least once", 0, pattern, all));
        }
    }

    /** Exactly {@code times} requests in the journal match {@code pattern}; otherwise fails, listing the closest. */
    public void verify(int times, RequestPattern pattern) {
        List<RecordedRequest> all = control().requests();
        long found = all.stream().filter(pattern::matches).count();
        if (found != times) {
            throw new AssertionError(failure(times == 1 ? "once" : times + " times", found, pattern, all));
        }
    }

    /** The failure of a verification: what was expected, and the requests that came closest, with how each differs. */
    private static String failure(String expected, long found, RequestPattern pattern, List<RecordedRequest> all) {
        StringBuilder message = new StringBuilder("Expected a request with ").append(pattern).append(' ').append(expected)
                .append(", found ").append(found).append(" among ").append(all.size()).append(" recorded.");
        List<RecordedRequest> closest = all.stream()
                .filter(request -> !pattern.matches(request))
                .sorted(Comparator.comparingInt((RecordedRequest request) -> pattern.mismatches(request).size())
                        .thenComparing(RecordedRequest::getSeq, Comparator.reverseOrder()))
                .limit(3).toList();
        if (!closest.isEmpty()) {
            message.append(" Closest:");
            for (RecordedRequest request : closest) {
                message.append("\n  #").append(request.getSeq()).append(' ').append(describe(request)).append(": ")
                        .append(String.join("; ", pattern.mismatches(request)));
            }
        }
        return message.toString();
    }

    private static String describe(RecordedRequest request) {
        return request.getOperation() + " " + request.getMethod() + " " + request.getPath() + " ids="
                + request.getIds() + " by " + Objects.requireNonNullElse(request.getPrincipal(), "nobody") + " ("
                + request.getAuth() + (request.getAccessKey() == null ? "" : " " + request.getAccessKey()) + ") -> "
                + (request.getStatus() == null ? "dropped" : request.getStatus())
                + (request.getErrorCode() == null ? "" : " " + request.getErrorCode())
                + (request.getRefused() == null ? "" : " refused: " + request.getRefused());
    }

    @Override
    public String toString() {
        return uri == null ? "batchops (not started)" : "batchops at " + uri;
    }
}
