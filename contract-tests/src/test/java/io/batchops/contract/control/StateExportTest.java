package io.batchops.contract.control;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.BOB_DOMAIN;
import static io.batchops.contract.harness.TestServer.BOB_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchops.client.admin.model.JobFixture;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * All state out and back in, through the control API only: export, reset, import, export gives the
 * same document, for two tenants with a little of everything ({@link StateExportIT}: {@code --seed}
 * reads the same document).
 */
class StateExportTest {
    private static final int GATEWAY_BODY_LIMIT = 1024 * 1024;

    static JsonNode export() {
        Exchange state = Wire.admin("GET", "/_batchops/state").send();
        assertEquals(200, state.status(), state::toString);
        return state.json();
    }

    /** Two tenants, made through the service APIs as well as fixtures, so that every field is set somewhere. */
    static void someOfEverything() {
        Seed.aliceSample()
                .source("src-web-01", ALICE_DOMAIN, SourceServerState.STOPPED, true)
                .source("b-src", BOB_DOMAIN, SourceServerState.CLONING, false)
                .task("b-task", BOB_DOMAIN, "b-src", TaskState.MIGRATE_FAIL)
                .job("b-parent", BOB_PROJECT, JobStatus.INCRE_TRANSFER_STARTED, JobFixture.RoleEnum.PARENT, true)
                .load();
        assertEquals(200, Wire.to(Contract.SMS, "POST", "/v3/tasks").token(TestServer.ALICE_TOKEN)
                .body(Contract.SMS.requestExamples("POST", "/v3/tasks").get("migrateWeb01").getValue()).send().status());
        Wire.to(Contract.DRS, "POST", "/v3/" + ALICE_PROJECT + "/jobs/batch-creation").token(TestServer.ALICE_TOKEN)
                .body(Contract.DRS.requestExamples("POST", "/v3/{project_id}/jobs/batch-creation").get("createMigration")
                        .getValue()).send();
        Wire.to(Contract.SMS, "PUT", "/v3/sources/s2/changestate").token(TestServer.ALICE_TOKEN)
                .body(Map.of("migrationcycle", "cutovered")).send();
    }

    @Test
    void exportResetImportExportGivesTheSameDocument() {
        someOfEverything();
        JsonNode before = export();
        assertEquals(List.of(ALICE_DOMAIN, ALICE_DOMAIN, ALICE_DOMAIN, BOB_DOMAIN),
                before.path("sms").path("sources").findValuesAsText("domain_id"), "tenants by id: " + before);
        assertEquals("cn-north-4", before.path("sms").path("tasks").path(2).path("region_name").asText(), before::toString);
        assertEquals(204, Wire.admin("POST", "/_batchops/reset").send().status());
        assertNotEquals(before, export());
        Exchange imported = Wire.admin("PUT", "/_batchops/state").body(before).send();
        assertEquals(204, imported.status(), imported::toString);
        assertEquals(before, export());
    }

    /**
     * A state past the 1 MiB that bounds the service APIs' bodies: 100,000 records, made from the
     * small document's by new ids, in and out twice. Sent straight to the server (Prism would
     * re-validate 100,000 records for what the small round trip already checks).
     */
    @Test
    void aStateOf100000RecordsRoundTrips() {
        someOfEverything();
        JsonNode sample = export();
        ObjectNode large = sample.deepCopy();
        int records = 0;
        for (String[] list : new String[][] {{"sms", "sources"}, {"sms", "tasks"}, {"drs", "jobs"}}) {
            ArrayNode entries = (ArrayNode) large.path(list[0]).path(list[1]);
            List<JsonNode> originals = new ArrayList<>();
            entries.forEach(originals::add);
            int copies = 100_000 / 3 + (list[1].equals("jobs") ? 100_000 % 3 : 0);
            entries.removeAll();
            for (int i = 0; i < copies; i++) {
                ObjectNode copy = originals.get(i % originals.size()).deepCopy();
                copy.put("id", String.format("%s-%06d", copy.path("id").asText(), i));
                if (copy.has("source_id")) {
                    // A task names a source that exists: the first copy of its own.
                    copy.put("source_id", String.format("%s-%06d", copy.path("source_id").asText(), 0));
                }
                if (copy.has("parent_id")) {
                    copy.remove("parent_id");
                }
                entries.add(copy);
            }
            records += entries.size();
        }
        assertEquals(100_000, records);
        Exchange imported = Wire.admin("PUT", "/_batchops/state").body(large).sendUnchecked();
        assertEquals(204, imported.status(), imported::toString);
        Exchange first = Wire.admin("GET", "/_batchops/state").sendUnchecked();
        assertEquals(200, first.status());
        JsonNode exported = first.json();
        assertEquals(100_000, exported.path("sms").path("sources").size() + exported.path("sms").path("tasks").size()
                + exported.path("drs").path("jobs").size(), "every record kept");
        assertTrue(first.body().length() > 8 * GATEWAY_BODY_LIMIT, "well past the service APIs' limit: " + first.body().length());
        assertEquals(204, Wire.admin("POST", "/_batchops/reset").send().status());
        Exchange again = Wire.admin("PUT", "/_batchops/state").body(first.body()).sendUnchecked();
        assertEquals(204, again.status(), again::toString);
        assertEquals(exported, Wire.admin("GET", "/_batchops/state").sendUnchecked().json());
    }

    /** The state documents have their own limit; every other body keeps the gateway's. */
    @Test
    void aStateDocumentHasItsOwnLimit() {
        String overGatewayLimit = "{\"drs\":{\"jobs\":[]},\"pad\":\"" + "x".repeat(GATEWAY_BODY_LIMIT) + "\"}";
        Exchange fault = Wire.admin("POST", "/_batchops/faults").body(overGatewayLimit).sendUnchecked();
        assertEquals(413, fault.status(), fault::toString);
        assertEquals("APIGW.0201", fault.errorCode());
        Exchange state = Wire.admin("PUT", "/_batchops/state").body(overGatewayLimit).sendUnchecked();
        assertEquals(400, state.status(), "read past the gateway's limit, refused for what it says: " + state);
        assertEquals("BATCHOPS.0400", state.errorCode());
    }

    @Test
    void anImportReplacesEverythingAndABadOneChangesNothing() {
        someOfEverything();
        JsonNode before = export();
        Exchange bad = Wire.admin("PUT", "/_batchops/state").body(Map.of("drs", Map.of("jobs", List.of(Map.of("id", "j"))))).send();
        assertEquals(400, bad.status(), bad::toString);
        assertEquals("BATCHOPS.0400", bad.errorCode());
        assertEquals(before, export());

        Exchange imported = Wire.admin("PUT", "/_batchops/state").body(Map.of("drs", Map.of("jobs", List.of(
                Map.of("id", "only", "project_id", BOB_PROJECT, "status", "CONFIGURATION"))))).send();
        assertEquals(204, imported.status(), imported::toString);
        JsonNode after = export();
        assertEquals(List.of(), after.path("sms").path("tasks").findValuesAsText("id"));
        assertEquals(List.of("only"), after.path("drs").path("jobs").findValuesAsText("id"));
    }
}
