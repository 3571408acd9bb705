package io.batchops.junit5;

import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import io.batchops.client.BatchopsClient;
import io.batchops.client.BatchopsControl;
import io.batchops.client.admin.model.DevelopmentPrincipal;
import io.batchops.client.admin.model.RecordedRequest;
import io.batchops.client.admin.model.SdkEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A running batchops as a test uses it, wherever it runs (a child JVM of the test's, a container, a
 * URL): its control API, the official SDK's clients and the generated one acting as a principal,
 * fixtures, and the verification of the requests it received. {@link BatchopsExtension} and the
 * Testcontainers module hand one out; {@link #connect} opens one to any batchops.
 */
public final class Batchops {
    private final URI uri;
    private final String adminToken;
    private final BatchopsControl control;
    private final Principal principal;
    private SdkEnvironment environment;
    private BatchopsClient client;
    private SmsClient sms;
    private DrsClient drs;

    private Batchops(URI uri, String adminToken, BatchopsControl control, Principal principal) {
        this.uri = uri;
        this.adminToken = adminToken;
        this.control = control;
        this.principal = principal;
    }

    /**
     * The batchops at {@code baseUrl}, with its control API's token, acting as the principal
     * {@code principalName} of {@code credentials} (the file it was started with), or, when
     * {@code credentials} is null, as the development principal it then serves.
     */
    public static Batchops connect(String baseUrl, String adminToken, Path credentials, String principalName) {
        URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/$", ""));
        BatchopsControl control = BatchopsControl.create(uri.toString(), Objects.requireNonNull(adminToken, "adminToken"));
        Principal principal;
        SdkEnvironment environment = null;
        if (credentials != null) {
            principal = CredentialsFile.principal(credentials, principalName);
        } else {
            environment = control.environment();
            DevelopmentPrincipal developer = environment.getDevelopmentPrincipal();
            if (developer == null) {
                throw new IllegalStateException("batchops at " + uri + " serves no development principal (it was "
                        + "started with --credentials): name that file");
            }
            principal = new Principal(developer.getName(), developer.getDomainId(), developer.getProjectId(),
                    developer.getToken(), developer.getAccessKey(), developer.getSecretKey());
        }
        Batchops batchops = new Batchops(uri, adminToken, control, principal);
        batchops.environment = environment;
        return batchops;
    }

    /** Where batchops listens, as {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return uri.toString();
    }

    /** The control API's token ({@code X-Batchops-Admin-Token}), for raw requests to it. */
    public String adminToken() {
        return adminToken;
    }

    /** The principal the clients act as, with its token, access key pair, account and project. */
    public Principal principal() {
        return principal;
    }

    /** The control API in Java: state, fixtures, timing, faults, the journal. */
    public BatchopsControl control() {
        return control;
    }

    /** The generated client, with the principal's token. */
    public synchronized BatchopsClient client() {
        if (client == null) {
            client = BatchopsClient.create(baseUrl(), principal.token());
        }
        return client;
    }

    /** The official SDK's SMS client, signing with the principal's access key, in its account. */
    public synchronized SmsClient sms() {
        if (sms == null) {
            sms = SdkClients.sms(baseUrl(), principal);
        }
        return sms;
    }

    /** The official SDK's DRS client, signing with the principal's access key, in its project. */
    public synchronized DrsClient drs() {
        if (drs == null) {
            drs = SdkClients.drs(baseUrl(), principal);
        }
        return drs;
    }

    /** A builder of state in the principal's account and project; {@link Given#load()} adds it. */
    public Given given() {
        return new Given(control, principal.domainId(), principal.projectId());
    }

    private synchronized SdkEnvironment sdkEnvironment() {
        if (environment == null) {
            environment = control.environment();
        }
        return environment;
    }

    /**
     * The environment that points code written with the official SDK (in any language) at this
     * batchops, as the principal: an endpoint for every SMS and DRS region of the SDK's and IAM's
     * ({@code HUAWEICLOUD_SDK_REGION_*}, {@code HUAWEICLOUD_SDK_IAM_ENDPOINT}), and the principal's access
     * key pair ({@code HUAWEICLOUD_SDK_AK} / {@code _SK}, and API Explorer's {@code CLOUD_SDK_AK} / {@code _SK}).
     * For a child process's environment, or a container's.
     */
    public Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>(sdkEnvironment().getVariables());
        if (principal.accessKey() != null) {
            variables.put("HUAWEICLOUD_SDK_AK", principal.accessKey());
            variables.put("HUAWEICLOUD_SDK_SK", principal.secretKey());
            variables.put("CLOUD_SDK_AK", principal.accessKey());
            variables.put("CLOUD_SDK_SK", principal.secretKey());
        }
        return variables;
    }

    /** Writes the official SDK's regions file for this batchops to {@code file}, for {@code HUAWEICLOUD_SDK_REGIONS_FILE}. */
    public void writeRegionsFile(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, sdkEnvironment().getRegionsFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the regions file " + file, e);
        }
    }

    /** The requests in the journal that match {@code pattern}, oldest first. */
    public List<RecordedRequest> requests(RequestPattern pattern) {
        return control.requests().stream().filter(pattern::matches).toList();
    }

    /** At least one request in the journal matches {@code pattern}; otherwise fails, listing the closest. */
    public void verify(RequestPattern pattern) {
        List<RecordedRequest> all = control.requests();
        if (all.stream().noneMatch(pattern::matches)) {
            throw new AssertionError(failure("at least once", 0, pattern, all));
        }
    }

    /** Exactly {@code times} requests in the journal match {@code pattern}; otherwise fails, listing the closest. */
    public void verify(int times, RequestPattern pattern) {
        List<RecordedRequest> all = control.requests();
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
        return "batchops at " + uri;
    }
}
