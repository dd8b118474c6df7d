package io.learnlytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's ES modules under unit test, in the Chromium the browser tests use: a test page
 * ({@code src/test/resources/js-tests}) imports them from a small site that serves {@code /js} as
 * the server does, with the live {@code GET /api/meta} of a real server next to them, and runs
 * every case. Each JS case is reported as one test; a failing case fails with its name and message.
 * No Node and no npm: the browser is the runtime.
 */
class JsUnitTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static TestServer server;
  private static Javalin site;
  private static ChromeDriver driver;

  @BeforeAll
  static void start() throws IOException {
    Chromium.requireInstalled();
    server = TestServer.start(Files.createDirectories(dir.resolve("server")));
    site = testSite(server).start();
    driver = Chromium.start(Files.createDirectories(dir.resolve("downloads")));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (site != null) {
      site.stop();
    }
    if (server != null) {
      server.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> every_js_case_passes() {
    driver.get("http://127.0.0.1:" + site.port() + "/js-tests/index.html");
    new WebDriverWait(driver, TIMEOUT)
        .until(d -> driver.executeScript("return window.jsTestResults != null"));
    List<Map<String, Object>> results = results();
    assertThat(results).as("JS cases run").isNotEmpty();
    return results.stream().map(r -> dynamicTest((String) r.get("name"), () -> check(r)));
  }

  private static void check(Map<String, Object> result) {
    if (!Boolean.TRUE.equals(result.get("ok"))) {
      fail(result.get("name") + ": " + result.get("message"));
    }
  }

  @SuppressWarnings("unchecked") // the harness publishes a list of {name, ok, message}
  private static List<Map<String, Object>> results() {
    return (List<Map<String, Object>>) driver.executeScript("return window.jsTestResults");
  }

  /**
   * Same-origin home for the test page and the modules under test (module scripts need it): the
   * page's {@code /js} and Chart.js as the server serves them, the test files, and the real
   * server's contract.
   */
  private static Javalin testSite(TestServer real) {
    return Javalin.create(
        c -> {
          c.startup.showJavalinBanner = false;
          c.staticFiles.add("/public", Location.CLASSPATH);
          c.staticFiles.add(
              s -> {
                s.hostedPath = "/js-tests";
                s.directory = "/js-tests";
                s.location = Location.CLASSPATH;
              });
          c.staticFiles.enableWebjars();
          c.jetty.host = "127.0.0.1";
          c.jetty.port = 0;
          c.routes.get(
              "/api/meta",
              ctx -> ctx.contentType("application/json").result(real.get("/api/meta").body()));
        });
  }
}
