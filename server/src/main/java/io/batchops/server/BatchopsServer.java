package io.batchops.server;

import io.batchops.server.admin.AdminResource;
import io.batchops.server.auth.AuthFeature;
import io.batchops.server.auth.Credentials;
import io.batchops.server.auth.Identities;
import io.batchops.server.drs.DrsJobService;
import io.batchops.server.drs.DrsJobsResource;
import io.batchops.server.drs.JobExpiry;
import io.batchops.server.drs.JobRetention;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ApiExceptionMapper;
import io.batchops.server.errors.ConstraintViolationMapper;
import io.batchops.server.errors.ErrorCode;
import io.batchops.server.errors.JsonExceptionMapper;
import io.batchops.server.errors.UnavailableMapper;
import io.batchops.server.errors.UnexpectedExceptionMapper;
import io.batchops.server.errors.WebApplicationExceptionMapper;
import io.batchops.server.faults.FaultFeature;
import io.batchops.server.faults.Faults;
import io.batchops.server.faults.FaultsResource;
import io.batchops.server.gateway.BodyLimit;
import io.batchops.server.gateway.GatewayGuard;
import io.batchops.server.gateway.HostGuard;
import io.batchops.server.gateway.SafeHeaders;
import io.batchops.server.gateway.NoUpgrades;
import io.batchops.server.gateway.SlowClients;
import io.batchops.server.iam.IamResource;
import io.batchops.server.iam.IamService;
import io.batchops.server.iam.IamTraceIds;
import io.batchops.server.journal.Journal;
import io.batchops.server.journal.JournalResource;
import io.batchops.server.json.Json;
import io.batchops.server.json.JsonBodyReader;
import io.batchops.server.meta.MetaResource;
import io.batchops.server.meta.SpecsResource;
import io.batchops.server.pages.PageRouter;
import io.batchops.server.request.Operations;
import io.batchops.server.request.RequestIds;
import io.batchops.server.sms.SmsSourceService;
import io.batchops.server.sms.SmsSourcesResource;
import io.batchops.server.sms.SmsTaskService;
import io.batchops.server.sms.SmsTasksResource;
import io.batchops.server.store.StoredState;
import io.batchops.server.store.Store;
import io.batchops.server.telemetry.Metrics;
import io.batchops.server.telemetry.TelemetryFilter;
import io.batchops.server.timing.ControlClock;
import io.batchops.server.timing.MoveClock;
import io.batchops.server.validation.DateTimeParameters;
import io.batchops.server.validation.FastValidation;
import io.batchops.server.validation.QueryValues;
import io.batchops.server.validation.Validation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The server, built in this one place for {@code main} and the tests alike. {@link #start} binds and
 * returns a running server; {@link #close} stops it.
 */
public final class BatchopsServer implements AutoCloseable {
    /** Grizzly refuses headers over this with an empty 400; the guard's JSON answer comes first. */
    private static final int GRIZZLY_MAX_HEADER_BYTES = 1024 * 1024;
    private static final int GRIZZLY_MAX_HEADERS = 16 * 1024;
    /** How long a stop waits for requests under way. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /**
     * Jersey warns that resources whose @Path sits on the generated interface "will be ignored" as
     * providers; they are served as resources all the same, so the warning only misleads. Held in a
     * field so that the level is not lost with a collected logger.
     */
    private static final Logger JERSEY_PROVIDERS = Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    static {
        JERSEY_PROVIDERS.setLevel(Level.SEVERE);
    }

    private final HttpServer http;
    private final URI uri;
    private final Store store;
    private final Metrics metrics;
    private final SlowClients slowClients;
    private final JobExpiry jobExpiry;
    /** Whether the store was opened here (and is closed here), not given by the caller. */
    private boolean ownsStore;

    private BatchopsServer(HttpServer http, URI uri, Store store, Metrics metrics, SlowClients slowClients, JobExpiry jobExpiry) {
        this.http = http;
        this.uri = uri;
        this.store = store;
        this.metrics = metrics;
        this.slowClients = slowClients;
        this.jobExpiry = jobExpiry;
    }

    /** The JAX-RS application, and the DRS jobs' service, whose deleted jobs someone must forget in time. */
    private record App(ResourceConfig resources, DrsJobService drsJobs) {
    }

    /** The JAX-RS application: resources, JSON, validation, authentication and error mappers. */
    private static App createApp(ServerConfig config, Store store, Credentials credentials, boolean development,
            Journal journal, Metrics metrics) {
        Clock clock = Clock.systemUTC();
        ControlClock controlClock = new ControlClock(clock);
        Identities identities = new Identities(credentials, controlClock);
        MoveClock moveClock = new MoveClock(store.clock());
        DrsJobService drsJobs = new DrsJobService(store, moveClock,
                new JobRetention(config.deletedJobRetention(), controlClock.ahead(store.clock())));
        Faults faults = new Faults();
        return new App(new ResourceConfig()
                .register(new SmsTasksResource(new SmsTaskService(store, moveClock)))
                .register(new SmsSourcesResource(new SmsSourceService(store, moveClock)))
                .register(new DrsJobsResource(drsJobs))
                .register(new IamResource(new IamService(identities)))
                .register(new IamTraceIds())
                .register(new AdminResource(store, moveClock, controlClock, drsJobs))
                .register(new FaultsResource(faults))
                .register(new FaultFeature(faults))
                .register(new JournalResource(journal))
                .register(new Operations())
                .register(new MetaResource(metrics, store::health, development))
                .register(new TelemetryFilter(metrics, journal))
                .register(SpecsResource.class)
                .register(JacksonFeature.withoutExceptionMappers())
                .register(Json.class)
                .register(JsonBodyReader.class)
                .register(Validation.class)
                .register(FastValidation.class)
                .register(RequestIds.class)
                .register(new BodyLimit(config.headerTimeout()))
                .register(QueryValues.class)
                .register(DateTimeParameters.class)
                .register(new AuthFeature(identities, clock, config.adminToken()))
                .register(ApiExceptionMapper.class)
                .register(JsonExceptionMapper.class)
                .register(ConstraintViolationMapper.class)
                .register(WebApplicationExceptionMapper.class)
                .register(UnexpectedExceptionMapper.class)
                .register(UnavailableMapper.class)
                .property(ServerProperties.BV_SEND_ERROR_IN_RESPONSE, true)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true), drsJobs);
    }

    /**
     * Loads the configured credentials, opens the configured store and adds the fixtures to it, then
     * starts listening; {@link #close} closes the store too.
     */
    public static BatchopsServer start(ServerConfig config) {
        Credentials credentials = config.credentials() == null
                ? Credentials.development()
                : Credentials.read(config.credentials());
        StoredState fixtures = config.seed() == null ? null : StoredState.read(config.seed());
        Store store = config.store().open();
        try {
            if (fixtures != null) {
                // The control clock is the machine's at start.
                fixtures.loadInto(store, store.clock().instant());
            }
            BatchopsServer server = start(config, store, credentials, config.credentials() == null);
            server.ownsStore = true;
            return server;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Starts listening with the given state and principals ({@code development}: the development principal's). */
    public static BatchopsServer start(ServerConfig config, Store store, Credentials credentials, boolean development) {
        URI requested = URI.create("http://" + config.host() + ":" + config.port() + "/");
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(requested, false);
        Journal journal = new Journal(config.journalSize());
        Metrics metrics = new Metrics(store, journal);
        App app = createApp(config, store, credentials, development, journal, metrics);
        GrizzlyHttpContainer application = ContainerFactory.createContainer(GrizzlyHttpContainer.class, app.resources());
        ServerConfiguration server = http.getServerConfiguration();
        server.addHttpHandler(new SafeHeaders(new HostGuard(config.host(), config.allowedHosts(),
                new PageRouter(new GatewayGuard(application))), PageRouter.DOCS, PageRouter.CONSOLE), "/");
        // DRS's batch operation is a DELETE with a body, which Grizzly refuses unless told otherwise.
        server.setAllowPayloadForUndefinedHttpMethods(true);
        // Whatever Grizzly still answers itself is answered in JSON too.
        server.setDefaultErrorPageGenerator((request, status, reason, description, exception) -> GatewayGuard.json(
                ApiException.of(ErrorCode.GATEWAY_BAD_REQUEST, status + " " + reason), RequestIds.newId()));
        NetworkListener listener = http.getListeners().iterator().next();
        // Grizzly's own ceiling; the guard answers anything over its smaller limit in JSON.
        listener.setMaxHttpHeaderSize(GRIZZLY_MAX_HEADER_BYTES);
        listener.setMaxRequestHeaders(GRIZZLY_MAX_HEADERS);
        listener.registerAddOn(new NoUpgrades());
        SlowClients slowClients = new SlowClients(config.headerTimeout());
        listener.registerAddOn(slowClients);
        if (!config.headerTimeout().isZero()) {
            // A blocking read (a body sent after "100 Continue") waits no longer than that either.
            listener.getTransport().setReadTimeout(config.headerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            http.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + requested + ": " + e.getMessage(), e);
        }
        URI bound = URI.create("http://" + config.host() + ":" + listener.getPort());
        return new BatchopsServer(http, bound, store, metrics, slowClients, JobExpiry.start(app.drsJobs()));
    }

    /** Where the server listens, with the port it really bound. */
    public URI uri() {
        return uri;
    }

    public Store store() {
        return store;
    }

    @Override
    /**
     * Stops gracefully: no new connections are accepted, requests under way are finished (for up to
     * {@link #SHUTDOWN_GRACE}), then the server stops.
     */
    public void close() {
        try {
            // No new connections, then the requests still arriving finish, then the server's own graceful stop.
            for (NetworkListener listener : http.getListeners()) {
                listener.getTransport().unbindAll();
            }
            slowClients.awaitKeptRequests(SHUTDOWN_GRACE);
            http.shutdown(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.shutdownNow();
        } catch (ExecutionException e) {
            http.shutdownNow();
        } finally {
            jobExpiry.close();
            metrics.close();
            slowClients.close();
            if (ownsStore) {
                store.close();
            }
        }
    }
}
