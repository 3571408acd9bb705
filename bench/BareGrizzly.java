import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.server.auth.Credentials;
import io.batchops.server.auth.Identities;
import io.batchops.server.auth.Principal;
import io.batchops.server.drs.DrsJobService;
import io.batchops.server.drs.JobCommand;
import io.batchops.server.drs.JobOperation;
import io.batchops.server.drs.JobRetention;
import io.batchops.server.errors.ApiException;
import io.batchops.server.errors.ErrorBody;
import io.batchops.server.errors.Language;
import io.batchops.server.json.Json;
import io.batchops.server.sms.SmsTaskService;
import io.batchops.server.store.InMemoryStore;
import io.batchops.server.store.Store;
import io.batchops.server.store.StoredState;
import io.batchops.server.timing.MoveClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The framework's floor, for the benchmark: the same store work as batchops (the same services, the
 * same token check, the same JSON) behind a bare Grizzly HttpHandler, with no JAX-RS, no validation
 * of the spec's bounds and no error mapping beyond the minimum.
 *
 * <p>Run from the repository root: {@code java -cp server/target/batchops-server.jar bench/BareGrizzly.java PORT [SEED]}.
 */
public final class BareGrizzly extends HttpHandler {
    private final Identities credentials = new Identities(Credentials.development(), Clock.systemUTC());
    private final SmsTaskService tasks;
    private final DrsJobService jobs;

    private BareGrizzly(Store store) {
        MoveClock moveClock = new MoveClock(Clock.systemUTC());
        this.tasks = new SmsTaskService(store, moveClock);
        this.jobs = new DrsJobService(store, moveClock, new JobRetention(JobRetention.DEFAULT_KEEP, Clock.systemUTC()));
    }

    public static void main(String[] args) throws Exception {
        Store store = new InMemoryStore();
        if (args.length > 1) {
            StoredState.read(Path.of(args[1])).loadInto(store, Instant.now());
        }
        HttpServer server = new HttpServer();
        NetworkListener listener = new NetworkListener("bare", "127.0.0.1", Integer.parseInt(args[0]));
        server.addListener(listener);
        server.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
        server.getServerConfiguration().addHttpHandler(new BareGrizzly(store), "/");
        server.start();
        System.out.println("bare grizzly listening on " + listener.getPort());
        Thread.currentThread().join();
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        try {
            String path = request.getRequestURI();
            if (path.equals("/_batchops/health")) {
                write(response, 200, Map.of("status", "UP"));
                return;
            }
            Principal caller = credentials.authenticate(request.getHeader("X-Auth-Token"));
            if (path.equals("/v3/tasks/delete") && "POST".equals(request.getMethod().getMethodString())) {
                JsonNode body = Json.MAPPER.readTree(request.getInputStream());
                List<String> ids = new ArrayList<>();
                body.get("ids").forEach(id -> ids.add(id.asText()));
                tasks.deleteTasks(caller, ids);
                write(response, 200, Map.of());
            } else if (path.endsWith("/jobs/batch-jobs") && "DELETE".equals(request.getMethod().getMethodString())) {
                String project = path.split("/")[2];
                JsonNode body = Json.MAPPER.readTree(request.getInputStream());
                List<JobCommand> commands = new ArrayList<>();
                body.get("jobs").forEach(job -> commands.add(new JobCommand(
                        JobOperation.valueOf(job.get("delete_type").asText().toUpperCase(Locale.ROOT)), job.get("job_id").asText())));
                List<Map<String, String>> results = new ArrayList<>();
                jobs.apply(caller, project, commands).forEach(outcome -> results.add(outcome.error()
                        .map(error -> Map.of("id", outcome.jobId(), "status", "failed", "error_code", error.code().code(),
                                "error_msg", error.message(Language.EN_US)))
                        .orElseGet(() -> Map.of("id", outcome.jobId(), "status", "success"))));
                write(response, 202, Map.of("count", results.size(), "results", results));
            } else {
                write(response, 404, Map.of("error_code", "APIGW.0101"));
            }
        } catch (ApiException e) {
            write(response, e.code().status(), ErrorBody.of(e, Language.EN_US, ""));
        }
    }

    private static void write(Response response, int status, Object body) throws Exception {
        byte[] json = Json.MAPPER.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
