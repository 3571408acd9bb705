package io.batchops.server.telemetry;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code %utc}: the record's time as {@code 2026-12-02T11:14:43.893Z}. Logback's {@code %d} formats
 * the whole date again for every millisecond, which shows in a profile at thousands of lines a second;
 * this formats it once a second and appends the milliseconds.
 */
public final class UtcTimestamp extends ClassicConverter {
    private static final DateTimeFormatter TO_THE_SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

    private record Second(long epochSecond, String text) {
    }

    private volatile Second last = new Second(Long.MIN_VALUE, "");

    @Override
    public String convert(ILoggingEvent event) {
        long millis = event.getTimeStamp();
        long epochSecond = Math.floorDiv(millis, 1000);
        Second second = last;
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, TO_THE_SECOND.format(Instant.ofEpochSecond(epochSecond)));
            last = second;
        }
        int milli = (int) Math.floorMod(millis, 1000);
        StringBuilder text = new StringBuilder(24).append(second.text());
        if (milli < 100) {
            text.append('0');
        }
        if (milli < 10) {
            text.append('0');
        }
        return text.append(milli).append('Z').toString();
    }
}
