package io.batchops.testcontainers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.testcontainers.DockerClientFactory;

/** Where a container engine must be (CI), its absence fails rather than skips the module's tests. */
@EnabledIfEnvironmentVariable(named = "BATCHOPS_CONTAINERS_REQUIRED", matches = "true")
class ContainerEngineTest {
    @Test
    void aContainerEngineAnswers() {
        assertTrue(DockerClientFactory.instance().isDockerAvailable(),
                "BATCHOPS_CONTAINERS_REQUIRED=true, but Testcontainers finds no container engine (DOCKER_HOST)");
    }
}
