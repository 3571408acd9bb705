package io.batchops.server.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchops.server.errors.ErrorCode;
import io.batchops.server.errors.Family;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The server's error table ({@link ErrorCode}) against the specs' tables of error codes: each code the
 * server answers with is documented, with its status, in the spec of each API it answers for; and
 * each code a spec documents is one the server has.
 */
class ErrorCodesTest {
    /** A row of a spec's table: | HTTP | error_code | when |; HTTP may be "202, per job" (a DRS batch's result). */
    private static final Pattern ROW = Pattern.compile(
            "^\\s*\\|\\s*(\\d{3}(?:, per job)?)\\s*\\|\\s*([A-Z]+\\.[0-9A-Z]+)\\s*\\|", Pattern.MULTILINE);
    private static final String PER_JOB = "202, per job";
    /** The specs whose tables list a family's codes: the gateway answers for both services. */
    private static final Map<Family, List<String>> SPECS = Map.of(
            Family.SMS, List.of("sms.yaml"), Family.DRS, List.of("drs.yaml"), Family.ADMIN, List.of("admin.yaml"),
            Family.IAM, List.of("iam.yaml"), Family.GATEWAY, List.of("sms.yaml", "drs.yaml"));

    /** The table's codes, each with its HTTP column. */
    private static Map<String, String> rows(String spec) {
        Map<String, String> rows = new TreeMap<>();
        Matcher row = ROW.matcher(Specs.description(spec));
        while (row.find()) {
            rows.put(row.group(2), row.group(1));
        }
        return rows;
    }

    @Test
    void eachCodeTheServerAnswersWithIsInItsSpecsTable() {
        for (ErrorCode code : ErrorCode.values()) {
            for (String spec : SPECS.get(code.family())) {
                String documented = rows(spec).get(code.code());
                assertTrue(documented != null, code + " (" + code.code() + ") is not in " + spec + "'s table");
                assertTrue(documented.equals(Integer.toString(code.status())) || documented.equals(PER_JOB),
                        code + " answers " + code.status() + "; " + spec + " says " + documented);
            }
        }
    }

    @Test
    void eachCodeASpecDocumentsIsOneTheServerHas() {
        Set<String> known = Arrays.stream(ErrorCode.values()).map(ErrorCode::code).collect(Collectors.toSet());
        for (String spec : List.of("sms.yaml", "drs.yaml", "iam.yaml", "admin.yaml")) {
            Set<String> unknown = new TreeSet<>(rows(spec).keySet());
            unknown.removeAll(known);
            assertEquals(Set.of(), unknown, spec + " documents codes the server does not have");
        }
    }
}
