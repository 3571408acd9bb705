package io.batchops.server.journal;

import io.batchops.admin.api.JournalApi;
import io.batchops.admin.model.ServiceOperation;
import io.batchops.server.auth.AdminOnly;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;

/** {@code /_batchops/requests}: HTTP in and out; the requests are the {@link Journal}'s. */
@AdminOnly
public final class JournalResource implements JournalApi {
    private final Journal journal;

    public JournalResource(Journal journal) {
        this.journal = journal;
    }

    @Override
    public Response listRequests(String adminToken, ServiceOperation operation, Integer status, OffsetDateTime since,
            Integer limit) {
        return Response.ok(journal.list(new Journal.Query(operation == null ? null : operation.toString(), status,
                since == null ? null : since.toInstant(), limit))).build();
    }

    @Override
    public Response clearRequests(String adminToken) {
        journal.clear();
        return Response.noContent().build();
    }
}
