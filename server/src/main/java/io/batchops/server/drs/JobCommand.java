package io.batchops.server.drs;

/** One entry of a batch: an operation on a job. */
public record JobCommand(JobOperation operation, String jobId) {
}
