package io.batchops.server.telemetry;

/** How the program prints its log: readable lines, or one JSON object a line for a log pipeline. */
public enum LogFormat {
    TEXT, JSON;

    /** The Logback configuration of this format, a resource next to this class. */
    String configuration() {
        return "logback-" + name().toLowerCase(java.util.Locale.ROOT) + ".xml";
    }
}
