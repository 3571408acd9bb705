package io.batchops.server;

import io.batchops.server.auth.Credentials;
import io.batchops.server.drs.JobRetention;
import io.batchops.server.journal.Journal;
import io.batchops.server.meta.Build;
import io.batchops.server.store.StoreConfig;
import io.batchops.server.telemetry.LogFormat;
import io.batchops.server.telemetry.LogSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar batchops-server.jar}: parses the options, starts the server, waits. */
@Command(name = "batchops-server", mixinStandardHelpOptions = true,
        description = "Serves the Huawei Cloud SMS and DRS batch APIs for development and tests.",
        subcommands = {EnvCommand.class, HealthCommand.class})
public final class Main implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "${env:BATCHOPS_HOST:-" + ServerConfig.DEFAULT_HOST + "}",
            description = "Address to listen on (env BATCHOPS_HOST, default ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "${env:BATCHOPS_PORT:-" + ServerConfig.DEFAULT_PORT + "}",
            description = "Port to listen on, 0 for any free port (env BATCHOPS_PORT, default ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--credentials", defaultValue = "${env:BATCHOPS_CREDENTIALS}",
            description = "Credentials file: principals, tokens, actions (env BATCHOPS_CREDENTIALS). "
                    + "Without it, one development principal with token '" + Credentials.DEVELOPMENT_TOKEN + "'.")
    private Path credentials;

    @Option(names = "--seed", defaultValue = "${env:BATCHOPS_SEED}",
            description = "Fixtures file: SMS source servers and tasks, DRS jobs (env BATCHOPS_SEED). Without it, the server starts empty.")
    private Path seed;

    @Option(names = "--admin-token", defaultValue = "${env:BATCHOPS_ADMIN_TOKEN}",
            description = "Credential of the control API under /_batchops/ (env BATCHOPS_ADMIN_TOKEN). "
                    + "Without it, '" + ServerConfig.DEVELOPMENT_ADMIN_TOKEN + "'.")
    private String adminToken;

    @Option(names = "--allowed-hosts", split = ",", defaultValue = "${env:BATCHOPS_ALLOWED_HOSTS}",
            description = "Host names to answer to besides IP addresses, localhost and --host: names, .example.com for a "
                    + "domain and its subdomains, * for any; comma-separated (env BATCHOPS_ALLOWED_HOSTS). A request naming "
                    + "another host (a page's own name pointed at this machine) is refused.")
    private List<String> allowedHosts;

    @Option(names = "--journal-size", defaultValue = "${env:BATCHOPS_JOURNAL_SIZE:-" + Journal.DEFAULT_CAPACITY + "}",
            description = "How many requests the journal at /_batchops/requests keeps (it lists them oldest first, and drops the oldest); 0 keeps none "
                    + "(env BATCHOPS_JOURNAL_SIZE, default ${DEFAULT-VALUE}).")
    private int journalSize;

    @Option(names = "--allow-development-credentials",
            defaultValue = "${env:BATCHOPS_ALLOW_DEVELOPMENT_CREDENTIALS:-false}",
            description = "Serve the development principal or the default admin token on an address other machines "
                    + "can reach (env BATCHOPS_ALLOW_DEVELOPMENT_CREDENTIALS). Without it, the server refuses to start so.")
    private boolean allowDevelopmentCredentials;

    @Option(names = "--header-timeout", defaultValue = "${env:BATCHOPS_HEADER_TIMEOUT:-30}",
            description = "Seconds a client may take to send a request's headers, then as long for its body, before "
                    + "the connection is dropped; 0 waits for ever (env BATCHOPS_HEADER_TIMEOUT, default ${DEFAULT-VALUE}).")
    private long headerTimeoutSeconds;

    @Option(names = "--log-format", defaultValue = "${env:BATCHOPS_LOG_FORMAT:-text}",
            description = "text: a line per record, key=value pairs after the message; json: one JSON object a line "
                    + "(env BATCHOPS_LOG_FORMAT, default ${DEFAULT-VALUE}).")
    private LogFormat logFormat;

    @Option(names = "--data-dir", defaultValue = "${env:BATCHOPS_DATA_DIR}",
            description = "Keep the state in an embedded database (H2) in this directory, so that it survives a restart "
                    + "(env BATCHOPS_DATA_DIR). One process at a time; without it (and --database-url), state is in memory.")
    private Path dataDir;

    @Option(names = "--database-url", defaultValue = "${env:BATCHOPS_DATABASE_URL}",
            description = "Keep the state in this PostgreSQL database (jdbc:postgresql://host:port/database), shared by "
                    + "every instance given the same URL (env BATCHOPS_DATABASE_URL).")
    private String databaseUrl;

    @Option(names = "--database-user", defaultValue = "${env:BATCHOPS_DATABASE_USER}",
            description = "PostgreSQL user (env BATCHOPS_DATABASE_USER).")
    private String databaseUser;

    @Option(names = "--regions-file", defaultValue = "${env:BATCHOPS_REGIONS_FILE}",
            description = "Once listening, write the official SDK's regions file here: every SMS and DRS region served "
                    + "at this server, for HUAWEICLOUD_SDK_REGIONS_FILE (env BATCHOPS_REGIONS_FILE; the name must end in .yaml or .yml).")
    private Path regionsFile;

    @Option(names = "--database-password", defaultValue = "${env:BATCHOPS_DATABASE_PASSWORD}",
            description = "PostgreSQL password (env BATCHOPS_DATABASE_PASSWORD; the variable keeps it out of the process list).")
    private String databasePassword;

    @Option(names = "--database-wait", defaultValue = "${env:BATCHOPS_DATABASE_WAIT:-2}",
            description = "Seconds a request waits for a database connection (--data-dir or --database-url) before it is "
                    + "answered 503 with Retry-After; at least 0.25 (env BATCHOPS_DATABASE_WAIT, default ${DEFAULT-VALUE}).")
    private double databaseWaitSeconds;

    @Option(names = "--deleted-job-retention",
            defaultValue = "${env:BATCHOPS_DELETED_JOB_RETENTION:-" + JobRetention.DEFAULT_KEEP_SECONDS + "}",
            description = "Seconds a deleted DRS job is kept (a batch naming it gets DRS.M05004, queries still find it) before "
                    + "it is gone (DRS.M05003), by the control clock; 0 to " + JobRetention.LONGEST_KEEP_SECONDS
                    + " (env BATCHOPS_DELETED_JOB_RETENTION, default ${DEFAULT-VALUE}).")
    private long deletedJobRetentionSeconds;

    @Option(names = "--port-file", defaultValue = "${env:BATCHOPS_PORT_FILE}",
            description = "Once listening, write the port here, for whoever started batchops with --port 0 "
                    + "(env BATCHOPS_PORT_FILE).")
    private Path portFile;

    @Option(names = "--parent-pid", defaultValue = "${env:BATCHOPS_PARENT_PID}",
            description = "Stop when the process with this id ends: the JUnit extension passes its JVM's, so that no "
                    + "batchops outlives a test run that was killed (env BATCHOPS_PARENT_PID).")
    private Long parentPid;

    @Option(names = "--lease-file", defaultValue = "${env:BATCHOPS_LEASE_FILE}",
            description = "Stop once no process has held a lock on this file for --lease-idle seconds, removing --port-file "
                    + "first: how the JUnit extension keeps a server for the next test JVM (env BATCHOPS_LEASE_FILE).")
    private Path leaseFile;

    @Option(names = "--lease-idle", defaultValue = "${env:BATCHOPS_LEASE_IDLE:-120}",
            description = "Seconds a --lease-file may stay unlocked before the server stops (env BATCHOPS_LEASE_IDLE, "
                    + "default ${DEFAULT-VALUE}).")
    private long leaseIdleSeconds;

    @Spec
    private CommandSpec spec;

    private static final Logger LOG = LoggerFactory.getLogger("batchops.start");

    public static void main(String[] args) {
        System.exit(command().execute(args));
    }

    /** The command line as {@code main} parses it (the start-up archive's training run too). */
    static CommandLine command() {
        return new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Main::badValue)
                // A bad flag or an unreadable file is the user's to fix: say what, without a stack trace.
                .setExecutionExceptionHandler((failure, line, parsed) -> {
                    line.getErr().println("batchops-server: " + failure.getMessage());
                    return 1;
                });
    }

    /**
     * A value that does not parse: said as picocli says it, naming the environment variable when the
     * value came from one (the option was not on the command line).
     */
    private static int badValue(CommandLine.ParameterException failure, String[] arguments) {
        String message = failure.getMessage();
        CommandLine line = failure.getCommandLine();
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("option '--([a-z-]+)'").matcher(message);
        if (named.find()) {
            // Each option's variable is its name in capitals after BATCHOPS_ (as --help lists them).
            String variable = "BATCHOPS_" + named.group(1).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            String flag = "--" + named.group(1);
            if (System.getenv(variable) != null && java.util.Arrays.stream(arguments)
                    .noneMatch(argument -> argument.equals(flag) || argument.startsWith(flag + "="))) {
                message += " (from the environment variable " + variable + ")";
            }
        }
        line.getErr().println("batchops-server: " + message);
        line.getErr().println("Try --help for the options.");
        return 2;
    }

    @Override
    public Integer call() throws InterruptedException {
        LogSetup.configure(logFormat);
        String adminTokenFrom = spec.commandLine().getParseResult().hasMatchedOption("--admin-token")
                ? "--admin-token" : "BATCHOPS_ADMIN_TOKEN";
        String guard = DevelopmentCredentials.check(host, credentials, adminToken, adminTokenFrom, allowDevelopmentCredentials);
        if (regionsFile != null) {
            RegionsFile.check(regionsFile);
        }
        StoreConfig store = new StoreConfig(dataDir, databaseUrl, databaseUser, databasePassword,
                Duration.ofMillis(Math.round(databaseWaitSeconds * 1000)));
        BatchopsServer server = BatchopsServer.start(new ServerConfig(host, port, credentials, seed, adminToken, journalSize,
                Duration.ofSeconds(headerTimeoutSeconds), store, allowedHosts, Duration.ofSeconds(deletedJobRetentionSeconds)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            LogSetup.stop();
            stopped.countDown();
        }, "batchops-shutdown"));
        // Before the line that says the server is up: whoever waits for it finds the options set, and the file written.
        Footprint.giveBackWhenIdle();
        if (regionsFile != null) {
            RegionsFile.write(regionsFile, server.uri().toString());
        }
        if (portFile != null) {
            PortFile.write(portFile, server.uri().getPort());
        }
        if (parentPid != null) {
            stopWhenEnded(parentPid);
        }
        if (leaseFile != null) {
            Lease.stopWhenUnleased(leaseFile, Duration.ofSeconds(leaseIdleSeconds), portFile);
        }
        LOG.info("batchops {} listening on {} (docs {}/_batchops/docs/, console {}/_batchops/console/; state in {}; {})",
                Build.VERSION, server.uri(), server.uri(), server.uri(), store.describe(), guard);
        if (credentials == null) {
            // The secret key is in the README, not in the log.
            LOG.info("No --credentials file: development principal 'developer', X-Auth-Token: {}, access key {} "
                    + "(secret key: see README), domain (SMS account) {}, project (DRS) {} for every region, every action "
                    + "allowed. To point the official SDK here: eval \"$(java -jar batchops-server.jar env --url {})\"",
                    Credentials.DEVELOPMENT_TOKEN, Credentials.DEVELOPMENT_AK, Credentials.DEVELOPMENT_DOMAIN,
                    Credentials.DEVELOPMENT_PROJECT, server.uri());
        }
        if (adminToken == null) {
            LOG.info("No --admin-token: the control API under /_batchops/ takes X-Batchops-Admin-Token: {}",
                    ServerConfig.DEVELOPMENT_ADMIN_TOKEN);
        }
        stopped.await();
        return 0;
    }

    /** Exits (running the shutdown hook) when the process {@code pid} ends, or at once if it is gone. */
    private static void stopWhenEnded(long pid) {
        ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> {
                    LOG.info("process {} ended: stopping", pid);
                    System.exit(0);
                }),
                () -> {
                    LOG.info("process {} is not running: stopping", pid);
                    System.exit(0);
                });
    }
}
