package io.batchops.server.drs;

import io.batchops.server.errors.ApiException;
import java.util.Optional;

/** What happened to one entry of a batch: success, or the error that refused it. */
public record JobOutcome(String jobId, Optional<ApiException> error) {
    static JobOutcome succeeded(String jobId) {
        return new JobOutcome(jobId, Optional.empty());
    }

    static JobOutcome failed(String jobId, ApiException error) {
        return new JobOutcome(jobId, Optional.of(error));
    }
}
