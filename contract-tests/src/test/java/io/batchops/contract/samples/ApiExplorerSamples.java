package io.batchops.contract.samples;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.auth.EnvCredentialProvider;
import com.huaweicloud.sdk.core.auth.GlobalCredentials;
import com.huaweicloud.sdk.core.auth.ICredential;
import com.huaweicloud.sdk.core.auth.ProfileCredentialProvider;
import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobReq;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsRequest;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsResponse;
import com.huaweicloud.sdk.drs.v3.model.DeleteJobReq;
import com.huaweicloud.sdk.drs.v3.region.DrsRegion;
import com.huaweicloud.sdk.sms.v3.SmsClient;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksReq;
import com.huaweicloud.sdk.sms.v3.model.DeleteTasksRequest;
import com.huaweicloud.sdk.sms.v3.region.SmsRegion;
import java.util.List;

/**
 * The code users start from, as Huawei's API Explorer writes it: clients built with a region and
 * credentials without ids, the access key pair from the environment. Nothing in it names batchops:
 * run in a JVM whose only configuration is the environment, it must reach whatever the environment
 * points at. {@code SdkEnvironmentTest} runs it in a child JVM.
 *
 * <p>Arguments: how the credentials are found ({@code explorer}: {@code CLOUD_SDK_AK} and
 * {@code CLOUD_SDK_SK}, as the samples read them; {@code env}: the SDK's {@code EnvCredentialProvider};
 * {@code profile}: its credentials file), then the DRS job and the SMS task to delete.
 */
public final class ApiExplorerSamples {
    private ApiExplorerSamples() {
    }

    public static void main(String[] args) {
        String how = args[0];
        try {
            DrsClient drs = DrsClient.newBuilder().withCredential(basic(how))
                    .withRegion(DrsRegion.valueOf("cn-north-4")).build();
            BatchDeleteJobsResponse jobs = drs.batchDeleteJobs(new BatchDeleteJobsRequest().withBody(new BatchDeleteJobReq()
                    .withJobs(List.of(new DeleteJobReq().withDeleteType(DeleteJobReq.DeleteTypeEnum.TERMINATE)
                            .withJobId(args[1])))));
            System.out.println("drs " + jobs.getResults().get(0).getStatus());

            SmsClient sms = SmsClient.newBuilder().withCredential(global(how))
                    .withRegion(SmsRegion.valueOf("ap-southeast-1")).build();
            sms.deleteTasks(new DeleteTasksRequest().withBody(new DeleteTasksReq().withIds(List.of(args[2]))));
            System.out.println("sms deleted");
        } catch (ServiceResponseException e) {
            System.out.println("refused " + e.getHttpStatusCode() + " " + e.getErrorCode() + " " + e.getErrorMsg());
            System.exit(2);
        }
    }

    private static ICredential basic(String how) {
        return switch (how) {
            case "explorer" -> new BasicCredentials().withAk(System.getenv("CLOUD_SDK_AK")).withSk(System.getenv("CLOUD_SDK_SK"));
            case "env" -> EnvCredentialProvider.getBasicCredentialEnvProvider().getCredentials();
            case "profile" -> ProfileCredentialProvider.getBasicCredentialProfileProvider().getCredentials();
            default -> throw new IllegalArgumentException(how);
        };
    }

    private static ICredential global(String how) {
        return switch (how) {
            case "explorer" -> new GlobalCredentials().withAk(System.getenv("CLOUD_SDK_AK")).withSk(System.getenv("CLOUD_SDK_SK"));
            case "env" -> EnvCredentialProvider.getGlobalCredentialEnvProvider().getCredentials();
            case "profile" -> ProfileCredentialProvider.getGlobalCredentialProfileProvider().getCredentials();
            default -> throw new IllegalArgumentException(how);
        };
    }
}
