package io.batchops.contract.harness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, through its chromedriver: the system's own binaries, so that Selenium
 * downloads nothing. Without them the browser tests are skipped, unless {@code BATCHOPS_BROWSER_REQUIRED}
 * is {@code true} (as in CI), when they fail.
 */
public final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of(System.getProperty("batchops.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("batchops.chromedriver", "/usr/bin/chromedriver"));
    /** Where the pages' screenshots go, when asked for (README's images: -Dbatchops.screenshots=docs/images). */
    private static final String SCREENSHOTS = System.getProperty("batchops.screenshots", "");

    public final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    public static Browser start() {
        return start(new String[0]);
    }

    /** With {@code arguments} besides the usual ones (such as {@code --host-resolver-rules}). */
    public static Browser start(String... arguments) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && Boolean.parseBoolean(System.getenv("BATCHOPS_BROWSER_REQUIRED"))) {
            throw new AssertionError("BATCHOPS_BROWSER_REQUIRED, but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        assumeTrue(installed, "no " + CHROMIUM + " and " + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000");
        options.addArguments(arguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Saves what the page shows from {@code top} down as {@code name}.png, when screenshots were asked for. */
    public void screenshot(String name, WebElement top) {
        if (SCREENSHOTS.isBlank()) {
            return;
        }
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", top);
        try {
            Path directory = Files.createDirectories(Path.of(SCREENSHOTS));
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
