package io.batchops.server.telemetry;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %safemsg}: the record's message with every character that could end or rewrite a line
 * (control characters, NEL, the Unicode line and paragraph separators) written as an escape, so that
 * a path or id a client sent cannot add a line of its own to the text log. {@code \n}, {@code \r} and
 * {@code \t} as such, the rest as {@code \\uXXXX}; a backslash stays as it is, as in the JSON format's
 * strings it does not.
 */
public final class EscapedMessage extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return escaped(event.getFormattedMessage());
    }

    static String escaped(String message) {
        if (message == null) {
            return "null";
        }
        int first = firstUnsafe(message);
        if (first < 0) {
            return message;
        }
        StringBuilder out = new StringBuilder(message.length() + 16).append(message, 0, first);
        for (int i = first; i < message.length(); i++) {
            char c = message.charAt(i);
            if (!unsafe(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static int firstUnsafe(String message) {
        for (int i = 0; i < message.length(); i++) {
            if (unsafe(message.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
