package io.learnlytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Light and dark themes in headless Chromium on the demo history: the page follows the system's
 * preference, the toggle switches and remembers the choice, and in both themes every visible text
 * has 4.5:1 against what is behind it and every chart line 3:1 against the panel.
 */
class DashboardThemeBrowserTest {
  @TempDir static Path dir;
  private static TestServer demo;
  private static ChromeDriver driver;
  private static DashboardPage page;
  private static BrowserSession session;
  private static String audit;

  @BeforeAll
  static void start() throws IOException {
    session = BrowserSession.onDemoHistory(dir);
    demo = session.server();
    driver = session.driver();
    page = session.page();
    try (InputStream in =
        DashboardThemeBrowserTest.class.getResourceAsStream("/contrast-audit.js")) {
      audit = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @AfterAll
  static void stop() {
    if (session != null) {
      session.close();
    }
  }

  private static void prefersDark(boolean dark) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of(
            "features",
            List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
  }

  private static String theme() {
    return (String) page.js("return document.documentElement.dataset.theme");
  }

  @SuppressWarnings("unchecked")
  private static void assertContrast(String theme) {
    Map<String, Object> result = (Map<String, Object>) page.js(audit);
    assertThat(((Number) result.get("checked")).intValue()).as(theme).isGreaterThan(200);
    assertThat((List<String>) result.get("failures"))
        .as("contrast in the %s theme", theme)
        .isEmpty();
  }

  @Test
  void the_page_follows_the_system_then_the_toggle_and_both_themes_are_readable() {
    prefersDark(false);
    page.open("");
    page.js("localStorage.removeItem('learnlytics.theme')");
    page.open("");
    assertThat(theme()).isEqualTo("light");
    assertContrast("light");

    prefersDark(true);
    page.open("");
    assertThat(theme()).isEqualTo("dark");
    assertThat(page.find("#theme-toggle").getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(page.text("#theme-toggle")).isEqualTo("Light mode");
    assertContrast("dark");

    page.find("#theme-toggle").click(); // the learner picks light on a dark system
    assertThat(theme()).isEqualTo("light");
    assertThat(page.find("#theme-toggle").getAttribute("aria-pressed")).isEqualTo("false");
    assertContrast("light, charts recoloured in place");
    page.open("");
    assertThat(theme()).as("the choice is remembered").isEqualTo("light");
    page.find("#theme-toggle").click();
    assertThat(theme()).isEqualTo("dark");
    assertContrast("dark, charts recoloured in place");
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  void the_toggle_is_visible_at_phone_width() throws IOException {
    page.emulate(390, 844, true); // a phone opens the page at its own width
    page.open("");
    long scrollWidth = page.screenshot(dir.resolve("phone.png"), 390, 844, true);
    assertThat(scrollWidth).isLessThanOrEqualTo(390);
    assertThat(page.find("#theme-toggle").isDisplayed()).isTrue();
    page.screenshot(dir.resolve("laptop.png"), 1440, 900, false);
  }
}
