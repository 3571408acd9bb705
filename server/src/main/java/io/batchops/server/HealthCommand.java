package io.batchops.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar batchops-server.jar health}: whether the batchops at a URL answers its health check,
 * as an exit status; the container image's HEALTHCHECK runs it (an image with a JRE need not have curl).
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Asks a batchops for /_batchops/health: exit status 0 when it answers UP, 1 otherwise.")
final class HealthCommand implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:${env:BATCHOPS_PORT:-" + ServerConfig.DEFAULT_PORT + "}",
            description = "The batchops to ask (default ${DEFAULT-VALUE}, from BATCHOPS_PORT).")
    private String url;

    @Option(names = "--timeout", defaultValue = "5", description = "Seconds to wait for the answer (default ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/$", "") + "/_batchops/health"))
                .timeout(Duration.ofSeconds(timeoutSeconds)).build();
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            System.out.println(answer.statusCode() + " " + answer.body());
            return answer.statusCode() == 200 && answer.body().contains("\"UP\"") ? 0 : 1;
        } catch (java.io.IOException e) {
            System.out.println("no answer from " + url + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
