package io.learnlytics.insight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.App;
import io.learnlytics.config.Ingest;
import io.learnlytics.support.Json;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A learner's history in a real SQLite file, built session by session, with a clock the test moves.
 * Times are local to {@link #ZONE}; the default "now" is Tuesday 2025-12-16 15:00, so "yesterday"
 * is Monday 2025-12-15.
 */
final class InsightFixture implements AutoCloseable {
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final LocalDate TODAY = LocalDate.of(2025, 12, 16);
  static final LocalDate YESTERDAY = TODAY.minusDays(1);

  final MovableClock clock = new MovableClock(at(TODAY, 15, 0), ZONE);
  final App app;
  final InsightService insights;
  private final List<JsonNode> pending = new ArrayList<>();
  private int seq;

  InsightFixture(Path dir) {
    app =
        TestConfig.in(dir)
            .withZone(ZONE)
            // The fixture plays a history and then moves the clock through it.
            .withIngest(
                new Ingest(LocalDate.of(2000, 1, 1), Duration.ofDays(366), Duration.ofSeconds(10)))
            .open(clock);
    insights = new InsightService(app.db(), app.rollups(), clock, app.graph());
  }

  static Instant at(LocalDate day, int hour, int minute) {
    return LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
  }

  /** Sets the clock to {@code hour}:00 local on {@code day}. */
  InsightFixture now(LocalDate day, int hour) {
    clock.now = at(day, hour, 0);
    return this;
  }

  InsightFixture advance(Duration d) {
    clock.now = clock.now.plus(d);
    return this;
  }

  /**
   * A session starting at {@code hour}:00 on {@code day} with {@code exchanges} exchanges two
   * minutes apart, each mentioning {@code topics} and, when {@code quality} is not null, scored
   * with that composite.
   */
  InsightFixture session(LocalDate day, int hour, int exchanges, Double quality, String... topics) {
    return session(day, hour, exchanges, quality, 0, topics);
  }

  /** Like {@link #session}, with a correction on the first {@code corrections} exchanges. */
  InsightFixture session(
      LocalDate day, int hour, int exchanges, Double quality, int corrections, String... topics) {
    String session = "s" + (++seq);
    for (int i = 0; i < exchanges; i++) {
      String id = "e" + (++seq);
      String ts = ZonedDateTime.ofInstant(at(day, hour, 2 * i), ZONE).toOffsetDateTime().toString();
      ObjectNode e =
          Json.MAPPER
              .createObjectNode()
              .put("kind", "exchange")
              .put("id", id)
              .put("session_id", session)
              .put("timestamp", ts)
              .put("duration_ms", 30_000);
      ArrayNode names = e.putArray("topics");
      for (String t : topics) {
        names.add(t);
      }
      pending.add(e);
      if (quality != null) {
        pending.add(
            Json.MAPPER
                .createObjectNode()
                .put("kind", "quality")
                .put("id", "q" + (++seq))
                .put("exchange_id", id)
                .put("composite", quality));
      }
      if (i < corrections) {
        pending.add(
            Json.MAPPER
                .createObjectNode()
                .put("kind", "feedback")
                .put("id", "f" + (++seq))
                .put("exchange_id", id)
                .put("timestamp", ts)
                .put("type", "correction"));
      }
    }
    return this;
  }

  /** {@code count} one-exchange sessions on {@code day}, an hour apart from 08:00. */
  InsightFixture sessions(LocalDate day, int count) {
    for (int i = 0; i < count; i++) {
      session(day, 8 + i % 14, 1, null);
    }
    return this;
  }

  InsightFixture relation(String source, String target, String type, double strength) {
    pending.add(
        Json.MAPPER
            .createObjectNode()
            .put("kind", "relation")
            .put("id", "r" + (++seq))
            .put("source", source)
            .put("target", target)
            .put("type", type)
            .put("strength", strength));
    return this;
  }

  /** Ingests everything added so far and refreshes the rollups. */
  InsightFixture load() {
    if (!pending.isEmpty()) {
      app.ingest().ingest(List.copyOf(pending));
      pending.clear();
    }
    app.rollups().refreshDirty();
    return this;
  }

  int generate() {
    return load().insights.generate();
  }

  List<Insight> listed() {
    return insights.list(1000, null, null).insights();
  }

  List<Insight> listed(String type) {
    return insights.list(1000, type, null).insights();
  }

  /** Listed insights whose icon is that of {@code rule} (e.g. "trend:quality_up"). */
  List<Insight> ofRule(String rule) {
    String icon = Icons.forKey(rule + ":x");
    String type = rule.substring(0, rule.indexOf(':'));
    return listed(type).stream().filter(i -> i.icon().equals(icon)).toList();
  }

  @Override
  public void close() {
    app.close();
  }
}
