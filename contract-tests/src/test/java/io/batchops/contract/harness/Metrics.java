package io.batchops.contract.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /_batchops/metrics}, read as Prometheus reads it: each sample by its name and labels. */
public record Metrics(Map<String, Double> samples, String text) {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static Metrics read() {
        Exchange scraped = Wire.to(Contract.ADMIN, "GET", "/_batchops/metrics").send();
        assertEquals(200, scraped.status(), scraped::toString);
        assertTrue(scraped.header("Content-Type").startsWith("text/plain"), scraped.header("Content-Type"));
        Map<String, Double> samples = new HashMap<>();
        for (String line : scraped.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "not a Prometheus sample: " + line);
            samples.put(key(sample.group(1), labels(sample.group(2))), Double.parseDouble(sample.group(3)));
        }
        return new Metrics(samples, scraped.body());
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }

    private static String key(String name, Map<String, String> labels) {
        return name + new TreeMap<>(labels);
    }

    /** The sample's value; 0 for a series not (yet) reported. */
    public double value(String name, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        return samples.getOrDefault(key(name, labels), 0.0);
    }

    public boolean has(String name) {
        return samples.keySet().stream().anyMatch(key -> key.startsWith(name + "{"));
    }
}
