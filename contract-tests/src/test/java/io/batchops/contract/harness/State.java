package io.batchops.contract.harness;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.SourceServerState;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the server holds, read through the control API's export ({@code GET /_batchops/state}) or listed through the API. */
public final class State {
    private State() {
    }

    /** All state, in the seed file's format. */
    public static JsonNode export() {
        Exchange exported = Wire.admin("GET", "/_batchops/state").send();
        if (exported.status() != 200) {
            throw new AssertionError("cannot export the state: " + exported);
        }
        return exported.json();
    }

    private static Optional<JsonNode> find(JsonNode state, String service, String list, String ownerField, String owner,
            String id) {
        for (JsonNode entry : state.path(service).path(list)) {
            if (owner.equals(entry.path(ownerField).asText()) && id.equals(entry.path("id").asText())) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    public static boolean taskExists(String domain, String id) {
        return find(export(), "sms", "tasks", "domain_id", domain, id).isPresent();
    }

    public static Optional<JobStatus> jobStatus(String project, String id) {
        return find(export(), "drs", "jobs", "project_id", project, id)
                .map(job -> JobStatus.fromValue(job.path("status").asText()));
    }

    public static Optional<SourceServerState> sourceState(String domain, String id) {
        return find(export(), "sms", "sources", "domain_id", domain, id)
                .map(source -> SourceServerState.fromValue(source.path("state").asText()));
    }

    /**
     * Where each task and job of {@code seed} stands now: present or gone, and each job's status. Two
     * snapshots are equal when a request changed none of them.
     */
    public static TreeMap<String, String> of(Seed seed) {
        JsonNode state = export();
        TreeMap<String, String> snapshot = new TreeMap<>();
        seed.tasks().forEach(task -> snapshot.put("task " + task.getDomainId() + "/" + task.getId(),
                find(state, "sms", "tasks", "domain_id", task.getDomainId(), task.getId()).isPresent() ? "present" : "gone"));
        seed.jobs().forEach(job -> snapshot.put("job " + job.getProjectId() + "/" + job.getId(),
                find(state, "drs", "jobs", "project_id", job.getProjectId(), job.getId())
                        .map(found -> found.path("status").asText()).orElse("gone")));
        return snapshot;
    }

    /** What the API lists of Alice's state: sources, tasks, jobs and their statuses, and the timing. */
    public static String listing() {
        return String.join("\n",
                Wire.to(Contract.SMS, "GET", "/v3/sources").token(TestServer.ALICE_TOKEN).send().body(),
                Wire.to(Contract.SMS, "GET", "/v3/tasks").token(TestServer.ALICE_TOKEN).send().body(),
                Wire.to(Contract.DRS, "POST", "/v3/" + TestServer.ALICE_PROJECT + "/jobs").token(TestServer.ALICE_TOKEN)
                        .body(Map.of("cur_page", 1, "per_page", 100, "db_use_type", "migration")).send().body(),
                Wire.to(Contract.ADMIN, "GET", "/_batchops/timing")
                        .header("X-Batchops-Admin-Token", TestServer.ADMIN_TOKEN).send().body());
    }
}
