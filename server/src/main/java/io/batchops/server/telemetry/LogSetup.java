package io.batchops.server.telemetry;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Objects;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The program's logging, set once by {@code main}: Logback in the chosen format, with
 * java.util.logging (Jersey, Grizzly) bridged in. Inside a user's tests nothing here runs: the
 * server's lines go to whatever SLF4J binding the user has.
 */
public final class LogSetup {
    private LogSetup() {
    }

    public static void configure(LogFormat format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        URL configuration = Objects.requireNonNull(LogSetup.class.getResource(format.configuration()),
                "the Logback configuration is part of the build");
        context.reset();
        RequestLog.structured(format == LogFormat.JSON);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(configuration);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging from " + configuration, e);
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** Writes out what is still buffered (the request lines go out in blocks). */
    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
