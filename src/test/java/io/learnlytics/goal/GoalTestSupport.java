package io.learnlytics.goal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.App;
import io.learnlytics.support.Json;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestConfig;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.List;

/** A movable clock and small event builders for goal and streak tests. */
final class GoalTestSupport {
  private GoalTestSupport() {}

  static App app(Path dir, MovableClock clock, int dayStartHour, DayOfWeek weekStart) {
    return TestConfig.in(dir)
        .withZone(clock.getZone())
        .withWeekStart(weekStart)
        .withDayStartHour(dayStartHour)
        .open(clock);
  }

  /** One session of one exchange per timestamp (each its own session), then a refresh. */
  static void sessionsAt(App app, String... timestamps) {
    List<JsonNode> events =
        java.util.Arrays.stream(timestamps)
            .<JsonNode>map(t -> exchange("x-" + t, "s-" + t, t, "general"))
            .toList();
    app.ingest().ingest(events);
    app.rollups().refreshDirty();
  }

  static ObjectNode exchange(String id, String session, String timestamp, String topic) {
    ObjectNode n =
        Json.MAPPER
            .createObjectNode()
            .put("kind", "exchange")
            .put("id", id)
            .put("session_id", session)
            .put("timestamp", timestamp);
    n.putArray("topics").add(topic);
    return n;
  }

  static ObjectNode quality(String id, String exchangeId, double composite) {
    return Json.MAPPER
        .createObjectNode()
        .put("kind", "quality")
        .put("id", id)
        .put("exchange_id", exchangeId)
        .put("composite", composite);
  }

  static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
