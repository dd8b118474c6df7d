package io.learnlytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard page in headless Chromium against a real server: 180 days of demo history loaded
 * the way {@code serve --demo} does, plus an empty server and servers with a token. The tests that
 * change data (dismiss, mark read, create a goal) run after the screenshots, in order.
 */
@TestMethodOrder(OrderAnnotation.class)
class DashboardBrowserTest {
  /**
   * Screenshots go to target/screenshots, so a test run never dirties the tree; refresh the ones in
   * the README with {@code ./mvnw test -Dtest=DashboardBrowserTest
   * -Dlearnlytics.screenshots=docs/screenshots}.
   */
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("learnlytics.screenshots", "target/screenshots"));

  private static final String TOKEN = "browser-test-token";

  @TempDir static Path dir;
  private static TestServer demo;
  private static ChromeDriver driver;
  private static DashboardPage page;
  private static Path downloads;

  @BeforeAll
  static void start() throws IOException {
    Chromium.requireInstalled();
    demo = TestServer.start(Files.createDirectories(dir.resolve("demo")));
    Fixtures.loadDemoHistory(demo.app());
    downloads = Files.createDirectories(dir.resolve("downloads"));
    driver = Chromium.start(downloads);
    page = new DashboardPage(driver, demo.uri("/"));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @BeforeEach
  void forgetOldConsoleMessages() {
    page.consoleErrors();
  }

  @Test
  @Order(1)
  void page_shows_every_section_draws_every_chart_and_fits_laptop_and_phone_widths()
      throws IOException {
    page.open("");

    assertThat(page.state()).isEqualTo("ready");
    assertThat(page.findAll("#kpis .kpi")).hasSize(4);
    assertThat(page.text("#kpis [data-metric='sessions'] .kpi-value")).matches("[0-9,]+");
    assertThat(page.text("#kpis [data-metric='sessions'] .change")).contains("vs previous 30 days");
    assertThat(page.text("#meta-line")).contains("Data as of").contains("Time zone UTC");
    for (String chart : List.of("progress-chart", "trend-chart", "topics-chart")) {
      page.waitUntil(() -> page.chart(chart).painted() > 2_000);
      assertThat(page.chart(chart).labels()).as(chart).isPositive();
      assertThat(page.chart(chart).points()).as(chart).isPositive();
    }
    assertThat(page.chart("progress-chart").labels()).isEqualTo(30);
    assertThat(page.text("#trend-verdict")).containsPattern("Improving|Declining|Stable");
    assertThat(page.text("#trend-verdict")).contains("How sure").contains("In 30 days");
    assertThat(page.findAll("#heatmap svg rect")).hasSize(365);
    assertThat(page.findAll("#heatmap rect[fill='#ebedf2']").size()).isLessThan(365);
    assertThat(page.findAll("#insight-list .insight")).isNotEmpty();
    assertThat(page.findAll("#insight-list .badge-new")).isNotEmpty();
    assertThat(page.findAll("#top-topics tbody tr")).isNotEmpty();
    assertThat(page.text("#goal-list")).contains("Weekly Learner");
    assertThat(page.findAll("#goal-list [role='progressbar']")).isNotEmpty();
    assertThat(page.text("#streak-body")).contains("in a row").contains("Best:");
    assertThat(page.findAll("#achievements li")).isNotEmpty();
    assertThat(page.findAll(".section-error:not([hidden])")).isEmpty();

    Path laptop = SCREENSHOTS.resolve("dashboard-laptop.png");
    Path phone = SCREENSHOTS.resolve("dashboard-phone.png");
    assertThat(page.screenshot(laptop, 1366, 900, false))
        .as("page width")
        .isLessThanOrEqualTo(1366);
    assertThat(page.screenshot(phone, 390, 844, true)).as("page width").isLessThanOrEqualTo(390);
    for (Path png : List.of(laptop, phone)) {
      assertThat(Files.size(png)).as(png.toString()).isBetween(20_000L, 1_000_000L);
    }
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  @Order(2)
  void the_graph_panel_shows_coverage_and_gaps_and_a_gap_opens_its_learning_path() {
    page.open("");
    assertThat(page.text("#knowledge-graph"))
        .matches("[0-9,]+ concepts, [0-9,]+ connections\\. You know [0-9,]+ of them .*");
    List<WebElement> paths = page.findAll("#graph-gaps button");
    assertThat(paths).isNotEmpty();
    assertThat(page.text("#graph-gaps li")).contains("never studied").contains("needed for");
    assertThat(page.find("#graph-path").isDisplayed()).isFalse();

    paths.get(0).click();
    page.waitUntil(() -> page.findAll("#graph-path li.next").size() == 1);
    List<WebElement> steps = page.findAll("#graph-path li");
    assertThat(steps.size()).isGreaterThanOrEqualTo(2);
    assertThat(page.text("#graph-path li.next")).endsWith("← start here");
    assertThat(paths.get(0).getText())
        .endsWith(steps.get(steps.size() - 1).getText().replace(" ✓", ""));
    assertThat(page.text("#graph-clusters")).startsWith("Clusters: ");
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  @Order(3)
  void switching_the_period_refetches_and_redraws_every_panel_for_that_period() {
    page.open("?period=30d");
    assertThat(page.chart("progress-chart").labels()).isEqualTo(30);
    assertThat(page.chart("trend-chart").labels()).isEqualTo(30);

    page.choosePeriod("7d");
    assertThat(page.chart("progress-chart").labels()).isEqualTo(7);
    assertThat(page.text("#overview-sub")).isEqualTo("The last 7 days");
    assertThat(page.chart("trend-chart").labels()).isEqualTo(7);
    assertThat(page.text("#trend-sub")).contains("the last 7 days");
    assertThat(page.text("#topics-sub")).contains("the last 7 days");

    page.choosePeriod("90d");
    assertThat(page.chart("progress-chart").labels()).isBetween(13, 15); // weeks cut to 90 days
    assertThat(page.chart("trend-chart").labels()).isEqualTo(90);
    assertThat(page.text("#kpis [data-metric='sessions'] .change")).contains("previous 90 days");
    assertThat(sessionsInChart()).isEqualTo(sessionsInOverview());

    page.choosePeriod("365d");
    assertThat(page.text("#overview-sub")).isEqualTo("The last 365 days");
    // the trend starts at the demo's first day (180 days ago), not with 185 days of zeros
    int days = demo.get("/api/analytics/trends?period=365d").json().at("/meta/days").asInt();
    assertThat(page.chart("trend-chart").labels()).isEqualTo(days).isBetween(180, 181);
    assertThat(page.text("#trend-sub"))
        .contains("the last 365 days. Starts at the first data on")
        .contains("not counted as zero");
    assertThat(page.text("#topics-sub")).contains("the last 365 days");
    assertThat(sessionsInChart()).isEqualTo(sessionsInOverview());
    assertThat(driver.getCurrentUrl()).endsWith("?period=365d");
    page.waitUntil(() -> page.chart("progress-chart").painted() > 2_000);
    assertThat(page.find("#export-csv").getAttribute("href")).contains("period=365d");
    assertThat(page.consoleErrors()).as("no request was refused (400s show as errors)").isEmpty();
  }

  private static long sessionsInChart() {
    return ((Number)
            page.js(
                "return Chart.getChart(document.getElementById('progress-chart'))"
                    + ".data.datasets[0].data.reduce((a, b) => a + b, 0)"))
        .longValue();
  }

  private static long sessionsInOverview() {
    return Long.parseLong(page.text("#kpis [data-metric='sessions'] .kpi-value").replace(",", ""));
  }

  @Test
  @Order(2)
  void the_page_offers_exactly_the_choices_of_the_api_contract() {
    page.open("");
    JsonNode meta = demo.get("/api/meta").json();

    assertThat(values("#period-picker input")).isEqualTo(texts(meta.get("dashboard_periods")));
    assertThat(page.find("#period-" + meta.get("default_period").asText()).isSelected()).isTrue();
    assertThat(values("#trend-metric option")).isEqualTo(texts(meta.get("trend_metrics")));
    assertThat(values("#trend-window option")).containsExactly("auto", "7", "14", "30");
    assertThat(values("#goal-metric option")).isEqualTo(texts(meta.at("/goals/metrics"), "id"));
    assertThat(values("#goal-frequency option")).isEqualTo(texts(meta.at("/goals/frequencies")));
    assertThat(values("#goal-comparison option")).isEqualTo(texts(meta.at("/goals/comparisons")));
    assertThat(page.findAll(".export a[data-format]").stream().map(a -> a.getAttribute("id")))
        .containsExactly("export-json", "export-csv");
    assertThat(page.text("#trending-note")).isEqualTo("last 30 days vs the 30 before");
    assertThat(page.text("#calendar-sub")).isEqualTo("Sessions per day over the last 365 days");
  }

  private static List<String> values(String css) {
    return page.findAll(css).stream().map(e -> e.getAttribute("value")).toList();
  }

  private static List<String> texts(JsonNode array) {
    return texts(array, null);
  }

  /** The texts of an array, or of one field of each of its objects. */
  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
    return out;
  }

  /** Issue 10: pointing at a chart threw "this._fn is not a function" and froze every chart. */
  @ParameterizedTest
  @Order(2)
  @ValueSource(strings = {"mouse", "touch"})
  void pointing_at_every_chart_shows_a_tooltip_and_charts_still_redraw_after(String pointer) {
    Chromium.reducedMotion(driver, false); // animations on: the crash was in Chart.js's animator
    try {
      pointAndSwitch(pointer);
    } finally {
      Chromium.reducedMotion(driver, true);
    }
  }

  private void pointAndSwitch(String pointer) {
    page.open("?period=30d");
    List<String> charts = List.of("progress-chart", "trend-chart", "topics-chart");
    java.util.Map<String, String> data = new java.util.HashMap<>();
    java.util.Map<String, String> pixels = new java.util.HashMap<>();
    for (String chart : charts) {
      page.waitUntil(() -> page.chart(chart).painted() > 2_000);
      if (pointer.equals("mouse")) {
        page.hover(chart);
      } else {
        page.tap(chart);
      }
      page.waitUntil(() -> page.tooltipItems(chart) > 0);
      data.put(chart, page.chartData(chart));
    }
    page.hover("overview-sub"); // away from the charts: tooltips close, nothing is animating
    for (String chart : charts) {
      page.waitUntil(() -> page.tooltipItems(chart) == 0);
      pixels.put(chart, page.pixels(chart));
    }

    page.choosePeriod("90d");

    for (String chart : charts) {
      assertThat(page.chartData(chart)).as(chart + " data").isNotEqualTo(data.get(chart));
      page.waitUntil(() -> !page.pixels(chart).equals(pixels.get(chart)));
    }
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  @Order(3)
  void dismissing_an_insight_removes_it_for_good() {
    page.open("");
    WebElement first = page.find("#insight-list .insight");
    String id = first.getAttribute("data-id");
    int before = page.findAll("#insight-list .insight").size();

    first.findElement(By.cssSelector("button.dismiss")).click();

    page.waitUntil(() -> page.findAll("#insight-list [data-id='" + id + "']").isEmpty());
    assertThat(page.findAll("#insight-list .insight")).hasSize(before - 1);
    assertThat(page.text("#toast")).contains("Insight dismissed");
    assertThat(demo.get("/api/analytics/insights?limit=100").body()).doesNotContain(id);
    page.open("");
    assertThat(page.findAll("#insight-list [data-id='" + id + "']")).isEmpty();
    assertThat(page.consoleErrors()).isEmpty();
  }

  @Test
  @Order(4)
  void mark_all_read_clears_the_new_badges_and_tells_the_server() {
    markInsightsUnseen();
    page.open("");
    assertThat(page.findAll("#insight-list .badge-new")).isNotEmpty();

    page.find("#insights-seen").click();

    page.waitUntil(() -> page.findAll("#insight-list .badge-new").isEmpty());
    assertThat(page.find("#insights-new").isDisplayed()).isFalse();
    assertThat(newInsights()).isZero();
  }

  @Test
  @Order(5)
  void insights_on_screen_for_a_few_seconds_count_as_seen_at_the_next_visit() {
    markInsightsUnseen();
    page.open("");
    assertThat(page.findAll("#insight-list .badge-new")).isNotEmpty();
    // below the Today strip the list may start low in the first screen: bring it into view
    page.js("document.getElementById('insight-list').scrollIntoView({block: 'start'})");

    page.waitUntil(() -> newInsights() == 0);

    assertThat(page.findAll("#insight-list .badge-new"))
        .as("badges stay for this visit")
        .isNotEmpty();
    page.open("");
    assertThat(page.findAll("#insight-list .badge-new")).isEmpty();
  }

  private static void markInsightsUnseen() {
    demo.db().writer().useHandle(h -> h.execute("UPDATE analytics_insights SET viewed_utc = NULL"));
    demo.app().cache().invalidate();
  }

  private static int newInsights() {
    return demo.get("/api/analytics/insights").json().get("new_since_last_visit").asInt();
  }

  @Test
  @Order(6)
  void creating_a_goal_shows_it_and_the_apis_errors_appear_next_to_their_fields() {
    page.open("");
    page.find("#goal-submit").click();
    page.waitUntil(() -> page.find("#goal-name-error").isDisplayed());
    assertThat(page.text("#goal-name-error")).contains("non-blank");
    assertThat(page.text("#goal-target-error")).contains("greater than 0");
    assertThat(page.find("#goal-name").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(page.text("#goal-form-error")).contains("nothing was saved");

    page.find("#goal-name").sendKeys("Recursion every week");
    new Select(page.find("#goal-metric")).selectByValue("unique_topics");
    page.find("#goal-target").sendKeys("3");
    page.find("#goal-topic").sendKeys("recursion");
    page.find("#goal-submit").click();
    page.waitUntil(() -> page.find("#goal-topic-error").isDisplayed());
    assertThat(page.text("#goal-topic-error")).contains("applies only to");
    assertThat(page.find("#goal-name-error").isDisplayed()).isFalse();

    new Select(page.find("#goal-metric")).selectByValue("session_count");
    new Select(page.find("#goal-frequency")).selectByValue("weekly");
    page.find("#goal-submit").click();

    By created = By.xpath("//ul[@id='goal-list']/li[.//h3[text()='Recursion every week']]");
    page.waitUntil(() -> !driver.findElements(created).isEmpty());
    WebElement goal = driver.findElement(created);
    assertThat(goal.getText()).contains("topic: recursion").contains("this week");
    assertThat(goal.findElements(By.cssSelector("[role='progressbar']"))).hasSize(1);
    assertThat(page.find("#goal-name").getAttribute("value")).isEmpty();
    assertThat(page.find("#goal-form-error").isDisplayed()).isFalse();
    assertThat(demo.get("/api/analytics/goals").body()).contains("Recursion every week");
    assertThat(page.consoleErrors())
        .as("only the two refused goals")
        .hasSize(2)
        .allMatch(m -> m.contains("/api/analytics/goals") && m.contains("400"));
  }

  /** Issue 17: the streak explained day by day, and protection set from the page. */
  @Test
  @Order(6)
  void the_streak_panel_explains_each_day_and_saves_protection() {
    page.open("");
    page.waitUntil(() -> driver.findElements(By.cssSelector("#streak-why .streak-day")).size() > 0);
    List<WebElement> days = driver.findElements(By.cssSelector("#streak-why .streak-day"));
    JsonNode api = demo.get("/api/analytics/streak").json();
    assertThat(days).hasSize(api.get("recent_days").size());
    java.util.Map<String, String> words =
        java.util.Map.of(
            "active",
            "counted",
            "pending",
            "today, not yet",
            "missed",
            "no session",
            "idle",
            "no streak running",
            "rest",
            "rest day",
            "frozen",
            "freeze used");
    for (int i = 0; i < days.size(); i++) {
      String status = api.at("/recent_days/" + i + "/status").asText();
      assertThat(days.get(i).getAttribute("title"))
          .as("day %d", i)
          .contains(": " + words.get(status));
    }
    assertThat(page.text("#streak-why summary")).isEqualTo("Streak protection is off.");

    page.find("#streak-why summary").click();
    WebElement freezes = page.find("#protect-form input[name='freezes_per_month']");
    freezes.clear();
    freezes.sendKeys("2");
    page.find("#protect-form input[value='sunday']").click();
    page.find("#protect-save").click();
    // read in one step: the panel is redrawn after the save, and a found element may go stale
    page.waitUntil(
        () ->
            String.valueOf(
                    page.js("return document.querySelector('#streak-why summary')?.textContent"))
                .startsWith("Protection: 2 freezes"));
    assertThat(page.text("#streak-why summary")).contains("rest on Sundays");
    JsonNode saved = demo.get("/api/analytics/streak").json().get("protection");
    assertThat(saved.get("freezes_per_month").asInt()).isEqualTo(2);
    assertThat(saved.get("rest_days").toString()).isEqualTo("[\"sunday\"]");
    assertThat(page.consoleErrors()).isEmpty();
  }

  /** Issue 10: "81.1 % of at least 8,000 %" — the form now takes percentages for 0-1 metrics. */
  @Test
  @Order(6)
  void a_quality_goal_is_typed_as_a_percentage_and_stored_as_a_fraction() {
    page.open("");
    page.find("#goal-name").sendKeys("Clear answers");
    new Select(page.find("#goal-metric")).selectByValue("avg_quality_composite");
    assertThat(page.text("#goal-target-unit")).isEqualTo("(%)");
    assertThat(page.text("#goal-metric-hint")).contains("80 means");
    page.find("#goal-target").sendKeys("80");
    new Select(page.find("#goal-frequency")).selectByValue("weekly");
    page.find("#goal-submit").click();

    By created = By.xpath("//ul[@id='goal-list']/li[.//h3[text()='Clear answers']]");
    page.waitUntil(() -> !driver.findElements(created).isEmpty());
    assertThat(driver.findElement(created).getText()).contains("of at least 80%");
    JsonNode goal = null;
    for (JsonNode g : demo.get("/api/analytics/goals").json().get("active_goals")) {
      if (g.get("name").asText().equals("Clear answers")) {
        goal = g;
      }
    }
    assertThat(goal).isNotNull();
    assertThat(goal.get("target").asDouble()).isEqualTo(0.8);
    demo.delete("/api/analytics/goals/" + goal.get("id").asText());
    assertThat(page.consoleErrors()).isEmpty();
  }

  /** Issue 10: the last month label of the heatmap was clipped; focus hid under the top bar. */
  @Test
  @Order(6)
  void the_heatmap_shows_every_month_label_whole_and_focus_stays_below_the_top_bar() {
    page.open("");
    Number overflow =
        (Number)
            page.js(
                "const svg = document.querySelector('#heatmap svg');"
                    + "const w = svg.getBoundingClientRect().right;"
                    + "return Math.max(0, ...[...svg.querySelectorAll('text')]"
                    + ".map(t => t.getBoundingClientRect().right - w));");
    assertThat(overflow.doubleValue()).as("pixels of a label past the calendar's edge").isZero();

    // Keyboard focus brings a field in at the nearest edge; from below the viewport that is the
    // top edge, under the sticky bar unless the page pads its scroll area by the bar's height.
    page.js(
        "const el = document.getElementById('trend-metric');"
            + "window.scrollBy(0, el.getBoundingClientRect().bottom + 50);"
            + "el.scrollIntoView({block: 'nearest'});");
    Number gap =
        (Number)
            page.js(
                "return document.getElementById('trend-metric').getBoundingClientRect().top"
                    + " - document.querySelector('.topbar').getBoundingClientRect().bottom;");
    assertThat(gap.doubleValue()).as("focused field below the sticky bar").isPositive();
  }

  @ParameterizedTest
  @Order(7)
  @ValueSource(strings = {"json", "csv"})
  void export_buttons_download_a_file(String format) throws IOException {
    assertExportAnswers(demo, format);
    page.open("?period=30d");

    page.find("#export-" + format).click();

    assertDownloaded(format);
  }

  @Test
  @Order(8)
  void with_a_token_the_export_downloads_through_fetch_with_the_header() throws IOException {
    try (TestServer secured = TestServer.withToken(dir.resolve("export-token"), TOKEN)) {
      assertExportAnswers(secured, "json");
      Fixtures.ingestFewEvents(secured);
      DashboardPage tokenPage = new DashboardPage(driver, secured.uri("/"));
      driver.get(secured.uri("/").toString());
      enterToken(tokenPage, TOKEN);
      tokenPage.waitUntil(() -> "ready".equals(tokenPage.state()));

      tokenPage.find("#export-json").click();

      assertDownloaded("json");
    }
  }

  @Test
  @Order(9)
  void an_empty_database_shows_how_to_ingest_then_the_dashboard_once_data_arrives() {
    try (TestServer empty = TestServer.start(dir.resolve("empty"))) {
      DashboardPage emptyPage = new DashboardPage(driver, empty.uri("/")).open("");

      assertThat(emptyPage.state()).isEqualTo("empty");
      assertThat(emptyPage.find("#empty-state").isDisplayed()).isTrue();
      assertThat(emptyPage.find("#dashboard").isDisplayed()).isFalse();
      assertThat(emptyPage.text("#empty-title")).isEqualTo("No learning data yet");
      assertThat(emptyPage.text("#empty-curl"))
          .contains("curl -s " + empty.uri("/api/events"))
          .contains("\"kind\":\"exchange\"");
      assertThat(emptyPage.consoleErrors()).isEmpty();

      Fixtures.ingestFewEvents(empty);
      emptyPage.find("#empty-recheck").click();

      emptyPage.waitUntil(() -> "ready".equals(emptyPage.state()));
      assertThat(emptyPage.find("#empty-state").isDisplayed()).isFalse();
      assertThat(emptyPage.text("#kpis [data-metric='sessions'] .kpi-value")).isEqualTo("2");
    }
  }

  @Test
  @Order(10)
  void with_auth_on_the_page_asks_for_the_token_once_and_keeps_it_for_the_tab() {
    try (TestServer secured = TestServer.withToken(dir.resolve("token"), TOKEN)) {
      Fixtures.ingestFewEvents(secured);
      DashboardPage tokenPage = new DashboardPage(driver, secured.uri("/"));
      driver.get(secured.uri("/").toString());

      waitForTokenQuestion(tokenPage);
      tokenPage.find("#token-cancel").click();
      tokenPage.waitUntil(() -> "error".equals(tokenPage.state()));
      assertThat(tokenPage.text("#banner")).contains("needs an API token");
      tokenPage.find("#banner button").click();
      enterToken(tokenPage, "wrong-token");
      tokenPage.waitUntil(() -> tokenPage.find("#token-error").isDisplayed());
      assertThat(tokenPage.text("#token-error")).contains("not accepted");
      enterToken(tokenPage, TOKEN);

      tokenPage.waitUntil(() -> "ready".equals(tokenPage.state()));
      assertThat(tokenPage.text("#kpis [data-metric='sessions'] .kpi-value")).isEqualTo("2");
      assertThat(tokenPage.js("return sessionStorage.getItem('learnlytics.apiToken')"))
          .isEqualTo(TOKEN);
      assertThat(tokenPage.find("#token-status").isDisplayed()).isTrue();
      tokenPage.consoleErrors(); // the expected 401s

      tokenPage.open("");
      assertThat(tokenPage.js("return document.getElementById('token-dialog').open"))
          .isEqualTo(false);
      assertThat(tokenPage.state()).isEqualTo("ready");
      assertThat(tokenPage.consoleErrors()).as("no 401 once the tab has the token").isEmpty();
    }
  }

  @Test
  @Order(12)
  void when_the_server_stops_answering_the_page_says_so_and_offers_to_try_again() {
    TestServer gone = TestServer.start(dir.resolve("gone"));
    DashboardPage gonePage;
    try {
      Fixtures.ingestFewEvents(gone);
      gonePage = new DashboardPage(driver, gone.uri("/")).open("");
      assertThat(gonePage.state()).isEqualTo("ready");
    } finally {
      gone.close();
    }
    int before = gonePage.loads();

    gonePage.find("#refresh").click();

    gonePage.waitUntil(() -> gonePage.loads() > before);
    assertThat(gonePage.state()).isEqualTo("error");
    assertThat(gonePage.text("#banner")).contains("Cannot reach the Learnlytics server");
    assertThat(gonePage.find("#banner button").getText()).isEqualTo("Try again");
  }

  /** Issue 10: a stopped server kept saying "updated just now"; it now says so, and recovers. */
  @Test
  @Order(13)
  void a_stopped_server_is_noticed_panels_are_marked_stale_and_the_page_recovers_by_itself() {
    Path db = dir.resolve("restart").resolve("test.db");
    TestServer first = TestServer.with(dir, c -> c.withDb(db));
    int port = first.port();
    Fixtures.ingestFewEvents(first);
    DashboardPage p = new DashboardPage(driver, first.uri("/")).open("?period=30d");
    p.js("sessionStorage.setItem('learnlytics.heartbeatMs', '1000')");
    p.open("?period=30d");
    assertThat(p.state()).isEqualTo("ready");
    first.close();

    p.waitUntil(() -> "error".equals(p.state()));
    assertThat(p.text("#banner")).contains("Cannot reach").contains("No answer since");
    assertThat(p.text("#meta-line")).contains("did not answer").doesNotContain("just now");
    assertThat(p.findAll(".panel.is-stale")).isNotEmpty();

    int before = p.loads();
    p.find("#period-picker label[for='period-90d']").click();
    p.waitUntil(() -> p.loads() > before);
    assertThat(p.text("#toast")).contains("could not load the last 90 days");
    assertThat(p.text("#progress .section-error"))
        .contains("the last 90 days could not be loaded")
        .contains("What you see is the last 30 days");
    int beforeRefresh = p.loads();
    p.find("#refresh").click();
    p.waitUntil(() -> p.loads() > beforeRefresh);
    assertThat(p.text("#toast")).contains("could not be refreshed");

    try (TestServer again = TestServer.with(dir, c -> c.withDb(db).withPort(port))) {
      assertThat(again.port()).isEqualTo(port);
      p.waitUntil(() -> "ready".equals(p.state()) && p.findAll(".panel.is-stale").isEmpty());
      assertThat(p.find("#banner").isDisplayed()).isFalse();
      assertThat(p.text("#kpis [data-metric='sessions'] .kpi-value")).isEqualTo("2");
      assertThat(p.text("#progress-sub")).contains("the last 90 days");
    } finally {
      p.js("sessionStorage.removeItem('learnlytics.heartbeatMs')");
      p.consoleErrors(); // the refused connections while the server was down
    }
  }

  private static void waitForTokenQuestion(DashboardPage p) {
    p.waitUntil(
        () -> Boolean.TRUE.equals(p.js("return document.getElementById('token-dialog').open")));
  }

  /** Types the token and presses Enter, as a keyboard user would. */
  private static void enterToken(DashboardPage p, String token) {
    waitForTokenQuestion(p);
    WebElement input = p.find("#token-input");
    input.clear();
    input.sendKeys(token, Keys.ENTER);
  }

  /** A broken endpoint fails here with its status, not later as a download that never came. */
  private static void assertExportAnswers(TestServer server, String format) {
    String path = "/api/analytics/export?format=" + format + "&period=30d";
    assertThat(server.get(path).status()).as("GET " + path).isEqualTo(200);
  }

  private static void assertDownloaded(String format) throws IOException {
    String ext = format.equals("csv") ? ".zip" : ".json";
    page.waitUntil(() -> downloaded(ext) != null);
    Path file = downloaded(ext);
    byte[] bytes = Files.readAllBytes(file);
    if (format.equals("csv")) {
      assertThat(new String(bytes, 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1))
          .isEqualTo("PK");
    } else {
      JsonNode json = Json.MAPPER.readTree(bytes);
      assertThat(json.isObject()).isTrue();
    }
    Files.delete(file);
  }

  private static Path downloaded(String ext) {
    try (Stream<Path> files = Files.list(downloads)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(ext))
          .filter(f -> f.toFile().length() > 0)
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
