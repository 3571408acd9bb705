package io.batchops.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seed file that is not a state document is refused naming the file, the JSON path and what was expected. */
class SeedFileTest {
    @TempDir
    Path dir;

    private String refusal(String json) throws IOException {
        Path seed = Files.writeString(dir.resolve("seed.json"), json);
        return assertThrows(IllegalArgumentException.class, () -> StoredState.read(seed)).getMessage();
    }

    @Test
    void aWrongTypeIsNamedByItsPathAndTheTypeExpected() throws IOException {
        String message = refusal("{\"sms\": {\"sources\": [{\"id\": \"s1\", \"domain_id\": \"d1\", \"connected\": \"yes\"}]}}");
        assertEquals("Cannot read the seed file " + dir.resolve("seed.json") + ": Invalid parameter sms.sources[0].connected: "
                + "wrong type, expected boolean", message);
    }

    @Test
    void unknownFieldsMissingOnesAndBadJsonSayWhere() throws IOException {
        String unknown = refusal("{\"drs\": {\"jobs\": [{\"id\": \"j1\", \"project_id\": \"p1\", \"status\": \"CONFIGURATION\", \"colour\": 1}]}}");
        assertTrue(unknown.contains("drs.jobs[0].colour: unknown field"), unknown);
        String status = refusal("{\"drs\": {\"jobs\": [{\"id\": \"j1\", \"project_id\": \"p1\", \"status\": \"NOT_A_STATUS\"}]}}");
        assertTrue(status.contains("drs.jobs[0].status: 'NOT_A_STATUS' is not one of"), status);
        String cut = refusal("{\"sms\": {\"sources\": [}}");
        assertTrue(cut.contains("not valid JSON"), cut);
    }
}
