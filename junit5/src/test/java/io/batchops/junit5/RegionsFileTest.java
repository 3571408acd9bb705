package io.batchops.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.auth.GlobalCredentials;
import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.drs.v3.model.BatchListJobStatusRequest;
import com.huaweicloud.sdk.drs.v3.model.BatchQueryJobReqPage;
import com.huaweicloud.sdk.drs.v3.region.DrsRegion;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import com.huaweicloud.sdk.sms.v3.model.ListTasksRequest;
import com.huaweicloud.sdk.sms.v3.region.SmsRegion;
import io.batchops.client.admin.model.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Code that builds its clients with {@code DrsRegion.valueOf} and {@code SmsRegion.valueOf} and
 * credentials without ids reaches the extension's batchops through the SDK's regions file (this
 * module's Surefire sets {@code HUAWEICLOUD_SDK_REGIONS_FILE}, as a user's build would), every start
 * in the JVM. IAM's endpoint is the one thing a regions file cannot say: here the credentials name it,
 * as {@code HUAWEICLOUD_SDK_IAM_ENDPOINT} would.
 */
class RegionsFileTest {
    private static final Path REGIONS_FILE = Path.of(System.getenv("HUAWEICLOUD_SDK_REGIONS_FILE"));

    @Test
    void codeBuiltForARegionReachesEachStartInTheJvm() throws Exception {
        int firstPort = 0;
        for (int start = 0; start < 2; start++) {
            BatchopsExtension batchops = BatchopsExtension.create().withRegionsFile(REGIONS_FILE).start();
            try {
                String written = Files.readString(REGIONS_FILE);
                assertTrue(written.contains("  - id: cn-north-4\n    endpoint: " + batchops.baseUrl()), written);
                if (start == 0) {
                    firstPort = java.net.URI.create(batchops.baseUrl()).getPort();
                } else {
                    assertEquals(firstPort, java.net.URI.create(batchops.baseUrl()).getPort(),
                            "the SDK keeps the endpoints it read: a later start listens where the first did");
                }
                batchops.given().job("j1", JobStatus.INCRE_TRANSFER_STARTED).load();
                Map<String, String> environment = batchops.environment();
                String ak = environment.get("HUAWEICLOUD_SDK_AK");
                String sk = environment.get("HUAWEICLOUD_SDK_SK");
                DrsClient drs = DrsClient.newBuilder()
                        .withCredential(new BasicCredentials().withAk(ak).withSk(sk)
                                .withIamEndpoint(environment.get("HUAWEICLOUD_SDK_IAM_ENDPOINT")))
                        .withRegion(DrsRegion.valueOf("cn-north-4")).build();
                assertEquals(1, drs.batchListJobStatus(new BatchListJobStatusRequest()
                        .withBody(new BatchQueryJobReqPage().withJobs(List.of("j1")))).getCount());
                SmsClient sms = SmsClient.newBuilder()
                        .withCredential(new GlobalCredentials().withAk(ak).withSk(sk)
                                .withIamEndpoint(environment.get("HUAWEICLOUD_SDK_IAM_ENDPOINT")))
                        .withRegion(SmsRegion.valueOf("ap-southeast-1")).build();
                assertNotNull(sms.listTasks(new ListTasksRequest()).getCount());
            } finally {
                batchops.stop();
            }
        }
    }
}
