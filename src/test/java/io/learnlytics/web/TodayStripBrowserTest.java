package io.learnlytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 18 in headless Chromium on the demo history: the Today strip (streak, nearest goal with its
 * pace, next up) above the fold at laptop and phone widths and saying what the API says; "Answer
 * quality" with its explanation; the mastery list equal to the API; the trend and "Why this
 * insight?" in plain words.
 */
class TodayStripBrowserTest {
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
  @ValueSource(ints = {1440, 1024, 768, 390})
  void the_today_strip_is_above_the_fold_and_says_what_the_api_says(int width) throws IOException {
    boolean phone = width < 760;
    int height = phone ? 844 : 900;
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", phone));
    try {
      page.open("");
      page.waitUntil(() -> page.findAll("#today .skeleton").isEmpty());

      JsonNode streak = server.get("/api/analytics/streak").json().get("current");
      long days = streak.get("days").asLong();
      assertThat(page.text("#today-streak .today-value"))
          .isEqualTo(
              days == 0 ? "No streak yet" : days + (days == 1 ? " day" : " days") + " in a row");
      String today = streak.get("today").asText();
      assertThat(page.find("#today-streak").getAttribute("data-today")).isEqualTo(today);
      assertThat(page.text("#today-streak .today-status"))
          .startsWith(today.equals("done") ? "Today done" : "Today pending");
      if (!today.equals("done") && !streak.get("learning_day").get("hours_left").isNull()) {
        assertThat(page.text("#today-streak .today-status")).endsWith(" left");
      }

      JsonNode goal = nearestGoal(server.get("/api/analytics/goals").json().get("active_goals"));
      assertThat(page.find("#today-goal").getAttribute("data-goal"))
          .isEqualTo(goal.get("id").asText());
      assertThat(page.text("#today-goal .today-goal-name")).isEqualTo(goal.get("name").asText());
      assertThat(page.find("#today-goal [role='progressbar']").getAttribute("aria-valuenow"))
          .isEqualTo(String.valueOf(Math.round(Math.min(100, goal.get("progress").asDouble()))));
      assertThat(page.text("#today-goal .today-status"))
          .matches(
              ".+ of .+, (on track|[0-9.,]+( min| h [0-9]+ min)? behind|reached|[0-9]+% of the way)");

      JsonNode topics = server.get("/api/analytics/topics?period=30d&limit=8").json();
      JsonNode fading = topics.get("fading");
      String next =
          fading.isEmpty()
              ? "Learn "
                  + topics
                      .get("knowledge_graph")
                      .get("knowledge_gaps")
                      .get(0)
                      .get("concept")
                      .asText()
              : "Review " + fading.get(0).get("name").asText();
      assertThat(page.text("#today-next .today-value")).isEqualTo(next);
      assertThat(page.text("#today-next .today-why")).isNotBlank();

      for (String part : List.of("#today-streak", "#today-goal", "#today-next")) {
        assertThat(bottom(part)).as(part + " bottom at " + width).isLessThanOrEqualTo(height);
        assertThat(page.find(part).isDisplayed()).isTrue();
      }
      assertThat(((Number) page.js("return document.documentElement.scrollWidth")).intValue())
          .as("no horizontal overflow")
          .isLessThanOrEqualTo(width);
      shoot("today-" + width + ".png");
      assertThat(page.consoleErrors()).isEmpty();
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  @Test
  void answer_quality_is_named_and_explained_and_the_mastery_list_equals_the_api()
      throws IOException {
    page.open("?period=30d");
    WebElement card = page.find("#kpis [data-metric='quality']");
    assertThat(card.getText())
        .contains("Answer quality")
        .contains("relevance, helpfulness, accuracy, clarity and engagement")
        .doesNotContain("Average quality");
    assertThat(page.text("#progress-sub")).contains("answer quality");
    assertThat(page.text("#progress-stats")).contains("Answer quality");

    JsonNode topics = server.get("/api/analytics/topics?period=30d&limit=8").json();
    List<WebElement> rows = page.findAll("#mastery-table tbody tr");
    JsonNode progress = topics.get("topic_progress");
    assertThat(rows).hasSize(progress.size()).isNotEmpty();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode t = progress.get(i);
      List<WebElement> cells = rows.get(i).findElements(org.openqa.selenium.By.tagName("td"));
      assertThat(cells.get(0).getText()).isEqualTo(t.get("name").asText());
      assertThat(cells.get(1).getText().replace(",", "")).isEqualTo(t.get("sessions").asText());
      assertThat(
              cells
                  .get(2)
                  .findElement(org.openqa.selenium.By.tagName("time"))
                  .getAttribute("datetime"))
          .isEqualTo(t.get("last_studied").asText());
      assertThat(
              cells
                  .get(3)
                  .findElement(org.openqa.selenium.By.cssSelector("[data-trend]"))
                  .getAttribute("data-trend"))
          .isEqualTo(t.get("trend").asText());
    }
    List<WebElement> fading = page.findAll("#fading-list li[data-topic]");
    assertThat(fading).hasSize(topics.get("fading").size());
    for (int i = 0; i < fading.size(); i++) {
      JsonNode f = topics.get("fading").get(i);
      assertThat(fading.get(i).getAttribute("data-topic")).isEqualTo(f.get("name").asText());
      assertThat(fading.get(i).getText())
          .contains("not studied for " + f.get("days_since").asText() + " days");
    }
    Path file = Path.of("target/screenshots", "mastery.png");
    Files.createDirectories(file.getParent());
    Files.write(file, page.find("#mastery").getScreenshotAs(OutputType.BYTES));
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  void the_trend_and_the_insights_speak_plain_words() {
    page.open("");
    assertThat(page.text("#trend-verdict"))
        .containsPattern("How sure\\s+(Too noisy to call|Likely|Clear)")
        .doesNotContain("weak fit")
        .doesNotContain("moderate fit")
        .doesNotContain("strong fit")
        .doesNotContain("R²");
    page.find("#trend-verdict details summary").click();
    assertThat(page.text("#trend-verdict details")).contains("R² = ");

    page.js("document.querySelectorAll('#insight-list details.why').forEach(d => d.open = true)");
    List<WebElement> whys = page.findAll("#insight-list details.why");
    assertThat(whys).isNotEmpty();
    for (WebElement why : whys) {
      String text = why.getText();
      assertThat(why.findElement(org.openqa.selenium.By.className("why-sentence")).getText())
          .endsWith(".");
      assertThat(text)
          .doesNotContain("robust z =")
          .doesNotContain("fires once")
          .doesNotContain("previous_value")
          .doesNotContain("condition")
          .doesNotContain("_");
    }
    assertThat(page.consoleErrors()).isEmpty();
  }

  /** As pace.js picks it: the open goal closest to completion, a daily one winning a tie. */
  private static JsonNode nearestGoal(JsonNode goals) {
    List<JsonNode> open = new ArrayList<>();
    goals.forEach(
        g -> {
          if (!g.get("status").asText().equals("completed") && g.get("progress").asDouble() < 100) {
            open.add(g);
          }
        });
    if (open.isEmpty()) {
      for (JsonNode g : goals) {
        if (g.get("frequency").asText().equals("daily")) {
          return g;
        }
      }
      return goals.get(0);
    }
    return open.stream()
        .sorted(
            Comparator.comparingDouble((JsonNode g) -> -g.get("progress").asDouble())
                .thenComparing(g -> g.get("frequency").asText().equals("daily") ? 0 : 1))
        .findFirst()
        .orElseThrow();
  }

  private static double bottom(String css) {
    return ((Number)
            page.js(
                "return document.querySelector(arguments[0]).getBoundingClientRect().bottom", css))
        .doubleValue();
  }

  private static void shoot(String name) throws IOException {
    Path file = Path.of("target/screenshots", name);
    Files.createDirectories(file.getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
  }
}
