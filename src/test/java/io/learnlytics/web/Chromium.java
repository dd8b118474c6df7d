package io.learnlytics.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Debian Chromium driven by Selenium, with the flags that work as root in a container (see
 * ../shared/stack-notes.md). The driver path is given explicitly so Selenium Manager never looks
 * anything up. CI installs both packages ({@code .ci/run}); a machine without them fails the tests
 * with the command that installs them rather than skipping silently.
 */
final class Chromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {}

  static void requireInstalled() {
    if (!Files.isExecutable(BINARY) || !Files.isExecutable(DRIVER)) {
      throw new AssertionError(
          "the browser tests need Debian Chromium at "
              + BINARY
              + " and its driver at "
              + DRIVER
              + "; install them with: apt-get update && apt-get install -y chromium"
              + " chromium-driver (.ci/run does this on CI)");
    }
  }

  /** A headless browser with a 1366x900 window, reduced motion, and downloads into {@code dir}. */
  static ChromeDriver start(Path downloads) {
    return start(downloads, false);
  }

  /**
   * As {@link #start(Path)}; with {@code networkLog}, the DevTools network events are kept in the
   * {@code performance} log (what a bench reads to count the bytes really received).
   */
  static ChromeDriver start(Path downloads, boolean networkLog) {
    requireInstalled();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--disable-dev-shm-usage",
        "--window-size=1366,900",
        "--hide-scrollbars",
        "--force-device-scale-factor=1");
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    if (networkLog) {
      logs.enable(LogType.PERFORMANCE, Level.ALL);
    }
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    // Charts then draw at once: screenshots and pixel checks never catch an animation halfway.
    reducedMotion(driver, true);
    return driver;
  }

  /** Emulates the learner's "reduce motion" setting (on, or off as most learners have it). */
  static void reducedMotion(ChromeDriver driver, boolean reduce) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of(
            "features",
            List.of(
                Map.of(
                    "name",
                    "prefers-reduced-motion",
                    "value",
                    reduce ? "reduce" : "no-preference"))));
  }
}
