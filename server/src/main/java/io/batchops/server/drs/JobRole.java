package io.batchops.server.drs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * A job's place in a parent/child structure. A parent job groups child jobs (the dual-active DR
 * scenario has one parent with two children); most jobs stand alone.
 */
public enum JobRole {
    STANDALONE,
    PARENT,
    CHILD;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static JobRole of(String wireName) {
        return Arrays.stream(values())
                .filter(role -> role.wireName().equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unexpected value '" + wireName + "'"));
    }
}
