package io.batchops.contract.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchops.contract.harness.Browser;
import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.RealJar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The docs page and the console in a real browser, on the packaged jar as a user starts it: no
 * credentials file, so the development token, and the README's seed.
 */
@InProcessOnly
class PagesIT {
    private static final Path SEED = Path.of(System.getProperty("batchops.examples.dir", "../examples"), "seed.json");
    private static final String DOMAIN = "0970dd7a1300f5672ff2c003c60ae115";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RealJar jar;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        browser = Browser.start();
        jar = RealJar.start(List.of(), "--seed", SEED.toString());
    }

    @AfterAll
    static void stop() {
        if (jar != null) {
            jar.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    private static HttpResponse<String> call(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(jar.uri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        request.header(path.startsWith("/_batchops") ? "X-Batchops-Admin-Token" : "X-Auth-Token", token);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode task(String id) throws Exception {
        return JSON.readTree(call("GET", "/v3/tasks/" + id, "dev-token", null).body());
    }

    private static void eventually(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what);
            }
            Thread.sleep(100);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    @Test
    void theDocsPageListsTheOperationsAndTryItOutAnswers() {
        browser.driver.get(jar.uri() + "/_batchops/docs/");
        List<WebElement> operations = browser.waiting().until(
                ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".opblock"), 5));
        List<String> paths = operations.stream()
                .map(operation -> operation.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path"))
                .toList();
        assertTrue(paths.contains("/v3/tasks/delete"), paths::toString);
        assertTrue(paths.contains("/v3/tasks/{task_id}"), paths::toString);

        WebElement showTask = browser.driver.findElement(By.cssSelector("[id$='-showTask']"));
        showTask.findElement(By.cssSelector(".opblock-summary")).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(showTask.findElement(By.cssSelector(".try-out__btn"))))
                .click();
        WebElement taskId = showTask.findElement(By.cssSelector("input[placeholder='task_id']"));
        taskId.sendKeys("1");
        showTask.findElement(By.cssSelector(".btn.execute")).click();
        WebElement status = browser.waiting().until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(showTask,
                By.cssSelector(".live-responses-table tbody .response-col_status"))).get(0);
        assertTrue(status.getText().trim().startsWith("200"), "Try it out, with the development token, on this server: " + status.getText());
        String body = showTask.findElement(By.cssSelector(".live-responses-table .response-col_description pre")).getText();
        assertTrue(body.contains("migrate-web-01"), body);
        browser.screenshot("docs", showTask);
    }

    @Test
    void theConsoleShowsTheStateChangesItAndFollowsTheJournal() throws Exception {
        browser.driver.get(jar.uri() + "/_batchops/console/");
        browser.waiting().until(ExpectedConditions.textToBe(By.id("status"), "connected"));
        new Select(browser.driver.findElement(By.id("tenant"))).selectByValue(DOMAIN);

        // A seeded task, in its state.
        WebElement readyTask = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#tasks tr[data-id='2'] select.state")));
        assertEquals("READY", new Select(readyTask).getFirstSelectedOption().getText());
        assertEquals("READY", task("2").path("state").asText());

        // Changed in the console, it is what the API then answers.
        new Select(readyTask).selectByValue("MIGRATE_FAIL");
        eventually("the API answers the state set in the console", () -> "MIGRATE_FAIL".equals(task("2").path("state").asText()));

        // A request made elsewhere appears in the journal's view.
        assertEquals(404, call("POST", "/v3/tasks/delete", "dev-token", "{\"ids\":[\"ghost-task\"]}").statusCode());
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("requests"), "ghost-task"));
        String row = browser.driver.findElement(By.xpath("//table[@id='requests']//tr[contains(., 'ghost-task')]")).getText();
        assertTrue(row.contains("deleteTasks") && row.contains("404") && row.contains("SMS.1802"), row);

        // A fault rule added and removed from the page.
        new Select(browser.driver.findElement(By.id("fault-operation"))).selectByValue("deleteTasks");
        browser.driver.findElement(By.id("fault-status")).sendKeys("503");
        browser.driver.findElement(By.id("fault-code")).sendKeys("SMS.2007");
        browser.driver.findElement(By.cssSelector("#new-fault button[type=submit]")).click();
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#faults tr[data-id]")));
        JsonNode faults = JSON.readTree(call("GET", "/_batchops/faults", "admin-dev-token", null).body()).path("faults");
        assertEquals(1, faults.size(), faults::toString);
        assertEquals(503, faults.path(0).path("rule").path("response").path("status").asInt());
        browser.screenshot("console", browser.driver.findElement(By.id("tenants-section")));
        // The page polls every second; a poll that finds the rules unchanged leaves the row, and
        // so the button found before it, in place.
        WebElement remove = browser.driver.findElement(By.cssSelector("#faults tr[data-id] button"));
        Thread.sleep(1_500);
        remove.click();
        eventually("the rule removed in the console is gone", () -> JSON.readTree(
                call("GET", "/_batchops/faults", "admin-dev-token", null).body()).path("faults").isEmpty());
    }

    @Test
    void theConsoleDrawsADrsJobFailureRuleAndAsksBeforeItResets() throws Exception {
        assertEquals(201, call("POST", "/_batchops/faults", "admin-dev-token",
                "{\"operation\":\"batchDeleteJobs\",\"ids\":[\"j-7\"],\"failed_jobs\":{\"error_code\":\"DRS.M01504\"}}").statusCode());
        try {
            browser.driver.get(jar.uri() + "/_batchops/console/");
            browser.waiting().until(ExpectedConditions.textToBe(By.id("status"), "connected"));
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("faults"), "fails jobs j-7 with DRS.M01504"));

            String before = call("GET", "/_batchops/state", "admin-dev-token", null).body();
            browser.driver.findElement(By.id("reset")).click();
            browser.waiting().until(ExpectedConditions.alertIsPresent()).dismiss();
            Thread.sleep(500);
            assertEquals(before, call("GET", "/_batchops/state", "admin-dev-token", null).body(), "a reset called off changed nothing");

            browser.driver.findElement(By.id("reset")).click();
            browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
            eventually("the reset asked for and confirmed is done", () -> JSON.readTree(
                    call("GET", "/_batchops/state", "admin-dev-token", null).body()).path("sms").path("tasks").equals(JSON.createArrayNode()));
            assertTrue(JSON.readTree(before).path("sms").path("tasks").size() > 0, "the seed had tasks to remove");
        } finally {
            assertEquals(204, call("PUT", "/_batchops/state", "admin-dev-token", Files.readString(SEED)).statusCode());
            assertEquals(204, call("DELETE", "/_batchops/faults", "admin-dev-token", null).statusCode());
        }
    }

    @Test
    void thePagesCannotBeFramedEvenByTheirOwnOrigin() throws Exception {
        browser.driver.get(jar.uri() + "/_batchops/docs/");
        JavascriptExecutor page = (JavascriptExecutor) browser.driver;
        // Judged once the frame has loaded (a refused frame loads the browser's error page), not after a guess at the time.
        Object framed = page.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const frame = document.createElement('iframe');"
                + "frame.addEventListener('load', () => { const d = frame.contentDocument;"
                + "  done(d && d.getElementById('reset') ? 'console' : 'blocked'); });"
                + "setTimeout(() => done('never loaded'), 15000);"
                + "frame.src = '/_batchops/console/'; document.body.appendChild(frame);");
        assertEquals("blocked", framed, "the console loaded inside a frame");
        HttpResponse<String> console = call("GET", "/_batchops/console/", "admin-dev-token", null);
        assertEquals("DENY", console.headers().firstValue("X-Frame-Options").orElse(null));
        assertTrue(console.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"),
                console.headers().toString());
        assertEquals("nosniff", console.headers().firstValue("X-Content-Type-Options").orElse(null));
    }
}
