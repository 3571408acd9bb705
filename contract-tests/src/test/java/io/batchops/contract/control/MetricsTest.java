package io.batchops.contract.control;

import static io.batchops.contract.harness.TestServer.ALICE_DOMAIN;
import static io.batchops.contract.harness.TestServer.ALICE_PROJECT;
import static io.batchops.contract.harness.TestServer.ALICE_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.client.admin.model.JobStatus;
import io.batchops.contract.harness.Exchange;
import io.batchops.contract.harness.Metrics;
import io.batchops.contract.harness.Seed;
import io.batchops.contract.harness.TestServer;
import io.batchops.contract.harness.Wire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /_batchops/metrics}: Prometheus text with the requests by operation and status, the records
 * stored by state, the faults fired, the journal, and the JVM. Counts are read as differences, so
 * that the tests hold on a server other tests have used.
 */
class MetricsTest {
    private static final String REQUESTS = "batchops_requests_seconds_count";

    private static Exchange deleteTasks(List<String> ids) {
        return Wire.deleteTasks(ALICE_TOKEN, ids);
    }

    @Test
    void eachRequestIsCountedByItsOperationAndStatusWithItsLatency() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1")).load();
        Metrics before = Metrics.read();
        assertEquals(404, deleteTasks(List.of("nowhere")).status());
        assertEquals(200, deleteTasks(List.of("t1")).status());
        Metrics after = Metrics.read();
        for (String status : List.of("404", "200")) {
            assertEquals(before.value(REQUESTS, "operation", "deleteTasks", "status", status) + 1,
                    after.value(REQUESTS, "operation", "deleteTasks", "status", status), "status " + status);
            assertEquals(before.value("batchops_requests_seconds_bucket", "operation", "deleteTasks", "status", status,
                    "le", "+Inf") + 1, after.value("batchops_requests_seconds_bucket", "operation", "deleteTasks",
                    "status", status, "le", "+Inf"), "the histogram's last bucket counts every request");
            assertTrue(after.value("batchops_requests_seconds_sum", "operation", "deleteTasks", "status", status)
                    > before.value("batchops_requests_seconds_sum", "operation", "deleteTasks", "status", status));
        }
    }

    @Test
    void theRecordsStoredAreCountedByState() {
        Seed.jobs(ALICE_PROJECT, JobStatus.INCRE_TRANSFER_STARTED, List.of("j1", "j2", "j3")).load();
        Metrics jobs = Metrics.read();
        assertEquals(3, jobs.value("batchops_drs_jobs", "state", "INCRE_TRANSFER_STARTED"));
        assertEquals(0, jobs.value("batchops_drs_jobs", "state", "PAUSING"), "every state is reported, zero too");
        assertTrue(jobs.text().contains("batchops_drs_jobs{state=\"PAUSING\"}"), "every state is reported, zero too");
        assertEquals(0, jobs.value("batchops_sms_tasks", "state", "READY"));

        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1", "t2")).load();
        Metrics tasks = Metrics.read();
        double stored = tasks.samples().entrySet().stream().filter(e -> e.getKey().startsWith("batchops_sms_tasks{"))
                .mapToDouble(Map.Entry::getValue).sum();
        assertEquals(2, stored, "two tasks stored, whatever their state");
        assertEquals(0, tasks.value("batchops_drs_jobs", "state", "INCRE_TRANSFER_STARTED"), "the jobs are gone");
        assertTrue(tasks.has("batchops_sms_sources"));
    }

    @Test
    void faultsFiredAndTheJournalAreReported() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1")).load();
        assertEquals(204, Wire.admin("DELETE", "/_batchops/requests").send().status());
        assertEquals(201, Wire.admin("POST", "/_batchops/faults").body(Map.of("operation", "deleteTasks", "times", 1,
                "response", Map.of("status", 500, "error_code", "SMS.2007"))).send().status());
        Metrics before = Metrics.read();
        assertEquals(0, before.value("batchops_journal_requests"));
        assertEquals(500, deleteTasks(List.of("t1")).status());
        Metrics after = Metrics.read();
        assertEquals(before.value("batchops_faults_fired_total", "operation", "deleteTasks") + 1,
                after.value("batchops_faults_fired_total", "operation", "deleteTasks"));
        assertEquals(before.value(REQUESTS, "operation", "deleteTasks", "status", "500") + 1,
                after.value(REQUESTS, "operation", "deleteTasks", "status", "500"));
        assertEquals(1, after.value("batchops_journal_requests"));
        assertTrue(after.samples().containsKey("batchops_journal_dropped{}"), after.text());
        Seed.empty().load();
    }

    @Test
    void theJvmIsReportedAndNoTenantIsNamed() {
        Seed.deletableTasks(ALICE_DOMAIN, List.of("t1")).load();
        deleteTasks(List.of("t1"));
        Metrics metrics = Metrics.read();
        for (String jvm : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds",
                "jvm_classes_loaded_classes", "process_cpu_usage")) {
            assertTrue(metrics.text().contains(jvm), jvm);
        }
        assertFalse(metrics.text().contains(ALICE_DOMAIN), "tenants are not labels");
        assertFalse(metrics.text().contains("alice"), "principals are not labels");
    }
}
