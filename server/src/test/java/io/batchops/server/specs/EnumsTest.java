package io.batchops.server.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchops.server.drs.DrsJobStatus;
import io.batchops.server.sms.MigrationSourceState;
import io.batchops.server.sms.MigrationTaskState;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The server's state enums are copies of the specs' value lists (the rules hang off them); each copy
 * holds exactly its spec's values, in the spec's order. The admin spec refers to the same lists.
 */
class EnumsTest {

    @TestFactory
    Stream<DynamicTest> eachJavaEnumIsItsSpecList() {
        return Stream.of(
                check("sms.yaml", "TaskState", MigrationTaskState.values(), Enum::name),
                check("sms.yaml", "SourceServerState", MigrationSourceState.values(), MigrationSourceState::wireName),
                check("drs.yaml", "JobStatus", DrsJobStatus.values(), Enum::name),
                check("admin.yaml", "TaskState", MigrationTaskState.values(), Enum::name),
                check("admin.yaml", "SourceServerState", MigrationSourceState.values(), MigrationSourceState::wireName),
                check("admin.yaml", "JobStatus", DrsJobStatus.values(), Enum::name));
    }

    private static <E> DynamicTest check(String spec, String schema, E[] values, Function<E, String> wireName) {
        return DynamicTest.dynamicTest(spec + " " + schema, () -> {
            List<String> inSpec = new java.util.ArrayList<>();
            Specs.schema(spec, schema).path("enum").forEach(value -> inSpec.add(value.asText()));
            assertEquals(inSpec, Stream.of(values).map(wireName).toList(), schema + " differs from its spec list");
        });
    }
}
