package io.batchops.contract.safety;

import io.batchops.contract.harness.Browser;
import io.batchops.contract.harness.InProcessOnly;
import io.batchops.contract.harness.RealJar;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS rebinding in a real browser: Chromium resolves {@code rebind.example} to this machine (as the
 * attacker's DNS would, once the page has loaded), and the page under that name, and every request it
 * makes, is refused; the same page under {@code localhost} is served.
 */
@InProcessOnly
class RebindingIT {
    private static RealJar jar;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        browser = Browser.start("--host-resolver-rules=MAP rebind.example 127.0.0.1");
        jar = RealJar.start(List.of());
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

    @Test
    void aPageUnderAnotherNameForThisMachineIsRefused() {
        browser.driver.get("http://localhost:" + jar.port + "/_batchops/console/");
        assertTrue(browser.driver.findElements(By.tagName("script")).size() > 0, "the console is served under localhost");

        browser.driver.get("http://rebind.example:" + jar.port + "/_batchops/console/");
        String shown = browser.driver.findElement(By.tagName("body")).getText();
        assertTrue(shown.contains("APIGW.0202"), "the console under another name: " + shown);
        assertEquals(0, browser.driver.findElements(By.tagName("script")).size(), "no script of the console was served");

        // What an attacker's page would do next: read the state from its own origin.
        Object read = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/_batchops/state', {headers: {'X-Batchops-Admin-Token': 'admin-dev-token'}})"
                        + ".then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('failed ' + e));");
        assertTrue(String.valueOf(read).startsWith("400 ") && String.valueOf(read).contains("APIGW.0202"), String.valueOf(read));
    }
}
