package io.batchops.contract.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.client.admin.model.TaskFixture;
import io.batchops.contract.harness.InProcessOnly;
import io.batchops.junit5.BatchopsExtension;
import io.batchops.junit5.RequestPattern;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packaged extension on a class path that also has batchops-client (this suite's): the client's
 * classes may then load from either jar, the extension's relocated copy or the client's own, and the
 * extension must work with both (it passes no JSON library's type to the client or from it).
 */
@InProcessOnly
class ExtensionOnAClassPathWithTheClientTest {
    private static final Path SEED = Path.of(System.getProperty("batchops.examples.dir", "../examples"), "seed.json");

    @Test
    void seedsStartsAndVerifies() {
        BatchopsExtension batchops = BatchopsExtension.create().withSeed(SEED).withoutResetBeforeEach().start();
        try {
            List<String> tasks = batchops.control().exportState().getSms().getTasks().stream().map(TaskFixture::getId).toList();
            assertEquals(List.of("1", "2", "3", "4"), tasks.stream().sorted().toList());
            batchops.client().deleteTasks(List.of("1"));
            batchops.verify(1, RequestPattern.operation("deleteTasks").ids("1").status(200));
            assertTrue(batchops.environment().containsKey("HUAWEICLOUD_SDK_IAM_ENDPOINT"));
        } finally {
            batchops.stop();
        }
    }
}
