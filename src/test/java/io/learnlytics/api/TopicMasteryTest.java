package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: per-topic progress (sessions, last studied, trend between the halves of the period) and
 * fading topics in {@code /api/analytics/topics}, against values counted by hand from the sessions
 * posted.
 */
class TopicMasteryTest {
  static final Instant NOW = Instant.parse("2025-11-20T17:00:00Z");

  @TempDir Path dir;

  private final List<String> events = new ArrayList<>();

  /** One session on {@code date} (noon UTC) with one exchange on {@code topic}. */
  private void session(String date, String topic) {
    String id = topic + "-" + date;
    events.add(
        "{\"kind\":\"exchange\",\"id\":\""
            + id
            + "\",\"session_id\":\""
            + id
            + "\",\"timestamp\":\""
            + date
            + "T12:00:00Z\",\"topics\":[\""
            + topic
            + "\"]}");
  }

  @Test
  void progress_and_fading_match_the_sessions_counted_by_hand() {
    // 30d: 2025-10-22..2025-11-20, later half from 2025-11-06.
    session("2025-10-25", "rust");
    session("2025-11-10", "rust");
    session("2025-11-18", "rust");
    session("2025-10-23", "go");
    session("2025-10-24", "go");
    session("2025-11-01", "sql");
    session("2025-11-19", "sql");
    session("2025-09-01", "cobol"); // outside 30d, within the 90-day look-back
    session("2025-09-02", "cobol");
    session("2025-11-05", "once"); // a single session: never fading
    try (TestServer server = TestServer.at(dir, ZoneOffset.UTC, Clock.fixed(NOW, ZoneOffset.UTC))) {
      server.postJson("/api/events", "[" + String.join(",", events) + "]");
      server.app().rollups().refreshDirty();

      JsonNode answer = server.get("/api/analytics/topics?period=30d").json();
      JsonNode progress = answer.get("topic_progress");

      assertThat(names(progress)).containsExactly("rust", "go", "sql", "once");
      assertProgress(progress.get(0), "rust", 3, "2025-11-18", "up", 1, 2);
      assertProgress(progress.get(1), "go", 2, "2025-10-24", "down", 2, 0);
      assertProgress(progress.get(2), "sql", 2, "2025-11-19", "flat", 1, 1);
      assertProgress(progress.get(3), "once", 1, "2025-11-05", "down", 1, 0);
      for (JsonNode top : answer.get("top_topics")) {
        JsonNode same = find(progress, top.get("name").asText());
        assertThat(same.get("sessions").asLong())
            .as("the same sessions as top_topics")
            .isEqualTo(top.get("sessions").asLong());
      }

      JsonNode fading = answer.get("fading");
      assertThat(names(fading)).containsExactly("cobol", "go");
      assertThat(fading.get(0).get("last_studied").asText()).isEqualTo("2025-09-02");
      assertThat(fading.get(0).get("days_since").asLong()).isEqualTo(79);
      assertThat(fading.get(0).get("sessions").asLong()).isEqualTo(2);
      assertThat(fading.get(1).get("days_since").asLong()).isEqualTo(27);

      JsonNode week = server.get("/api/analytics/topics?period=7d&limit=1").json();
      assertThat(names(week.get("topic_progress"))).containsExactly("rust");
      assertProgress(week.get("topic_progress").get(0), "rust", 1, "2025-11-18", "up", 0, 1);
      assertThat(names(week.get("fading")))
          .as("fading does not depend on the period")
          .containsExactly("cobol", "go");

      // all: from the first day with data (2025-09-01), 81 days, later half from 2025-10-11
      JsonNode all = server.get("/api/analytics/topics?period=all").json().get("topic_progress");
      assertProgress(find(all, "rust"), "rust", 3, "2025-11-18", "up", 0, 3);
      assertProgress(find(all, "cobol"), "cobol", 2, "2025-09-02", "down", 2, 0);
      assertProgress(find(all, "go"), "go", 2, "2025-10-24", "up", 0, 2);
    }
  }

  private static void assertProgress(
      JsonNode t, String name, long sessions, String last, String trend, long earlier, long later) {
    assertThat(t.get("name").asText()).isEqualTo(name);
    assertThat(t.get("sessions").asLong()).as(name).isEqualTo(sessions);
    assertThat(t.get("last_studied").asText()).as(name).isEqualTo(last);
    assertThat(t.get("trend").asText()).as(name).isEqualTo(trend);
    assertThat(t.get("earlier_sessions").asLong()).as(name).isEqualTo(earlier);
    assertThat(t.get("later_sessions").asLong()).as(name).isEqualTo(later);
  }

  private static List<String> names(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(t -> out.add(t.get("name").asText()));
    return out;
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode t : list) {
      if (t.get("name").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError(name + " missing from " + list);
  }
}
