package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestServer;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, item 3: achievements count from the learning day a goal was created on. A goal created
 * over a history that would have met it last week and yesterday unlocks nothing for those periods
 * (they are listed under {@code would_have_met}); meeting it in its first period unlocks it.
 *
 * <p>New York, days start at 04:00, weeks on Monday. "Now" is Thu Nov 20 02:00 local, which is
 * still learning day Wed Nov 19 (week of Nov 17).
 */
class GoalsFromCreationApiTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @TempDir Path dir;

  @Test
  void a_goal_created_today_unlocks_nothing_for_past_periods_and_unlocks_when_met_now() {
    MovableClock clock = new MovableClock("2025-11-20T07:00:00Z", NEW_YORK);
    try (TestServer server = TestServer.at(dir, NEW_YORK, clock, 4, DayOfWeek.MONDAY)) {
      List<String> history = new ArrayList<>();
      for (int day = 11; day <= 16; day++) { // last week: 6 sessions
        history.add("2025-11-%02dT10:00:00-05:00".formatted(day));
      }
      history.add("2025-11-18T10:00:00-05:00"); // yesterday: 2 sessions
      history.add("2025-11-18T15:00:00-05:00");
      history.add("2025-11-19T10:00:00-05:00"); // today, before the goals exist
      sessions(server, history);

      String daily = create(server, "Two a day", 2, "daily");
      String weekly = create(server, "Five a week", 5, "weekly");
      server.app().goals().evaluate();

      assertThat(achievements(server, daily)).isZero();
      assertThat(achievements(server, weekly)).isZero();
      assertThat(progressRowsEndingBy(server, "2025-11-19T09:00:00Z")).isZero();
      JsonNode goals = server.get("/api/analytics/goals").json();
      assertThat(goals.get("recent_achievements").toString()).doesNotContain(daily, weekly);
      JsonNode wouldHave = goals.get("would_have_met");
      assertThat(entry(wouldHave, daily).get("period").asText()).isEqualTo("Nov 18, 2025");
      assertThat(entry(wouldHave, daily).get("current").asDouble()).isEqualTo(2.0);
      assertThat(entry(wouldHave, weekly).get("period").asText()).isEqualTo("Week of Nov 10, 2025");
      assertThat(entry(wouldHave, weekly).get("current").asDouble()).isEqualTo(6.0);
      assertThat(entry(wouldHave, weekly).get("period_start").asText())
          .isEqualTo("2025-11-10T09:00:00Z"); // Monday 04:00 EST

      // 03:00 on Nov 20 is still learning day Nov 19: with this morning's session, 2 today
      clock.now = Instant.parse("2025-11-20T08:30:00Z");
      sessions(server, List.of("2025-11-20T03:00:00-05:00"));
      assertThat(server.app().goals().evaluate()).isPositive();
      assertThat(periods(server, daily)).containsExactly("Nov 19, 2025");
      assertThat(achievements(server, weekly)).isZero(); // 4 this week

      sessions(server, List.of("2025-11-20T03:30:00-05:00"));
      server.app().goals().evaluate();
      assertThat(periods(server, weekly)).containsExactly("Week of Nov 17, 2025");

      // the next learning day: yesterday counted, so nothing "would have" been met for it
      clock.now = Instant.parse("2025-11-21T15:00:00Z");
      server.app().goals().evaluate();
      JsonNode next = server.get("/api/analytics/goals").json().get("would_have_met");
      assertThat(next.toString()).doesNotContain(daily).contains(weekly);
      assertThat(periods(server, daily)).containsExactly("Nov 19, 2025");
    }
  }

  private static void sessions(TestServer server, List<String> timestamps) {
    StringBuilder body = new StringBuilder("[");
    for (String t : timestamps) {
      body.append(body.length() > 1 ? "," : "")
          .append("{\"kind\":\"exchange\",\"id\":\"x-%s\",\"session_id\":\"s-%s\",".formatted(t, t))
          .append("\"timestamp\":\"%s\",\"topics\":[\"a\"]}".formatted(t));
    }
    assertThat(server.postJson("/api/events", body.append(']').toString()).status()).isEqualTo(200);
    server.app().rollups().refreshDirty();
  }

  private static String create(TestServer server, String name, int target, String frequency) {
    TestServer.Response r =
        server.postJson(
            "/api/analytics/goals",
            ("{\"name\":\"%s\",\"target_metric\":\"session_count\",\"target_value\":%d,"
                    + "\"frequency\":\"%s\"}")
                .formatted(name, target, frequency));
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static JsonNode entry(JsonNode list, String goalId) {
    for (JsonNode n : list) {
      if (n.get("goal_id").asText().equals(goalId)) {
        assertThat(n.get("target").asDouble()).isPositive();
        return n;
      }
    }
    throw new AssertionError(goalId + " not in " + list);
  }

  private static long achievements(TestServer server, String goalId) {
    return periods(server, goalId).size();
  }

  private static List<String> periods(TestServer server, String goalId) {
    return server
        .db()
        .reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT period FROM achievements WHERE goal_id = ?"
                            + " ORDER BY period_start_utc")
                    .bind(0, goalId)
                    .mapTo(String.class)
                    .list());
  }

  /**
   * Progress rows of the created goals (not the defaults, created at 0) of periods ended by {@code
   * instant}.
   */
  private static long progressRowsEndingBy(TestServer server, String instant) {
    return server
        .db()
        .reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM goal_progress g JOIN goal_definitions d"
                            + " ON d.learner_id = g.learner_id AND d.id = g.goal_id"
                            + " WHERE d.created_utc > 0 AND g.period_end_utc <= ?")
                    .bind(0, Instant.parse(instant).toEpochMilli())
                    .mapTo(Long.class)
                    .one());
  }
}
