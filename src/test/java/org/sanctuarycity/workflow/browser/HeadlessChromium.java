package org.sanctuarycity.workflow.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium for browser tests, with the same rules and flags as TasklistFormsIT: without
 * /usr/bin/chromium and /usr/bin/chromedriver (packages chromium and chromium-driver) the test class is
 * skipped, except with CI=true, where it runs and fails. The paths can be overridden with
 * -Dtasklist.it.chromium=... and -Dtasklist.it.chromedriver=...
 *
 * <p>Use {@code @ExtendWith(HeadlessChromium.Condition.class)} on the class, call {@link #failInCiIfMissing}
 * from a {@code @BeforeAll}, and open one instance per test ({@link #close} it afterwards).
 */
public final class HeadlessChromium implements AutoCloseable {

  public static final Path CHROMIUM = Path.of(System.getProperty("tasklist.it.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER = Path.of(System.getProperty("tasklist.it.chromedriver", "/usr/bin/chromedriver"));
  public static final Duration WAIT = Duration.ofSeconds(30);

  private final ChromeDriverService service;
  private final WebDriver driver;
  private final Path profileDir;

  private HeadlessChromium(ChromeDriverService service, WebDriver driver, Path profileDir) {
    this.service = service;
    this.driver = driver;
    this.profileDir = profileDir;
  }

  /** The reason the browser cannot run, or null when chromium and chromedriver are there. */
  public static String missingBrowser() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(CHROMIUM)) {
      missing.add(CHROMIUM.toString());
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      missing.add(CHROMEDRIVER.toString());
    }
    return missing.isEmpty() ? null : "browser tests need Debian's chromium and chromium-driver; missing "
        + missing + " (apt-get install -y chromium chromium-driver)";
  }

  /** With CI=true the condition lets the class run; this fails it when the browser is missing. */
  public static void failInCiIfMissing() {
    String missing = missingBrowser();
    if (missing != null) {
      throw new AssertionError(missing + ". CI=true, so a missing browser is a failure, not a skip.");
    }
  }

  /** Skips the class (with the reason) before the application boots when the browser is missing, unless CI=true. */
  public static class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      String missing = missingBrowser();
      if (missing == null) {
        return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
      }
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        return ConditionEvaluationResult.enabled("CI=true: runs, and fails for the missing browser");
      }
      System.out.println("SKIPPED: " + missing);
      return ConditionEvaluationResult.disabled(missing);
    }
  }

  /** A fresh headless Chromium with its own profile directory (TasklistFormsIT's flags). */
  public static HeadlessChromium open() throws IOException {
    Path profileDir = Files.createTempDirectory("browser-it-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1000", "--lang=en-US", "--user-data-dir=" + profileDir);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    return new HeadlessChromium(service, new ChromeDriver(service, options), profileDir);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Writes target/screenshots/{name}.png and the page source next to it. */
  public void screenshot(String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Path png = dir.resolve(name + ".png");
      Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
      System.out.println("Screenshot of the failure: " + png.toAbsolutePath());
    } catch (Exception e) {
      System.out.println("No screenshot: " + e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      service.stop();
      try (Stream<Path> files = Files.walk(profileDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
