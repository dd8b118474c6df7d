package io.learnlytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/meta}, the contract the page reads instead of keeping copies: every value it
 * lists is one the routes accept, it is revalidated by ETag, and it sits behind the API's token.
 */
class ContractApiTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static JsonNode meta;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir.resolve("open"));
    Fixtures.ingestFewEvents(server);
    meta = server.get("/api/meta").json();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_listed_period_metric_and_window_is_accepted_by_its_route() {
    for (String period : texts(meta.get("dashboard_periods"))) {
      assertOk("/api/analytics/overview?period=" + period);
      for (String metric : texts(meta.get("progress_metrics"))) {
        assertOk("/api/analytics/progress?period=" + period + "&metrics=" + metric);
      }
    }
    for (String metric : texts(meta.get("trend_metrics"))) {
      for (JsonNode window : meta.get("trend_windows")) {
        assertOk("/api/analytics/trends?metric=" + metric + "&window=" + window.asInt());
      }
    }
    for (String granularity : texts(meta.get("granularities"))) {
      assertOk("/api/analytics/progress?granularity=" + granularity);
    }
    for (JsonNode period : meta.get("periods")) {
      assertOk("/api/analytics/topics?period=" + period.get("id").asText());
    }
    assertThat(texts(meta.get("dashboard_periods"))).contains(meta.get("default_period").asText());
    assertThat(server.get("/api/analytics/overview?period=5d").status()).isEqualTo(400);
  }

  @Test
  void every_listed_insight_kind_is_a_filter_the_insights_route_takes() {
    for (String type : texts(meta.at("/insights/types"))) {
      assertOk("/api/analytics/insights?type=" + type);
    }
    for (String importance : texts(meta.at("/insights/importances"))) {
      assertOk("/api/analytics/insights?importance=" + importance);
    }
  }

  @Test
  void every_listed_goal_metric_frequency_and_comparison_makes_a_goal() {
    JsonNode goals = meta.get("goals");
    List<String> comparisons = texts(goals.get("comparisons"));
    List<String> frequencies = texts(goals.get("frequencies"));
    int i = 0;
    for (JsonNode m : goals.get("metrics")) {
      String body =
          "{\"name\":\"contract "
              + m.get("id").asText()
              + "\",\"target_metric\":\""
              + m.get("id").asText()
              + "\",\"target_value\":"
              + (m.get("unit").asText().equals("fraction") ? "0.5" : "3")
              + ",\"comparison\":\""
              + comparisons.get(i % comparisons.size())
              + "\",\"frequency\":\""
              + frequencies.get(i % frequencies.size())
              + "\"}";
      assertThat(server.postJson("/api/analytics/goals", body).status()).as(body).isEqualTo(201);
      i++;
    }
  }

  @Test
  void the_contract_is_revalidated_by_its_etag_with_a_bodyless_304() {
    TestServer.Response first = server.get("/api/meta");
    String etag = first.raw().headers().firstValue("ETag").orElseThrow();
    assertThat(first.raw().headers().firstValue("Cache-Control")).hasValue("private, no-cache");

    TestServer.Response again =
        server.send(HttpRequest.newBuilder(server.uri("/api/meta")).header("If-None-Match", etag));

    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(server.get("/api/meta").body()).isEqualTo(first.body());
  }

  @Test
  void the_contract_needs_the_token_when_the_api_does() {
    try (TestServer secured = TestServer.withToken(dir.resolve("secured"), "contract-token")) {
      TestServer.Response anonymous =
          secured.send(HttpRequest.newBuilder(secured.uri("/api/meta")).GET());

      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(secured.get("/api/meta").json().get("version").asText()).isNotBlank();
    }
  }

  private static void assertOk(String path) {
    TestServer.Response r = server.get(path);
    assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
