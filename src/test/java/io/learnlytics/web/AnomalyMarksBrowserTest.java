package io.learnlytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Unusual days on the dashboard's charts in headless Chromium: a seeded history (UTC) whose
 * yesterday had 6 sessions scored 0.98 where the same weekday of the 8 weeks before had 2 sessions
 * scored 0.70. Pointing at the mark shows the detector's evidence in plain words.
 */
class AnomalyMarksBrowserTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static ChromeDriver driver;
  private static DashboardPage page;
  private static BrowserSession session;
  private static String weekday;

  @BeforeAll
  static void start() throws IOException {
    LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    weekday = yesterday.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    List<JsonNode> events = new ArrayList<>();
    for (int k = 1; k <= 8; k++) {
      sessions(events, yesterday.minusWeeks(k), 2, 0.70);
    }
    sessions(events, yesterday, 6, 0.98);
    session =
        BrowserSession.on(
            dir,
            s -> {
              s.app().ingest().ingest(events);
              s.app().rollups().refreshDirty();
            });
    server = session.server();
    driver = session.driver();
    page = session.page();
  }

  @AfterAll
  static void stop() {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void the_trend_and_progress_charts_mark_the_unusual_day_and_its_tooltip_gives_the_evidence()
      throws IOException {
    page.open("?period=30d");
    page.waitUntil(() -> marks("trend-chart") == 1 && marks("progress-chart") == 2);

    assertThat(hoverMark("trend-chart", 0))
        .contains(
            "Answer quality 98% on a " + weekday + "; your usual " + weekday + ": 70% (±3 points)",
            "Unusually high: 6.3 times the usual spread above it, where 3.5 counts as unusual"
                + " (compared with 8 earlier "
                + weekday
                + "s)");
    shoot("trend-chart");
    assertThat(hoverMark("progress-chart", 0))
        .contains("6 sessions on a " + weekday + "; your usual " + weekday + ": 2 (±0.5)");
    shoot("progress-chart");
    assertThat(page.find("#progress-chart").getAttribute("aria-label"))
        .contains("Unusual days: ")
        .contains(": 6 sessions on a " + weekday)
        .contains(": Answer quality 98% on a " + weekday);
    assertThat(page.consoleErrors()).isEmpty();
  }

  /** The chart with its tooltip as a PNG in target/screenshots, for a look by eye. */
  private static void shoot(String canvasId) throws IOException {
    Path file = Path.of("target/screenshots", "anomaly-" + canvasId + ".png");
    Files.createDirectories(file.getParent());
    Files.write(file, page.find("#" + canvasId).getScreenshotAs(OutputType.BYTES));
  }

  /** How many datasets of unusual days the chart has, each with one marked point here. */
  private static long marks(String canvasId) {
    return ((Number)
            page.js(
                "const chart = Chart.getChart(document.getElementById(arguments[0]));"
                    + "return chart ? chart.data.datasets.filter(d => d.anomalies"
                    + " && d.data.filter(v => v != null).length === 1).length : 0;",
                canvasId))
        .longValue();
  }

  /**
   * Moves the mouse onto the marked point of the {@code n}th dataset of unusual days and returns
   * the lines the tooltip then shows.
   */
  @SuppressWarnings("unchecked") // the script returns an array of strings
  private static List<String> hoverMark(String canvasId, int n) {
    WebElement canvas = page.find("#" + canvasId);
    page.js("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", canvas);
    List<Number> xy =
        (List<Number>)
            page.js(
                "const c = document.getElementById(arguments[0]);"
                    + "const chart = Chart.getChart(c);"
                    + "const i = chart.data.datasets.map((d, k) => d.anomalies ? k : -1)"
                    + ".filter(k => k >= 0)[arguments[1]];"
                    + "const at = chart.data.datasets[i].data.findIndex(v => v != null);"
                    + "const p = chart.getDatasetMeta(i).data[at];"
                    + "const r = c.getBoundingClientRect();"
                    + "return [Math.round(p.x - r.width / 2), Math.round(p.y - r.height / 2)];",
                canvasId,
                n);
    int x = xy.get(0).intValue();
    int y = xy.get(1).intValue();
    new Actions(driver)
        .moveToElement(canvas, x + 3, y)
        .pause(Duration.ofMillis(100))
        .moveToElement(canvas, x, y)
        .perform();
    String lines =
        "const chart = Chart.getChart(document.getElementById(arguments[0]));"
            + "return chart.tooltip && chart.tooltip.opacity > 0"
            + " ? chart.tooltip.body.flatMap(b => b.lines) : [];";
    page.waitUntil(() -> !((List<String>) page.js(lines, canvasId)).isEmpty());
    return (List<String>) page.js(lines, canvasId);
  }

  /** {@code count} one-exchange sessions from 08:00 UTC on {@code day}, each scored {@code q}. */
  private static void sessions(List<JsonNode> events, LocalDate day, int count, double q) {
    for (int i = 0; i < count; i++) {
      String id = day + "-" + i;
      events.add(
          Json.MAPPER
              .createObjectNode()
              .put("kind", "exchange")
              .put("id", "e" + id)
              .put("session_id", "s" + id)
              .put("timestamp", day.atTime(8 + i, 0) + ":00Z")
              .put("duration_ms", 60_000));
      events.add(
          Json.MAPPER
              .createObjectNode()
              .put("kind", "quality")
              .put("id", "q" + id)
              .put("exchange_id", "e" + id)
              .put("composite", q));
    }
  }
}
