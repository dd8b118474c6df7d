package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal and insight routes over real HTTP: status codes, bodies, cache invalidation. */
class GoalsAndInsightsApiTest {
  static final ZoneId ZONE = ZoneId.of("Europe/London");

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.at(dir, ZONE, new MovableClock("2025-11-20T12:00:00Z", ZONE));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void post_goal_answers_201_and_the_goal_shows_in_goals_and_overview() {
    JsonNode before = server.get("/api/analytics/goals").json();
    Response created =
        server.postJson(
            "/api/analytics/goals",
            "{\"name\":\"Spanish\",\"target_metric\":\"exchange_count\",\"target_value\":12,"
                + "\"frequency\":\"weekly\",\"filters\":{\"topic\":\"spanish\"}}");

    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.json().get("status").asText()).isEqualTo("in_progress");
    assertThat(created.json().at("/filters/topic").asText()).isEqualTo("spanish");
    JsonNode after = server.get("/api/analytics/goals").json();
    assertThat(after.get("active_goals")).hasSize(before.get("active_goals").size() + 1);
    assertThat(server.get("/api/analytics/overview").json().get("active_goals").toString())
        .contains(id);
    assertThat(server.get("/api/analytics/goals/" + id).json().get("name").asText())
        .isEqualTo("Spanish");
  }

  @Test
  void bad_goal_is_400_naming_the_fields_and_unknown_goal_is_404() {
    Response bad =
        server.postJson(
            "/api/analytics/goals",
            "{\"name\":\"x\",\"target_metric\":\"naps\",\"target_value\":-3,\"frequency\":\"daily\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().at("/error/details").toString())
        .contains("target_metric")
        .contains("session_count")
        .contains("target_value");

    assertThat(server.postJson("/api/analytics/goals", "{not json").status()).isEqualTo(400);
    assertThat(server.get("/api/analytics/goals/nope").status()).isEqualTo(404);
  }

  @Test
  void put_replaces_and_delete_removes_a_goal() {
    String id =
        server
            .postJson(
                "/api/analytics/goals",
                "{\"name\":\"Read\",\"target_metric\":\"session_count\",\"target_value\":2,"
                    + "\"frequency\":\"daily\"}")
            .json()
            .get("id")
            .asText();
    Response put =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/analytics/goals/" + id))
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"Read more\",\"target_metric\":\"session_count\","
                            + "\"target_value\":3,\"frequency\":\"daily\"}")));
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("target").asDouble()).isEqualTo(3.0);

    Response delete =
        server.send(HttpRequest.newBuilder(server.uri("/api/analytics/goals/" + id)).DELETE());
    assertThat(delete.status()).isEqualTo(204);
    assertThat(server.get("/api/analytics/goals/" + id).status()).isEqualTo(404);
  }

  @Test
  void insights_list_dismiss_and_seen_over_http() {
    // A relation whose prerequisite was never studied gives a knowledge insight.
    server.postJson(
        "/api/events",
        "[{\"kind\":\"exchange\",\"id\":\"e1\",\"session_id\":\"s1\","
            + "\"timestamp\":\"2025-11-19T10:00:00Z\",\"topics\":[\"recursion\"]},"
            + "{\"kind\":\"relation\",\"id\":\"r1\",\"source\":\"recursion\",\"target\":\"functions\","
            + "\"type\":\"BUILDS_ON\",\"strength\":0.9}]");
    server.app().rollups().refreshDirty();
    Response generated = server.post("/api/analytics/insights/generate", "", "application/json");
    assertThat(generated.json().get("generated").asInt()).isPositive();

    JsonNode list = server.get("/api/analytics/insights?type=knowledge").json();
    assertThat(list.get("insights").toString()).contains("functions");
    assertThat(list.get("new_since_last_visit").asInt()).isPositive();
    String id = list.at("/insights/0/id").asText();

    assertThat(
            server
                .post("/api/analytics/insights/" + id + "/dismiss", "", "application/json")
                .status())
        .isEqualTo(200);
    assertThat(
            server.get("/api/analytics/insights?type=knowledge").json().get("insights").toString())
        .doesNotContain(id);
    server.post("/api/analytics/insights/seen", "", "application/json");
    assertThat(server.get("/api/analytics/insights").json().get("new_since_last_visit").asInt())
        .isZero();
    assertThat(server.post("/api/analytics/insights/nope/dismiss", "", "application/json").status())
        .isEqualTo(404);
    assertThat(server.get("/api/analytics/insights?type=gossip").status()).isEqualTo(400);
  }

  @Test
  void insights_carry_an_action_url_and_goals_and_insights_a_meta_like_the_dashboards() {
    server.postJson(
        "/api/events",
        "[{\"kind\":\"exchange\",\"id\":\"e1\",\"session_id\":\"s1\","
            + "\"timestamp\":\"2025-11-19T10:00:00Z\",\"topics\":[\"linked lists\"]},"
            + "{\"kind\":\"relation\",\"id\":\"r1\",\"source\":\"linked lists\","
            + "\"target\":\"pointers & refs\",\"type\":\"BUILDS_ON\",\"strength\":0.9}]");
    server.app().rollups().refreshDirty();
    server.post("/api/analytics/insights/generate", "", "application/json");

    JsonNode insights = server.get("/api/analytics/insights?type=knowledge").json();
    JsonNode goals = server.get("/api/analytics/goals").json();
    JsonNode again = server.get("/api/analytics/goals").json();

    JsonNode gap = insights.at("/insights/0");
    assertThat(gap.get("title").asText()).contains("pointers & refs");
    assertThat(gap.get("action_url").asText()).isEqualTo("/?topic=linked%20lists");
    for (JsonNode meta : List.of(insights.get("meta"), goals.get("meta"))) {
      assertThat(meta.get("timezone").asText()).isEqualTo("Europe/London");
      assertThat(meta.get("generated_at").asText()).isEqualTo("2025-11-20T12:00:00Z");
      assertThat(meta.get("as_of").asText()).isEqualTo("2025-11-20T12:00:00Z");
      assertThat(meta.get("learning_date").asText()).isEqualTo("2025-11-20");
      assertThat(meta.get("cached").asBoolean()).isFalse();
    }
    assertThat(again.at("/meta/cached").asBoolean()).isTrue();
    assertThat(server.get("/api/analytics/overview").json().at("/meta/timezone").asText())
        .isEqualTo(goals.at("/meta/timezone").asText());
  }
}
