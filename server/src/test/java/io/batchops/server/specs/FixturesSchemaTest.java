package io.batchops.server.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.batchops.server.drs.Job;
import io.batchops.server.sms.MigrationTask;
import io.batchops.server.sms.MigrationSource;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The seed file and the control API's fixtures are one format: each record the server reads them into
 * has exactly the properties of its schema in {@code admin.yaml}, so that neither can hold a field the
 * other drops.
 */
class FixturesSchemaTest {

    @TestFactory
    Stream<DynamicTest> eachFixtureSchemaIsItsRecord() {
        return Stream.of(check("SourceFixture", MigrationSource.class), check("TaskFixture", MigrationTask.class),
                check("JobFixture", Job.class));
    }

    private static DynamicTest check(String schema, Class<? extends Record> record) {
        return DynamicTest.dynamicTest(schema, () -> {
            Set<String> spec = new TreeSet<>();
            Specs.schema("admin.yaml", schema).path("properties").fieldNames().forEachRemaining(spec::add);
            Set<String> java = new TreeSet<>();
            // A record component's annotations reach its accessor.
            for (RecordComponent component : record.getRecordComponents()) {
                JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
                if (property != null && component.getAccessor().getAnnotation(JsonIgnore.class) == null) {
                    java.add(property.value());
                }
            }
            assertEquals(spec, java, schema + " and " + record.getSimpleName() + " differ");
        });
    }
}
