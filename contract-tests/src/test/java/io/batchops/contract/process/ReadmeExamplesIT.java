package io.batchops.contract.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobReq;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsRequest;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksRequest;
import io.batchops.client.BatchopsClient;
import io.batchops.client.BatchopsException;
import io.batchops.client.drs.model.BatchDeleteJobsResp;
import io.batchops.client.drs.model.DeleteJobReq;
import io.batchops.client.drs.model.DeleteJobResp;
import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.RealJar;
import io.batchops.contract.harness.Sdk;
import io.batchops.contract.harness.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's walk-through, on a server configured as the README starts it: no credentials file
 * (the development principal) and {@code examples/seed.json}, through the generated client and the
 * official SDK as the README uses them; and the README's example credentials file.
 */
@InProcessOnly
class ReadmeExamplesIT {
    private static final String DEV_DOMAIN = "0970dd7a1300f5672ff2c003c60ae115";
    private static final String DEV_PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";
    private static final TestServer.AccessKey DEV_KEY = TestServer.DEVELOPMENT_KEY;
    private static final Path EXAMPLES = Path.of(System.getProperty("batchops.examples.dir", "../examples"));
    /** The packaged jar, started as the README starts it: {@code --seed examples/seed.json}. */
    private static RealJar server;

    @BeforeAll
    static void start() throws java.io.IOException {
        server = RealJar.start(List.of(), "--seed", EXAMPLES.resolve("seed.json").toString());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theReadmeWalkThrough() {
        BatchopsClient client = BatchopsClient.create(server.uri(), "dev-token");
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

    @Test
    void theOfficialSdkWithTheDevelopmentKeys() {
        String endpoint = server.uri();
        ServiceResponseException busy = assertThrows(ServiceResponseException.class, () -> Sdk.sms(endpoint, DEV_KEY, DEV_DOMAIN)
                .deleteTasks(new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(List.of("4")))));
        assertEquals("SMS.2015", busy.getErrorCode());
        var stopped = Sdk.drs(endpoint, DEV_KEY, DEV_PROJECT).batchDeleteJobs(new BatchDeleteJobsRequest().withBody(
                new BatchDeleteJobReq().withJobs(List.of(new com.huaweicloud.sdk.drs.v3.model.DeleteJobReq()
                        .withDeleteType(com.huaweicloud.sdk.drs.v3.model.DeleteJobReq.DeleteTypeEnum.DELETE)
                        .withJobId("140b5236-88ad-43c8-811c-1268453jb101")))));
        assertEquals(202, stopped.getHttpStatusCode());
        assertEquals(com.huaweicloud.sdk.drs.v3.model.DeleteJobResp.StatusEnum.SUCCESS, stopped.getResults().get(0).getStatus());
    }

    /** The example credentials file loads, and its principals get what the README says they get. */
    @Test
    void theExampleCredentialsFile() throws java.io.IOException {
        try (RealJar withFile = RealJar.start(List.of(), "--credentials", EXAMPLES.resolve("credentials.json").toString(),
                "--seed", EXAMPLES.resolve("seed.json").toString())) {
            String endpoint = withFile.uri();
            Sdk.sms(endpoint, new TestServer.AccessKey("ADMINACCESSKEY000001", "admin-secret-key-change-me"), DEV_DOMAIN)
                    .deleteTasks(new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(List.of("1"))));
            BatchopsException denied = assertThrows(BatchopsException.class,
                    () -> BatchopsClient.create(endpoint, "operator-token").deleteTasks(List.of("2")));
            assertEquals("SMS.9004", denied.errorCode());
            BatchopsException unknown = assertThrows(BatchopsException.class,
                    () -> BatchopsClient.create(endpoint, "dev-token").deleteTasks(List.of("2")));
            assertEquals(401, unknown.status());
        }
    }
}
