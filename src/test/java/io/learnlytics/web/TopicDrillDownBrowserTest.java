package io.learnlytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The topic view, the rhythm charts and the year in review in headless Chromium over the demo
 * history, at a laptop's and a phone's width: what the page shows is what the API answers, the
 * topic's URL can be shared and Back closes it, and nothing overflows the phone's width.
 */
class TopicDrillDownBrowserTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static ChromeDriver driver;
  private static DashboardPage page;
  private static BrowserSession session;

  @BeforeAll
  static void start() throws IOException {
    session = BrowserSession.onDemoHistory(dir);
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

  @ParameterizedTest
  @ValueSource(ints = {1440, 390})
  void clicking_a_topic_opens_its_view_with_the_apis_numbers_and_back_closes_it(int width) {
    size(width);
    page.open("?period=30d");
    page.consoleErrors();
    WebElement link = page.find("#top-topics a.topic-link");
    String name = link.getText();
    page.js("arguments[0].scrollIntoView({block: 'center'})", link);
    link.click();
    waitForTopic(name);

    assertThat(query()).contains("period=30d");
    assertThat(page.js("return new URLSearchParams(location.search).get('topic')")).isEqualTo(name);
    JsonNode api = api("/api/analytics/topics/detail?period=30d&name=" + encoded(name));
    assertThat(numbers(tree(page.chartData("topic-chart"))))
        .isEqualTo(numbers(chartOf(api.get("chart"))));
    assertThat(page.text("#topic-detail-title")).isEqualTo(name);
    assertThat(digits(stat("Sessions"))).isEqualTo(api.at("/totals/sessions").asText());
    assertThat(digits(stat("Mentions"))).isEqualTo(api.at("/totals/mentions").asText());
    assertThat(page.find("#topic-detail").isDisplayed()).isTrue();
    assertThat(page.js("return document.activeElement.id")).isEqualTo("topic-detail-title");
    assertThat(scrollWidth()).as("page width").isLessThanOrEqualTo(width);
    shoot("#topic-detail", "topic-view-" + width);

    driver.navigate().back();
    page.waitUntil(() -> !page.find("#topic-detail").isDisplayed());
    assertThat(query()).doesNotContain("topic=").contains("period=30d");
    assertThat(page.consoleErrors()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1440, 390})
  void a_shared_topic_url_opens_the_view_and_the_close_button_closes_it(int width) {
    size(width);
    String name = api("/api/analytics/topics?period=7d").at("/top_topics/0/name").asText();
    page.open("?period=7d&topic=" + encoded(name));
    waitForTopic(name);
    JsonNode api = api("/api/analytics/topics/detail?period=7d&name=" + encoded(name));
    assertThat(numbers(tree(page.chartData("topic-chart"))))
        .isEqualTo(numbers(chartOf(api.get("chart"))));
    assertThat(page.findAll("#topic-graph li"))
        .hasSize(api.at("/graph/prerequisites").size() + api.at("/graph/related").size());

    page.choosePeriod("30d");
    JsonNode month = api("/api/analytics/topics/detail?period=30d&name=" + encoded(name));
    page.waitUntil(
        () ->
            numbers(tree(page.chartData("topic-chart")))
                .equals(numbers(chartOf(month.get("chart")))));
    assertThat(page.js("return new URLSearchParams(location.search).get('topic')")).isEqualTo(name);

    page.find("#topic-close").click();
    page.waitUntil(() -> !page.find("#topic-detail").isDisplayed());
    assertThat(query()).doesNotContain("topic=").contains("period=30d");
    assertThat(page.consoleErrors()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1440, 390})
  void the_rhythm_charts_draw_the_apis_hours_and_weekdays_and_the_year_shows_with_365_days(
      int width) {
    size(width);
    page.open("?period=90d");
    page.waitUntil(
        () ->
            page.js("return Chart.getChart(document.getElementById('rhythm-hours-chart')) != null")
                .equals(Boolean.TRUE));
    JsonNode rhythm = api("/api/analytics/rhythm?period=90d");
    assertThat(numbers(tree(page.chartData("rhythm-hours-chart"))))
        .isEqualTo(numbers(pick(rhythm.get("hours"), 0, 2)));
    assertThat(numbers(tree(page.chartData("rhythm-days-chart"))))
        .isEqualTo(numbers(pick(rhythm.get("weekdays"), 0, 2)));
    assertThat(page.text("#rhythm-best")).isEqualTo(rhythm.at("/best/text").asText() + ".");
    assertThat(page.chart("rhythm-hours-chart").painted()).isPositive();
    assertThat(page.find("#year").isDisplayed()).isFalse();
    assertThat(
            page.js(
                "return performance.getEntriesByType('resource')"
                    + ".some(e => e.name.includes('/api/analytics/year'))"))
        .as("the year is not fetched for 90 days")
        .isEqualTo(false);

    page.choosePeriod("365d");
    assertThat(page.find("#year").isDisplayed()).isTrue();
    JsonNode year = api("/api/analytics/year");
    assertThat(digits(tile("Sessions"))).isEqualTo(year.at("/totals/sessions").asText());
    assertThat(digits(tile("Days learned"))).isEqualTo(year.at("/totals/days_learned").asText());
    assertThat(digits(tile("Best streak"))).isEqualTo(year.at("/best_streak/days").asText());
    assertThat(page.text("#year-top")).contains(year.at("/top_topics/0/name").asText());
    assertThat(scrollWidth()).as("page width").isLessThanOrEqualTo(width);
    shoot("#year", "year-" + width);
    shoot("#rhythm", "rhythm-" + width);
    assertThat(page.consoleErrors()).isEmpty();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @ValueSource(strings = {"light", "dark"})
  @SuppressWarnings("unchecked") // the audit returns a map of a count and a list of strings
  void the_topic_view_rhythm_and_year_are_readable_in_both_themes(String theme) throws IOException {
    size(1440);
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", theme))));
    page.open("");
    page.js("localStorage.removeItem('learnlytics.theme')");
    String name = api("/api/analytics/topics?period=365d").at("/top_topics/0/name").asText();
    page.open("?period=365d&topic=" + encoded(name));
    waitForTopic(name);
    assertThat(page.find("#year").isDisplayed()).isTrue();
    String audit;
    try (var in = TopicDrillDownBrowserTest.class.getResourceAsStream("/contrast-audit.js")) {
      audit = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Object> result = (Map<String, Object>) page.js(audit);
    assertThat((List<String>) result.get("failures")).as("contrast, %s", theme).isEmpty();
    assertThat(page.consoleErrors()).isEmpty();
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
  }

  // ---------------------------------------------------------------- helpers

  private static void size(int width) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  /** A panel as a PNG in target/screenshots, for a look by eye. */
  private static void shoot(String css, String name) {
    WebElement e = page.find(css);
    page.js(
        "arguments[0].scrollIntoView({block: 'start'});"
            + "document.getElementById('toast').classList.remove('visible')",
        e);
    page.waitUntil(
        () ->
            "0"
                .equals(
                    page.js("return getComputedStyle(document.getElementById('toast')).opacity")));
    try {
      Path file = Path.of("target/screenshots", name + ".png");
      Files.createDirectories(file.getParent());
      Files.write(file, e.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    } catch (IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }

  private static void waitForTopic(String name) {
    page.waitUntil(
        () ->
            page.find("#topic-detail").isDisplayed()
                && name.equals(page.js("return document.documentElement.dataset.topic"))
                && page.find("#topic-detail").getAttribute("aria-busy") == null);
  }

  private static String query() {
    return (String) page.js("return location.search");
  }

  private static long scrollWidth() {
    return ((Number) page.js("return document.documentElement.scrollWidth")).longValue();
  }

  private static String encoded(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static JsonNode api(String path) {
    TestServer.Response r = server.get(path);
    assertThat(r.status()).as(path).isEqualTo(200);
    return r.json();
  }

  /** The mini-stat value after the term {@code term} in the topic view. */
  private static String stat(String term) {
    return dd("#topic-stats", term);
  }

  private static String tile(String term) {
    return dd("#year-totals", term);
  }

  private static String dd(String list, String term) {
    for (WebElement row : page.findAll(list + " div")) {
      if (row.findElement(By.tagName("dt")).getText().equals(term)) {
        return row.findElement(By.tagName("dd")).getText();
      }
    }
    throw new AssertionError("no " + term + " in " + list);
  }

  private static JsonNode tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(json, e);
    }
  }

  private static String digits(String text) {
    return text.replaceAll("[^0-9]", "");
  }

  /** {@code [labels, [data of each dataset]]}, as {@link DashboardPage#chartData} gives it. */
  private static JsonNode chartOf(JsonNode chart) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < chart.get("datasets").size(); i++) {
      all.add(i);
    }
    return pick(chart, all.stream().mapToInt(Integer::intValue).toArray());
  }

  private static JsonNode pick(JsonNode chart, int... datasets) {
    var out = Json.MAPPER.createArrayNode();
    out.add(chart.get("labels"));
    var data = out.addArray();
    for (int i : datasets) {
      data.add(chart.at("/datasets/" + i + "/data"));
    }
    return out;
  }

  /** Labels as text and values as numbers (JSON writes 1.0 as 1 in the page and 1.0 in Java). */
  private static List<Object> numbers(JsonNode chart) {
    List<Object> out = new ArrayList<>();
    chart.get(0).forEach(l -> out.add(l.asText()));
    for (JsonNode ds : chart.get(1)) {
      List<Double> values = new ArrayList<>();
      ds.forEach(v -> values.add(v.isNull() ? null : v.asDouble()));
      out.add(values);
    }
    return out;
  }
}
