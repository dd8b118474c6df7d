package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestServer;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 20, item 1: cached goals and streak answers (and insights, keyed the same way) never
 * outlive the learning day they were computed for. The clock crosses the day boundary — midnight,
 * or the 04:00 day start — with nothing else changing, and the next answer is the new day's, not
 * yesterday's from the cache.
 */
class DayBoundaryCacheTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @TempDir Path dir;

  @ParameterizedTest(name = "day starts at {0}:00")
  @CsvSource({
    "0, 2025-11-20T22:59:30Z, 2025-11-20T23:00:30Z",
    "4, 2025-11-21T02:59:30Z, 2025-11-21T03:00:30Z"
  })
  void answers_after_the_day_boundary_are_the_new_days(int dayStart, String before, String after) {
    MovableClock clock = new MovableClock(before, BERLIN);
    try (TestServer server = TestServer.at(dir, BERLIN, clock, dayStart, DayOfWeek.MONDAY)) {
      String body =
          "{\"kind\":\"exchange\",\"id\":\"x1\",\"session_id\":\"s1\","
              + "\"timestamp\":\"2025-11-20T18:00:00Z\",\"duration_ms\":60000,\"topics\":[\"a\"]}";
      assertThat(server.postJson("/api/events", body).status()).isEqualTo(200);
      server.app().rollups().refreshDirty();

      JsonNode goals = server.get("/api/analytics/goals").json();
      assertThat(goals.at("/streak/today_complete").asBoolean()).isTrue();
      assertThat(server.get("/api/analytics/streak").json().at("/current/today").asText())
          .isEqualTo("done");

      clock.now = Instant.parse(after); // one minute later: a new learning day, no new data
      assertThat(server.get("/api/analytics/goals").json().at("/streak/today_complete").asBoolean())
          .as("the goals answer is the new day's")
          .isFalse();
      JsonNode streak = server.get("/api/analytics/streak").json();
      assertThat(streak.at("/current/today").asText()).isEqualTo("pending");
      assertThat(streak.at("/meta/learning_date").asText()).isEqualTo("2025-11-21");
    }
  }
}
