package io.batchops.junit5;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.auth.GlobalCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.sms.v3.SmsClient;

/**
 * The official SDK's clients, built as a user builds them: SMS is a global service (a domain id),
 * DRS a regional one (a project id). In its own class so that the extension loads without the SDK.
 */
final class SdkClients {
    private SdkClients() {
    }

    static SmsClient sms(String endpoint, Principal principal) {
        requireKey(principal);
        return SmsClient.newBuilder()
                .withCredential(new GlobalCredentials().withAk(principal.accessKey()).withSk(principal.secretKey())
                        .withDomainId(principal.domainId()))
                .withEndpoint(endpoint)
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(30))
                .build();
    }

    static DrsClient drs(String endpoint, Principal principal) {
        requireKey(principal);
        return DrsClient.newBuilder()
                .withCredential(new BasicCredentials().withAk(principal.accessKey()).withSk(principal.secretKey())
                        .withProjectId(principal.projectId()))
                .withEndpoint(endpoint)
                .withHttpConfig(HttpConfig.getDefaultHttpConfig().withTimeout(30))
                .build();
    }

    private static void requireKey(Principal principal) {
        if (principal.accessKey() == null) {
            throw new IllegalStateException("principal " + principal.name() + " has no access key for the SDK");
        }
    }
}
