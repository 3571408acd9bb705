package io.batchops.server.meta;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/** What the build wrote into {@code version.properties}: batchops' version and the Swagger UI it serves. */
public final class Build {
    private static final Properties PROPERTIES = read();
    public static final String VERSION = PROPERTIES.getProperty("version");
    public static final String SWAGGER_UI_VERSION = PROPERTIES.getProperty("swagger-ui");

    private Build() {
    }

    private static Properties read() {
        try (InputStream in = Build.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(Objects.requireNonNull(in, "version.properties is part of the build"));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the build's version", e);
        }
    }
}
