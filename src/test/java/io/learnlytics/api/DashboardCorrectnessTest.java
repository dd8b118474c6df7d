package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.Json;
import io.learnlytics.testing.DemoData;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10: the defects a learner hit in the API — error shapes that depended on the Accept header,
 * periods that were quietly swapped for others, totals that disagreed between panels for the same
 * period, impossible goals accepted, and statistics with floating-point noise.
 */
class DashboardCorrectnessTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    DemoData.load(server.app());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "text/html", "*/*", "application/xml"})
  void an_unknown_route_answers_our_error_shape_whatever_the_accept_header(String accept) {
    Response r =
        server.send(HttpRequest.newBuilder(server.uri("/api/nope")).header("Accept", accept));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode error = r.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo("not_found");
    assertThat(error.get("message").asText()).isEqualTo("no route for GET /api/nope");
    assertThat(error.get("details").isArray()).isTrue();
    assertThat(r.json().has("title")).isFalse();
  }

  @Test
  void a_goal_body_over_the_limit_is_a_413_in_our_shape() {
    Response r =
        server.postJson("/api/analytics/goals", "{\"name\":\"" + "x".repeat(70_000) + "\"}");

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("payload_too_large");
  }

  @ParameterizedTest
  @ValueSource(strings = {"7d", "30d", "90d", "365d"})
  void every_dashboard_endpoint_answers_the_period_asked_for(String period) {
    for (String path :
        List.of(
            "/api/analytics/overview?period=",
            "/api/analytics/progress?period=",
            "/api/analytics/trends?period=",
            "/api/analytics/topics?period=")) {
      Response r = server.get(path + period);
      assertThat(r.status()).as(path + period + ": " + r.body()).isEqualTo(200);
      assertThat(r.json().at("/meta/period").asText()).as(path).isEqualTo(period);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"7d", "30d", "90d", "365d"})
  void totals_for_one_period_agree_across_overview_progress_and_export(String period) {
    JsonNode overview = server.get("/api/analytics/overview?period=" + period).json();
    long sessions = overview.at("/summary/total_sessions").asLong();
    long exchanges = overview.at("/summary/total_exchanges").asLong();
    JsonNode export = server.get("/api/analytics/export?format=json&period=" + period).json();

    for (String granularity : List.of("daily", "weekly", "monthly")) {
      JsonNode progress =
          server
              .get(
                  "/api/analytics/progress?metrics=sessions,exchanges&period="
                      + period
                      + "&granularity="
                      + granularity)
              .json();
      assertThat(progress.at("/statistics/sessions/total").asLong())
          .as(granularity)
          .isEqualTo(sessions);
      assertThat(progress.at("/statistics/exchanges/total").asLong())
          .as(granularity)
          .isEqualTo(exchanges);
      long plotted = 0;
      for (JsonNode v : progress.at("/chart/datasets/0/data")) {
        plotted += v.asLong();
      }
      assertThat(plotted).as(granularity + ": the bars add up to the total").isEqualTo(sessions);
    }
    assertThat(export.at("/summary/total_sessions").asLong()).isEqualTo(sessions);
    assertThat(export.at("/summary/total_exchanges").asLong()).isEqualTo(exchanges);
    assertThat(sessions).isPositive();
  }

  @Test
  void a_fraction_goal_target_above_1_is_refused_naming_the_range() {
    Response eighty =
        server.postJson(
            "/api/analytics/goals",
            "{\"name\":\"Quality\",\"target_metric\":\"avg_quality_composite\",\"target_value\":80,"
                + "\"frequency\":\"weekly\"}");
    Response rate =
        server.postJson(
            "/api/analytics/goals",
            "{\"name\":\"Happy\",\"target_metric\":\"positive_feedback_rate\",\"target_value\":1.5,"
                + "\"frequency\":\"weekly\"}");
    Response fine =
        server.postJson(
            "/api/analytics/goals",
            "{\"name\":\"Quality\",\"target_metric\":\"avg_quality_composite\",\"target_value\":0.8,"
                + "\"frequency\":\"weekly\"}");

    assertThat(eighty.status()).isEqualTo(400);
    assertThat(eighty.json().at("/error/message").asText()).startsWith("1 problem with the goal");
    assertThat(eighty.json().at("/error/details/0/field").asText()).isEqualTo("target_value");
    assertThat(eighty.json().at("/error/details/0/message").asText())
        .contains("from 0 to 1")
        .contains("got 80");
    assertThat(rate.status()).isEqualTo(400);
    assertThat(fine.status()).isEqualTo(201);
    server.delete("/api/analytics/goals/" + fine.json().get("id").asText());
  }

  @Test
  void no_answer_carries_floating_point_noise() {
    List<String> noisy = new ArrayList<>();
    for (String period : List.of("7d", "30d", "90d", "365d")) {
      for (String path :
          List.of(
              "/api/analytics/overview?period=" + period,
              "/api/analytics/progress?metrics=sessions,quality,exchanges,duration,feedback&period="
                  + period,
              "/api/analytics/trends?metric=quality&period=" + period,
              "/api/analytics/trends?metric=duration&period=" + period,
              "/api/analytics/topics?period=" + period)) {
        collectNoise(server.get(path).json(), path, noisy);
      }
    }
    collectNoise(server.get("/api/analytics/goals").json(), "goals", noisy);
    collectNoise(server.get("/api/analytics/insights?limit=100").json(), "insights", noisy);

    assertThat(noisy).isEmpty();
  }

  /** Numbers with more than 6 decimals (0.8250000000000001) are noise for any client. */
  private static void collectNoise(JsonNode n, String where, List<String> out) {
    if (n.isContainerNode()) {
      n.properties().forEach(e -> collectNoise(e.getValue(), where + "/" + e.getKey(), out));
      if (n.isArray()) {
        for (int i = 0; i < n.size(); i++) {
          collectNoise(n.get(i), where + "[" + i + "]", out);
        }
      }
    } else if (n.isFloatingPointNumber()) {
      double v = n.doubleValue();
      if (Math.abs(v - Math.round(v * 1e6) / 1e6) > 1e-12) {
        out.add(where + " = " + n.asText());
      }
    }
  }

  static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }
}
