package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, item 5: a goal on a mean or rate (or an "at most" / "exactly" goal) is judged when its
 * period ends, and meanwhile says whether its value so far meets the target: {@code pace} is {@code
 * on_track} or {@code at_risk}, beside {@code current}. Thursday Nov 20, 2025 in London.
 */
class GoalPaceApiTest {
  static final ZoneId LONDON = ZoneId.of("Europe/London");

  @TempDir Path dir;
  MovableClock clock;
  TestServer server;

  @BeforeEach
  void start() {
    clock = new MovableClock("2025-11-20T12:00:00Z", LONDON);
    server = TestServer.at(dir, LONDON, clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_met_quality_target_is_on_track_and_an_unmet_one_at_risk_until_the_week_ends() {
    scored("x1", "2025-11-18T10:00:00Z", "0.8112");

    JsonNode met = goal("quality_target");
    assertThat(met.get("status").asText()).isEqualTo("in_progress");
    assertThat(met.get("pace").asText()).isEqualTo("on_track");
    assertThat(met.get("current").asDouble()).isEqualTo(0.8112);
    assertThat(server.get("/api/analytics/goals/quality_target").json().get("pace").asText())
        .isEqualTo("on_track");

    scored("x2", "2025-11-19T10:00:00Z", "0.5");
    JsonNode unmet = goal("quality_target");
    assertThat(unmet.get("status").asText()).isEqualTo("in_progress");
    assertThat(unmet.get("pace").asText()).isEqualTo("at_risk");
    assertThat(unmet.get("current").asDouble()).isEqualTo(0.6556); // (0.8112 + 0.5) / 2

    // a count towards "at least" completes when reached: its status says it all, no pace
    JsonNode count = goal("weekly_sessions");
    assertThat(count.get("status").asText()).isEqualTo("in_progress");
    assertThat(count.get("pace").isNull()).isTrue();
  }

  @Test
  void an_at_most_goal_is_on_track_within_its_limit_and_a_judged_week_has_no_pace() {
    TestServer.Response created =
        server.postJson(
            "/api/analytics/goals",
            "{\"name\":\"Calm week\",\"target_metric\":\"session_count\",\"target_value\":1,"
                + "\"comparison\":\"lte\",\"frequency\":\"weekly\"}");
    assertThat(created.json().get("pace").asText()).isEqualTo("on_track");
    String id = created.json().get("id").asText();

    scored("x1", "2025-11-20T09:00:00Z", "0.9");
    scored("x2", "2025-11-20T10:00:00Z", "0.9");
    assertThat(goal(id).get("pace").asText()).isEqualTo("at_risk");
    assertThat(goal(id).get("current").asDouble()).isEqualTo(2.0);

    clock.now = Instant.parse("2025-11-24T12:00:00Z"); // the next Monday: a new week
    server.app().goals().evaluate();
    assertThat(goal(id).get("pace").asText()).isEqualTo("on_track");
    assertThat(goal("quality_target").get("pace").asText()).isEqualTo("at_risk"); // no score yet
    String judged =
        server
            .db()
            .reader()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT status FROM goal_progress WHERE goal_id = 'quality_target'"
                                + " ORDER BY period_start_utc LIMIT 1")
                        .mapTo(String.class)
                        .one());
    assertThat(judged).isEqualTo("completed"); // 0.9 over last week, judged when it ended
  }

  private JsonNode goal(String id) {
    for (JsonNode g : server.get("/api/analytics/goals").json().get("active_goals")) {
      if (g.get("id").asText().equals(id)) {
        return g;
      }
    }
    throw new AssertionError("no active goal " + id);
  }

  /** One exchange (its own session) with a quality score, then a refresh. */
  private void scored(String id, String timestamp, String composite) {
    String body =
        ("[{\"kind\":\"exchange\",\"id\":\"%s\",\"session_id\":\"s-%s\",\"timestamp\":\"%s\"},"
                + "{\"kind\":\"quality\",\"id\":\"q-%s\",\"exchange_id\":\"%s\",\"composite\":%s}]")
            .formatted(id, id, timestamp, id, id, composite);
    assertThat(server.postJson("/api/events", body).status()).isEqualTo(200);
    server.app().rollups().refreshDirty();
  }
}
