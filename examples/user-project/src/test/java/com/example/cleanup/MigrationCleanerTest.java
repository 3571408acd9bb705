package com.example.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import io.batchops.client.admin.model.SourceServerState;
import io.batchops.client.admin.model.TaskState;
import io.batchops.junit5.BatchopsExtension;
import io.batchops.junit5.Given;
import io.batchops.junit5.RequestPattern;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationCleanerTest {
    @RegisterExtension
    static BatchopsExtension batchops = BatchopsExtension.create();

    @Test
    void deletesInBatchesOfFiftyAndRetriesWhenThrottled() throws InterruptedException {
        List<String> ids = IntStream.rangeClosed(1, 60).mapToObj(i -> "task-" + i).collect(Collectors.toList());
        Given given = batchops.given().source("src-1", SourceServerState.STOPPED);
        ids.forEach(id -> given.task(id, "src-1", TaskState.MIGRATE_SUCCESS));
        given.load();
        batchops.control().throttle("deleteTasks", 1);

        new MigrationCleaner(batchops.sms()).deleteTasks(ids);

        batchops.verify(2, RequestPattern.operation("deleteTasks").ids(ids.subList(0, 50).toArray(String[]::new)));
        batchops.verify(1, RequestPattern.operation("deleteTasks").ids(ids.subList(50, 60).toArray(String[]::new)));
        batchops.verify(1, RequestPattern.operation("deleteTasks").status(429).errorCode("APIGW.0308"));
        batchops.verify(3, RequestPattern.operation("deleteTasks").signedBy(batchops.principal().accessKey()));
        assertEquals(List.of(), batchops.control().exportState().getSms().getTasks());
    }

    @Test
    void aTaskWhoseServerStillSyncsIsRefusedAndNothingIsDeleted() {
        batchops.given().source("src-idle", SourceServerState.STOPPED).source("src-busy", SourceServerState.SYNCING)
                .task("done", "src-idle", TaskState.MIGRATE_SUCCESS)
                .task("busy", "src-busy", TaskState.SYNCING)
                .load();

        ServiceResponseException refused = assertThrows(ServiceResponseException.class,
                () -> new MigrationCleaner(batchops.sms()).deleteTasks(List.of("done", "busy")));

        assertEquals(400, refused.getHttpStatusCode());
        assertEquals("SMS.2015", refused.getErrorCode());
        assertEquals(2, batchops.control().exportState().getSms().getTasks().size(), "the batch is whole or nothing");
    }
}
