package io.batchops.server.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.batchops.drs.model.BatchDeleteJobReq;
import io.batchops.drs.model.BatchQueryJobReq;
import io.batchops.server.json.JsonBodyReader;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each way a body fails to read, as the server's reader meets it, and the problem and field it is
 * answered with (DRS tells the problems apart by code). Jackson tells some of them only in its
 * messages; an upgrade of Jackson that changes one fails here, not silently on the wire.
 */
class JsonExceptionMapperTest {
    private final JsonExceptionMapper mapper = new JsonExceptionMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON                 | {jobs                                                   | delete | MALFORMED    | body",
        "ends early in a list     | '{\"jobs\": [{\"job_id\": \"j\", \"delete_type\": \"force_terminate\"}'| delete | MALFORMED | body",
        "ends early in an object  | '{\"jobs\": ['                                            | delete | MALFORMED    | body",
        "ends early in a string list | '{\"jobs\": [\"a\",'                               | query  | MALFORMED    | body",
        "ends early after an entry | '{\"jobs\": [{\"job_id\": \"j\", \"delete_type\": \"force_terminate\"},' | delete | MALFORMED | body",
        "ends early in an entry   | '{\"jobs\": [{\"job_id\":'                           | delete | MALFORMED    | body",
        "ends early after a name  | '{\"jobs\": [{\"job_id\": \"j\"'                     | delete | MALFORMED    | body",
        "a second scalar value    | '{\"jobs\": []} 1'                                      | delete | MALFORMED    | body",
        "a second list            | '{\"jobs\": []} []'                                     | delete | MALFORMED    | body",
        "a string, not an object  | '\"x\"'                                                 | delete | INVALID      | body",
        "a second value           | '{\"jobs\": []} {}'                                       | delete | MALFORMED    | body",
        "a field twice            | '{\"jobs\": [], \"jobs\": []}'                            | delete | INVALID      | body",
        "a required field missing | '{}'                                                      | delete | MISSING      | jobs",
        "a nested one missing     | '{\"jobs\": [{\"job_id\": \"j\"}]}'                        | delete | MISSING      | jobs[0].delete_type",
        "a null                   | '{\"jobs\": null}'                                        | delete | MISSING      | jobs",
        "an unknown field         | '{\"jobs\": [], \"extra\": 1}'                            | delete | INVALID      | extra",
        "a wrong type             | '{\"jobs\": \"x\"}'                                       | delete | INVALID      | jobs",
        "a value not in the list  | '{\"jobs\": [{\"job_id\": \"j\", \"delete_type\": \"nope\"}]}' | delete | OUT_OF_RANGE | jobs[0].delete_type",
        "a number out of range    | '{\"jobs\": [\"a\"], \"page_req\": {\"cur_page\": 99999999999}}' | query | OUT_OF_RANGE | page_req.cur_page",
    })
    void eachFailureIsAnsweredWithItsProblemAndField(String failure, String body, String model, InputProblem problem,
            String field) {
        Class<?> type = model.equals("delete") ? BatchDeleteJobReq.class : BatchQueryJobReq.class;
        JsonProcessingException read = assertThrows(JsonProcessingException.class, () -> read(type, body), failure);
        ApiException answer = mapper.translate(read, Family.DRS, null);
        assertEquals(ErrorCode.invalidInput(Family.DRS, problem, field), answer.code(), failure + ": " + answer.message(Language.EN_US));
        assertTrue(answer.message(Language.EN_US).contains(field), failure + ": " + answer.message(Language.EN_US));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object read(Class<?> type, String body) throws Exception {
        return new JsonBodyReader().readFrom((Class) type, type, new Annotation[0], MediaType.APPLICATION_JSON_TYPE, null,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** An answer Jackson cannot write is the server's bug, never the client's bad input. */
    @org.junit.jupiter.api.Test
    void anAnswerThatCannotBeWrittenIsTheServersFault() throws Exception {
        JsonProcessingException written = assertThrows(JsonProcessingException.class,
                () -> io.batchops.server.json.Json.MAPPER.writeValueAsString(new Unwritable()));
        assertTrue(JsonExceptionMapper.serversOwn(written), written.toString());
        JsonProcessingException read = assertThrows(JsonProcessingException.class, () -> read(BatchDeleteJobReq.class, "{jobs"));
        assertTrue(!JsonExceptionMapper.serversOwn(read), "a body that is not JSON is the client's");
    }

    /** No property Jackson can see: it refuses to write one. */
    private static final class Unwritable {
    }
}
