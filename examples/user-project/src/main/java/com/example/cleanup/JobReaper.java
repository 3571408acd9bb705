package com.example.cleanup;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.drs.v3.DrsClient;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobReq;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsRequest;
import com.huaweicloud.sdk.drs.v3.model.BatchDeleteJobsResponse;
import com.huaweicloud.sdk.drs.v3.model.DeleteJobReq;
import com.huaweicloud.sdk.drs.v3.region.DrsRegion;
import java.util.List;
import java.util.stream.Collectors;

/** Stops replication jobs in one batch and says which ones the service could not stop. */
public final class JobReaper {
    private final DrsClient drs;

    public JobReaper(DrsClient drs) {
        this.drs = drs;
    }

    /** As production builds it: a region, a key pair, a project. */
    public static JobReaper forRegion(String region, String ak, String sk, String projectId) {
        return new JobReaper(DrsClient.newBuilder()
                .withCredential(new BasicCredentials().withAk(ak).withSk(sk).withProjectId(projectId))
                .withRegion(DrsRegion.valueOf(region))
                .build());
    }

    /** The ids of the jobs that failed to stop, with the service's error code. */
    public List<String> stop(List<String> jobIds) {
        BatchDeleteJobsResponse answer = drs.batchDeleteJobs(new BatchDeleteJobsRequest().withBody(new BatchDeleteJobReq()
                .withJobs(jobIds.stream().map(id -> new DeleteJobReq()
                        .withDeleteType(DeleteJobReq.DeleteTypeEnum.TERMINATE).withJobId(id)).toList())));
        return answer.getResults().stream()
                .filter(result -> result.getErrorCode() != null)
                .map(result -> result.getId() + " " + result.getErrorCode())
                .collect(Collectors.toList());
    }
}
