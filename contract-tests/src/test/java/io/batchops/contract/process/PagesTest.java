package io.batchops.contract.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.batchops.contract.harness.Contract;
import io.batchops.contract.harness.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The docs page and the console are served from the server itself, every file they load included:
 * no CDN, nothing from elsewhere. (PagesIT drives them in a browser.)
 */
class PagesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The src and href of a page's scripts, styles and links. */
    private static final Pattern LOADS = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(TestServer.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/_batchops/docs", "/_batchops/console"})
    void aPageWithoutItsSlashRedirectsToIt(String page) throws Exception {
        HttpResponse<String> response = get(page);
        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElseThrow().endsWith(page + "/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/_batchops/docs/", "/_batchops/console/"})
    void everyFileAPageLoadsIsServedHere(String page) throws Exception {
        HttpResponse<String> html = get(page);
        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        Matcher loads = LOADS.matcher(html.body());
        int files = 0;
        while (loads.find()) {
            String file = loads.group(1);
            URI resolved = URI.create(page).resolve(file);
            assertTrue(resolved.getHost() == null, page + " loads " + file + " from elsewhere");
            if (file.startsWith("../")) {
                continue;
            }
            assertEquals(200, get(resolved.toString()).statusCode(), page + " loads " + file);
            files++;
        }
        assertTrue(files >= 2, "the page loads its script and style: " + html.body());
    }

    @Test
    void theDocsPageShowsTheFourServedSpecs() throws Exception {
        String initializer = get("/_batchops/docs/swagger-initializer.js").body();
        for (String spec : List.of("sms", "drs", "iam", "admin")) {
            String path = "/openapi/" + spec + ".yaml";
            assertTrue(initializer.contains("\"" + path + "\""), initializer);
            HttpResponse<String> served = get(path);
            assertEquals(200, served.statusCode(), path);
            assertEquals(Files.readString(Contract.specFile(spec + ".yaml")), served.body(), "served byte for byte");
        }
        assertEquals(404, get("/_batchops/docs/no-such-file.js").statusCode());
    }

    @Test
    void theSpecsAreServedAsJsonTooForTheConsolesValueLists() throws Exception {
        for (String spec : List.of("sms", "drs", "admin")) {
            HttpResponse<String> json = get("/openapi/" + spec + ".json");
            assertEquals(200, json.statusCode());
            JsonNode served = new ObjectMapper().readTree(json.body());
            JsonNode file = new YAMLMapper().readTree(Contract.specFile(spec + ".yaml").toFile());
            assertEquals(file, served, spec + ".json is " + spec + ".yaml");
        }
    }
}
