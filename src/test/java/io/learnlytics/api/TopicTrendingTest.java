package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.TestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: "New" was shown on a topic first seen months ago that came back after a pause, and a
 * topic's first-seen date was a calendar date on the dashboard but a learning date in insights.
 */
class TopicTrendingTest {
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final Instant NOW = Instant.parse("2025-11-20T17:00:00Z"); // Thursday 12:00 in New York

  @TempDir Path dir;

  static String exchange(String id, String ts, String topic) {
    return "{\"kind\":\"exchange\",\"id\":\""
        + id
        + "\",\"session_id\":\""
        + id
        + "\",\"timestamp\":\""
        + ts
        + "\",\"topics\":[\""
        + topic
        + "\"]}";
  }

  @Test
  void a_topic_back_after_a_pause_is_returning_and_a_first_mention_is_new() {
    try (TestServer server =
        TestServer.at(dir, ZONE, Clock.fixed(NOW, ZONE), 4, DayOfWeek.MONDAY)) {
      server.postJson(
          "/api/events",
          "["
              + exchange("g1", "2025-09-01T02:30:00-04:00", "graphs") // 02:30: learning day Aug 31
              + ","
              + exchange("g2", "2025-11-15T10:00:00-05:00", "graphs")
              + ","
              + exchange("r1", "2025-11-18T10:00:00-05:00", "rust")
              + "]");
      server.app().rollups().refreshDirty();

      JsonNode trending = server.get("/api/analytics/topics?period=30d").json().get("trending");

      JsonNode rust = find(trending, "rust");
      JsonNode graphs = find(trending, "graphs");
      assertThat(rust.get("is_new").asBoolean()).isTrue();
      assertThat(rust.get("first_seen").asText()).isEqualTo("2025-11-18");
      assertThat(graphs.get("is_new").asBoolean()).isFalse();
      assertThat(graphs.get("growth").isNull()).isTrue();
      assertThat(graphs.get("first_seen").asText())
          .as("a learning date, with the day starting at 04:00")
          .isEqualTo("2025-08-31");
    }
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode t : list) {
      if (t.get("name").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError(name + " is not trending: " + list);
  }
}
