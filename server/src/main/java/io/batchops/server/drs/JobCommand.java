package io.batchops.server.drs;

import java.time.Instant;

/** One entry of a batch: an operation on a job, and for a start, when (null: now). */
public record JobCommand(JobOperation operation, String jobId, Instant startAt) {
    public JobCommand(JobOperation operation, String jobId) {
        this(operation, jobId, null);
    }
}
