package io.batchops.contract.control;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.BOB_DOMAIN;
import static io.batchops.contract.harness.TestServer.BOB_PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchops.client.admin.model.JobFixture;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * All state out and back in, through the control API only: export, reset, import, export gives the
 * same document, for two tenants with a little of everything ({@link StateExportIT}: {@code --seed}
 * reads the same document).
 */
class StateExportTest {


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
