package io.batchops.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** {@code %utc} writes what {@code %d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC}} wrote, whatever the order of times. */
class UtcTimestampTest {
    private static final DateTimeFormatter EXPECTED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    @Test
    void formatsEveryMillisecondLikeTheDatePattern() {
        UtcTimestamp converter = new UtcTimestamp();
        long[] times = {
            Instant.parse("2026-12-02T11:14:43.893Z").toEpochMilli(),
            Instant.parse("2026-12-02T11:14:43.007Z").toEpochMilli(),
            Instant.parse("2026-12-02T11:14:44.050Z").toEpochMilli(),
            Instant.parse("2026-12-02T11:14:43.000Z").toEpochMilli(),
            Instant.parse("1969-12-31T23:59:59.999Z").toEpochMilli(),
            Instant.parse("2027-01-01T00:00:00.100Z").toEpochMilli(),
        };
        for (long millis : times) {
            LoggingEvent event = new LoggingEvent();
            event.setTimeStamp(millis);
            event.setLoggerContext(new LoggerContext());
            assertEquals(EXPECTED.format(Instant.ofEpochMilli(millis)), converter.convert(event));
        }
    }
}
