package io.batchops.junit5;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The test's SLF4J (1.7 or 2.x), loaded only when the test has it and a binding for it. */
final class Slf4jSink implements ServerLog.Sink {

    /** Whether SLF4J and a binding are on the test's class path (without one, SLF4J itself would warn on stderr). */
    static boolean available() {
        ClassLoader loader = Slf4jSink.class.getClassLoader();
        try {
            Class.forName("org.slf4j.LoggerFactory", false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
        return loader.getResource("META-INF/services/org.slf4j.spi.SLF4JServiceProvider") != null
                || loader.getResource("org/slf4j/impl/StaticLoggerBinder.class") != null;
    }

    @Override
    public void log(String name, String level, String message) {
        Logger logger = LoggerFactory.getLogger(name);
        switch (level) {
            case "ERROR" -> logger.error(message);
            case "WARN" -> logger.warn(message);
            case "DEBUG" -> logger.debug(message);
            case "TRACE" -> logger.trace(message);
            default -> logger.info(message);
        }
    }
}
