package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.dashboard.Metric;
import io.learnlytics.export.source.ExportRequest;
import io.learnlytics.insight.AnomalyMetric;
import io.learnlytics.insight.InsightService;
import io.learnlytics.rollup.Period;
import io.learnlytics.support.AllowedValues;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 20, item 6: one rule for every enumerated query parameter of the API — surrounding spaces
 * stripped, ASCII case ignored, the value echoed in its listed spelling — and a list parameter with
 * an empty entry ({@code metrics=,}) is a 400 naming the field, never an empty answer.
 */
class QueryParameterRulesTest {
  @TempDir static Path dir;
  private static TestServer server;

  /** A route, one of its enumerated parameters, and the values the route validates it against. */
  record Param(String route, String name, List<String> values) {}

  static final List<Param> ENUMERATED =
      List.of(
          new Param("/api/analytics/overview", "period", Period.IDS),
          new Param("/api/analytics/progress", "period", Period.IDS),
          new Param("/api/analytics/progress", "metrics", Metric.PROGRESS_IDS),
          new Param("/api/analytics/progress", "granularity", AnalyticsRoutes.GRANULARITIES),
          new Param("/api/analytics/trends", "period", Period.IDS),
          new Param("/api/analytics/trends", "metric", Metric.TREND_IDS),
          new Param("/api/analytics/topics", "period", Period.IDS_WITH_ALL),
          new Param("/api/analytics/topics/detail?name=alpha", "period", Period.IDS),
          new Param("/api/analytics/anomalies", "period", Period.IDS_WITH_ALL),
          new Param("/api/analytics/anomalies", "metric", AnomalyMetric.IDS),
          new Param("/api/analytics/rhythm", "period", Period.IDS),
          new Param("/api/analytics/insights", "type", InsightService.TYPES),
          new Param("/api/analytics/insights", "importance", InsightService.IMPORTANCES),
          new Param("/api/analytics/export", "format", ExportRequest.FORMATS),
          new Param("/api/analytics/export", "period", ExportRequest.PERIODS),
          new Param("/api/analytics/export", "include", ExportRequest.SECTIONS));

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60).toString();
    Response r =
        server.postJson(
            "/api/events",
            "{\"kind\":\"exchange\",\"id\":\"e1\",\"session_id\":\"s1\",\"timestamp\":\""
                + now
                + "\",\"topics\":[\"alpha\"]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    server.app().rollups().refreshDirty();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_enumerated_value_is_accepted_in_any_ascii_case_and_answered_as_listed() {
    Random random = new Random(20);
    for (Param p : ENUMERATED) {
      for (String value : p.values()) {
        for (String asked : List.of(value.toUpperCase(Locale.ROOT), mixed(value, random))) {
          Response r = server.get(with(p.route(), p.name(), " " + asked + " "));
          assertThat(r.status()).as(p + " " + asked + ": " + r.body()).isEqualTo(200);
          if (p.name().equals("period") && !p.route().endsWith("export")) {
            assertThat(r.json().at("/meta/period").asText()).as(p + " " + asked).isEqualTo(value);
          }
        }
      }
    }
  }

  @Test
  void an_upper_case_value_shares_the_cached_answer_of_the_listed_one() {
    server.get("/api/analytics/overview?period=7d");

    JsonNode upper = server.get("/api/analytics/overview?period=7D").json();

    assertThat(upper.at("/meta/period").asText()).isEqualTo("7d");
    assertThat(upper.at("/meta/cached").asBoolean()).isTrue();
  }

  @Test
  void the_kind_of_a_delete_follows_the_same_rule() {
    Response upper = server.delete("/api/events/nope?kind=EXCHANGE");
    Response bad = server.delete("/api/events/nope?kind=exchanges");

    assertThat(upper.status()).isEqualTo(404);
    assertThat(upper.json().at("/error/message").asText())
        .isEqualTo("no exchange with id 'nope' is stored");
    assertError(bad, "kind", "'exchanges' is not allowed; allowed values are exchange, feedback");
  }

  @ParameterizedTest(name = "metrics={0}")
  @ValueSource(strings = {",", ",,", "sessions,,quality", "sessions,", ",quality", " , "})
  void a_list_with_an_empty_entry_is_a_400_naming_the_field_and_the_allowed_values(String v) {
    Response r = server.get("/api/analytics/progress?metrics=" + v.replace(" ", "%20"));

    assertError(
        r,
        "metrics",
        "'' is not allowed; allowed values are sessions, quality, exchanges, duration, feedback"
            + " (comma-separated)");
  }

  @Test
  void an_empty_include_entry_of_an_export_is_the_same_400() {
    assertError(
        server.get("/api/analytics/export?include=,"),
        "include",
        "'' is not allowed; allowed values are sessions, quality, feedback, topics");
  }

  @Test
  void only_ascii_letters_fold() {
    AllowedValues values = AllowedValues.of("weekly", "daily");

    assertThat(values.canonical("WeEkLy")).isEqualTo("weekly");
    assertThat(values.canonical("wee\u212Aly")).isNull(); // the Kelvin sign is not a K
    assertThat(values.canonical("DAİLY")).isNull(); // nor a dotted capital I an i
  }

  private static void assertError(Response r, String field, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("invalid_input");
    assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo(field);
    assertThat(r.json().at("/error/details/0/message").asText()).startsWith(message);
  }

  private static String with(String route, String name, String value) {
    String encoded = value.replace(" ", "%20");
    return route + (route.contains("?") ? "&" : "?") + name + "=" + encoded;
  }

  /** {@code value} with each ASCII letter upper-cased or not at random. */
  private static String mixed(String value, Random random) {
    StringBuilder b = new StringBuilder();
    for (char c : value.toCharArray()) {
      b.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return b.toString();
  }
}
