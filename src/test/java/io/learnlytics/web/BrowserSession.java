package io.learnlytics.web;

import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A server with data, a headless Chromium and the dashboard page on it, for a browser test class.
 */
record BrowserSession(TestServer server, ChromeDriver driver, DashboardPage page)
    implements AutoCloseable {

  /** On the 180-day demo history, loaded the way {@code serve --demo} does. */
  static BrowserSession onDemoHistory(Path dir) throws IOException {
    return on(dir, s -> Fixtures.loadDemoHistory(s.app()));
  }

  /** On the data {@code fill} stores, in a server under {@code dir}. */
  static BrowserSession on(Path dir, Consumer<TestServer> fill) throws IOException {
    Chromium.requireInstalled();
    TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")));
    try {
      fill.accept(server);
      ChromeDriver driver = Chromium.start(Files.createDirectories(dir.resolve("downloads")));
      return new BrowserSession(server, driver, new DashboardPage(driver, server.uri("/")));
    } catch (RuntimeException | IOException e) {
      server.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      server.close();
    }
  }
}
