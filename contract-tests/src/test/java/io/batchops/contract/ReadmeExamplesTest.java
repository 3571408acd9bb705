package io.batchops.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchops.client.BatchopsClient;
import io.batchops.client.BatchopsException;
import io.batchops.client.drs.model.BatchDeleteJobsResp;
import io.batchops.client.drs.model.DeleteJobReq;
import io.batchops.client.drs.model.DeleteJobResp;
import io.batchops.server.BatchopsServer;
import io.batchops.server.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's walk-through, on a server configured as the README starts it: no credentials file
 * (the development principal) and {@code examples/seed.json}, through the client as the README uses it.
 */
class ReadmeExamplesTest {
    private static final String DEV_PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";
    private static BatchopsServer server;

    @BeforeAll
    static void start() {
        Path seed = Path.of(System.getProperty("batchops.examples.dir", "../examples")).resolve("seed.json");
        server = BatchopsServer.start(new ServerConfig(ServerConfig.DEFAULT_HOST, 0, null, seed));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theReadmeWalkThrough() {
        BatchopsClient client = BatchopsClient.create(server.uri().toString(), "dev-token");
        client.deleteTasks(List.of("1", "2", "3"));

        BatchopsException busy = assertThrows(BatchopsException.class, () -> client.deleteTasks(List.of("4")));
        assertEquals(400, busy.status());
        assertEquals("SMS.2015", busy.errorCode());
        assertEquals(List.of("4"), busy.errorParams());

        BatchDeleteJobsResp stop = client.batchDeleteJobs(DEV_PROJECT, List.of(
                BatchopsClient.job(DeleteJobReq.DeleteTypeEnum.TERMINATE, "4c6ac8c0-2f51-426a-97b2-cb2c668jb201"),
                BatchopsClient.job(DeleteJobReq.DeleteTypeEnum.TERMINATE, "6211d20d-0006-41da-836e-db3301ajb20b")));
        assertEquals(List.of("success", "failed"), stop.getResults().stream().map(r -> r.getStatus().getValue()).toList());
        assertEquals("DRS.M01504", stop.getResults().get(1).getErrorCode());

        BatchDeleteJobsResp delete = client.batchDeleteJobs(DEV_PROJECT, List.of(
                BatchopsClient.job(DeleteJobReq.DeleteTypeEnum.DELETE, "4c6ac8c0-2f51-426a-97b2-cb2c668jb201")), "zh-cn");
        assertEquals(DeleteJobResp.StatusEnum.SUCCESS, delete.getResults().get(0).getStatus());
        assertEquals(1, delete.getCount());
    }
}
