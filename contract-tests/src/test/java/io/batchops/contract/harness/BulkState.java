package io.batchops.contract.harness;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.IntStream;

/** State documents of many records, for tests that load a server as a team would. */
public final class BulkState {
    /** The development principal's account and project, which the packaged jar serves without credentials. */
    public static final String DOMAIN = "0970dd7a1300f5672ff2c003c60ae115";
    public static final String PROJECT = "054ba152d480d55b2f5dc0069e7ddef0";

    private BulkState() {
    }

    /** Tasks {@code t0...} and jobs {@code j0...} of the development principal, each one a batch may delete. */
    public static ObjectNode deletable(int tasks, int jobs) {
        ObjectNode state = Exchange.MAPPER.createObjectNode();
        ArrayNode taskList = state.putObject("sms").putArray("tasks");
        IntStream.range(0, tasks).forEach(i -> taskList.addObject().put("id", "t" + i).put("domain_id", DOMAIN)
                .put("source_id", "src-1").put("state", "READY"));
        ArrayNode jobList = state.putObject("drs").putArray("jobs");
        IntStream.range(0, jobs).forEach(i -> jobList.addObject().put("id", "j" + i).put("project_id", PROJECT)
                .put("status", "RELEASE_RESOURCE_COMPLETE"));
        return state;
    }
}
