package com.example.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.batchops.client.admin.model.FaultJobFailure;
import io.batchops.client.admin.model.FaultRule;
import io.batchops.client.admin.model.JobFixture;
import io.batchops.client.admin.model.JobStatus;
import io.batchops.client.admin.model.ServiceOperation;
import io.batchops.junit5.BatchopsExtension;
import io.batchops.junit5.Principal;
import io.batchops.junit5.RequestPattern;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobReaperTest {
    /** Writes the SDK's regions file that the build points HUAWEICLOUD_SDK_REGIONS_FILE at (pom.xml). */
    @RegisterExtension
    static BatchopsExtension batchops = BatchopsExtension.create()
            .withRegionsFile(Path.of("target", "batchops-regions.yaml"));

    @Test
    void codeBuiltForARegionStopsTheJobsAndReportsTheOneThatFailed() {
        batchops.given().job("job-1", JobStatus.INCRE_TRANSFER_STARTED).job("job-2", JobStatus.INCRE_TRANSFER_STARTED).load();
        batchops.control().addFault(new FaultRule().operation(ServiceOperation.BATCH_DELETE_JOBS).ids(List.of("job-2"))
                .failedJobs(new FaultJobFailure().errorCode("DRS.M01504")));
        Principal me = batchops.principal();

        List<String> failed = JobReaper.forRegion("cn-north-4", me.accessKey(), me.secretKey(), me.projectId())
                .stop(List.of("job-1", "job-2"));

        assertEquals(List.of("job-2 DRS.M01504"), failed);
        batchops.verify(1, RequestPattern.operation("batchDeleteJobs").ids("job-1", "job-2").signedBy(me.accessKey()));
        var jobs = batchops.control().exportState().getDrs().getJobs();
        assertNotEquals(JobStatus.INCRE_TRANSFER_STARTED, statusOf(jobs, "job-1"), "the other job stops for real");
        assertEquals(JobStatus.INCRE_TRANSFER_STARTED, statusOf(jobs, "job-2"), "the failed one does not change");
    }

    private static JobStatus statusOf(List<JobFixture> jobs, String id) {
        return jobs.stream().filter(job -> job.getId().equals(id)).findFirst().orElseThrow().getStatus();
    }
}
