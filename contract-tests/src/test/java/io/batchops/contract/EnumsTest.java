package io.batchops.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchops.server.drs.JobStatus;
import io.batchops.server.sms.SourceServerState;
import io.batchops.server.sms.TaskState;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The server's state enums are copies of the specs' value lists (the rules hang off them); each copy
 * holds exactly its spec's values, in the spec's order. The admin spec refers to the same lists.
 */
@InProcessOnly
class EnumsTest {

    @TestFactory
    Stream<DynamicTest> eachJavaEnumIsItsSpecList() {
        return Stream.of(
                check(Contract.SMS, "TaskState", TaskState.values(), Enum::name),
                check(Contract.SMS, "SourceServerState", SourceServerState.values(), SourceServerState::wireName),
                check(Contract.DRS, "JobStatus", JobStatus.values(), Enum::name),
                check(Contract.ADMIN, "TaskState", TaskState.values(), Enum::name),
                check(Contract.ADMIN, "SourceServerState", SourceServerState.values(), SourceServerState::wireName),
                check(Contract.ADMIN, "JobStatus", JobStatus.values(), Enum::name));
    }

    private static <E> DynamicTest check(Contract contract, String schema, E[] values, Function<E, String> wireName) {
        return DynamicTest.dynamicTest(contract + " " + schema, () -> {
            Schema<?> found = contract.api().getComponents().getSchemas().get(schema);
            List<String> spec = found.getEnum().stream().map(String::valueOf).toList();
            assertEquals(spec, Stream.of(values).map(wireName).toList(), schema + " differs from its spec list");
        });
    }
}
