package io.stratus.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratus.testkit.ServiceRequirement;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, at 1280×800, with a fresh profile. Nothing is
 * downloaded: the driver and browser binaries are given explicitly, so Selenium Manager never runs. Screenshots go to
 * {@code it/target/console-screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Path profile;
    final ChromeDriver driver;

    private Browser(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Skips the test loudly when Chromium or its driver is missing; fails instead when services are required. */
    static Browser start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = ServiceRequirement.missing("Chromium (" + CHROMIUM + ") with chromedriver ("
                    + CHROMEDRIVER + "; Debian packages chromium and chromium-driver)");
            assertThat(ServiceRequirement.required()).as(message).isFalse();
            assumeTrue(false, message);
        }
        Path profile = Files.createTempDirectory("stratus-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // --window-size sizes the window; make the page itself 1280×800, the smallest screen the console supports.
        long chrome = (Long) driver.executeScript("return window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(1280, 800 + (int) chrome));
        return new Browser(profile, driver);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return until(d -> d.findElement(By.cssSelector(css)));
    }

    WebElement visible(String css) {
        return until(d -> {
            WebElement e = d.findElement(By.cssSelector(css));
            return e.isDisplayed() ? e : null;
        });
    }

    void click(String css) {
        until(d -> {
            WebElement e = d.findElement(By.cssSelector(css));
            if (!e.isDisplayed() || !e.isEnabled()) {
                return null;
            }
            // Centred, so that neither the sticky header nor a notice covers it.
            driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
            e.click();
            return true;
        });
    }

    /** Waits until the element's text contains {@code text}; returns its text. */
    String textOf(String css, String text) {
        return until(d -> {
            String t = d.findElement(By.cssSelector(css)).getText();
            return t.contains(text) ? t : null;
        });
    }

    /** Replaces the whole document of the CodeMirror editor inside {@code css} by typing, as a user would. */
    void typeInEditor(String css, String text) {
        WebElement content = find(css + " .cm-content");
        content.click();
        content.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        content.sendKeys(text);
    }

    /** Waits for a condition; on timeout saves the page as {@code failed-…png} to show what was there instead. */
    <T> T until(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(condition::apply);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-" + System.currentTimeMillis());
            throw e;
        }
    }

    /** Saves a PNG of the page as {@code it/target/console-screenshots/NAME.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File png = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), SCREENSHOTS.resolve(name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
