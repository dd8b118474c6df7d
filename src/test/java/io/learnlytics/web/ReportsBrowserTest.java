package io.learnlytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 in headless Chromium on the demo history: the monthly report and the parts "under the
 * averages" (answer quality by dimension, feedback by kind, learning velocity) load when opened,
 * show what the API says, follow the period, and fit a phone.
 */
class ReportsBrowserTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static DashboardPage page;
  private static BrowserSession session;

  @BeforeAll
  static void start() throws IOException {
    session = BrowserSession.onDemoHistory(dir);
    server = session.server();
    page = session.page();
  }

  @AfterAll
  static void stop() {
    if (session != null) {
      session.close();
    }
  }

  @Test
  void the_monthly_report_opens_on_the_last_complete_month_and_steps_between_months() {
    page.open("");
    assertThat(title()).as("not loaded before it is opened").isEmpty();
    page.find("#month-details summary").click();
    JsonNode last = server.get("/api/analytics/month").json();
    String name = monthName(last.get("month").asText());
    page.waitUntil(() -> title().equals(name));
    assertThat(page.findAll("#month-table tbody tr")).hasSize(7);
    assertThat(page.text("#month-table tbody tr:first-child"))
        .startsWith("Sessions " + last.at("/summary/sessions").asLong());
    assertThat(page.find("#month-next").isDisplayed()).isTrue();

    page.find("#month-prev").click();
    String before = monthName(last.at("/previous/month").asText());
    page.waitUntil(() -> title().equals(before));
    assertThat(page.text("#month-lists")).contains("Top topics:", "Longest streak:");
    page.find("#month-next").click();
    page.find("#month-next").click();
    page.waitUntil(() -> title().endsWith("so far"));
    assertThat(page.find("#month-next").isDisplayed()).as("no month after this one").isFalse();
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  void quality_dimensions_feedback_and_velocity_draw_when_opened_and_follow_the_period() {
    page.open("?period=30d");
    page.find("#quality-details summary").click();
    page.waitUntil(() -> page.chart("quality-radar").labels() == 5);
    DashboardPage.ChartState radar = page.chart("quality-radar");
    assertThat(radar.points()).isGreaterThan(5);
    assertThat(radar.painted()).isPositive();
    JsonNode quality = server.get("/api/analytics/quality?period=30d").json();
    assertThat(page.chartData("feedback-chart"))
        .contains(quality.at("/feedback/datasets/0/data").toString());

    page.find("#velocity-details summary").click();
    JsonNode velocity = server.get("/api/analytics/velocity?period=30d").json();
    int weeks = velocity.at("/chart/labels").size();
    page.waitUntil(() -> page.chart("velocity-chart").labels() == weeks);
    assertThat(page.text("#velocity-sum"))
        .startsWith(velocity.get("new_topics").asLong() + " new topics");

    page.choosePeriod("90d");
    int weeks90 =
        server.get("/api/analytics/velocity?period=90d").json().at("/chart/labels").size();
    assertThat(weeks90).isGreaterThan(weeks);
    page.waitUntil(() -> page.chart("velocity-chart").labels() == weeks90);
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  void the_opened_reports_fit_a_phone() throws IOException {
    page.emulate(390, 844, true);
    page.open("");
    for (String id : new String[] {"month-details", "quality-details", "velocity-details"}) {
      page.find("#" + id + " summary").click();
    }
    page.waitUntil(() -> page.chart("velocity-chart").labels() > 0);
    page.waitUntil(() -> !title().isEmpty());
    assertThat(page.screenshot(dir.resolve("reports-phone.png"), 390, 844, true))
        .isLessThanOrEqualTo(390);
  }

  /** The month shown, as written (the heading's style shows it in capitals). */
  private static String title() {
    return (String) page.js("return document.getElementById('month-title').textContent");
  }

  /** "November 2025" for 2025-11, as the page names it (en-US here). */
  private static String monthName(String month) {
    java.time.YearMonth m = java.time.YearMonth.parse(month);
    return m.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.US)
        + " "
        + m.getYear();
  }
}
