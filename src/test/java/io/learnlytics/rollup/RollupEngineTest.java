package io.learnlytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestConfig;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-checkable rollup cases: late data, session attribution, day start, week start, crash. */
class RollupEngineTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @TempDir Path dir;

  App open(ZoneId zone, int dayStartHour, DayOfWeek weekStart) {
    return App.open(
        TestConfig.in(dir)
            .withZone(zone)
            .withWeekStart(weekStart)
            .withDayStartHour(dayStartHour)
            .build());
  }

  static JsonNode exchange(String id, String session, String timestamp, long durationMs) {
    return Json.MAPPER
        .createObjectNode()
        .put("kind", "exchange")
        .put("id", id)
        .put("session_id", session)
        .put("timestamp", timestamp)
        .put("duration_ms", durationMs);
  }

  static Rollup only(App app, Level level, String localDate, ZoneId zone) {
    long from = LocalDate.parse(localDate).atStartOfDay(zone).toInstant().toEpochMilli();
    List<Rollup> rows = app.rollups().list(level, from, from + 1);
    assertThat(rows).as("%s row at %s", level.id(), localDate).hasSize(1);
    return rows.get(0);
  }

  @Test
  void late_event_40_days_back_updates_its_hour_day_week_and_month() {
    try (App app = open(NEW_YORK, 0, DayOfWeek.MONDAY)) {
      app.ingest().ingest(List.of(exchange("now", "s-now", "2025-12-20T10:00:00-05:00", 1000)));
      app.rollups().refreshDirty();
      app.ingest().ingest(List.of(exchange("late", "s-late", "2025-11-10T09:15:00-05:00", 1000)));
      app.rollups().refreshDirty();

      long hour = ZonedDateTime.parse("2025-11-10T09:00:00-05:00").toInstant().toEpochMilli();
      assertThat(app.rollups().list(Level.HOURLY, hour, hour + 1))
          .singleElement()
          .satisfies(r -> assertThat(r.activity().exchanges()).isEqualTo(1));
      assertThat(only(app, Level.DAILY, "2025-11-10", NEW_YORK).activity().sessions()).isEqualTo(1);
      assertThat(only(app, Level.WEEKLY, "2025-11-10", NEW_YORK).activity().exchanges())
          .isEqualTo(1);
      assertThat(only(app, Level.MONTHLY, "2025-11-01", NEW_YORK).activity().exchanges())
          .isEqualTo(1);
      assertThat(only(app, Level.MONTHLY, "2025-12-01", NEW_YORK).activity().exchanges())
          .isEqualTo(1);
    }
  }

  @Test
  void session_spanning_midnight_counts_once_on_its_start_day_with_its_whole_duration() {
    try (App app = open(NEW_YORK, 0, DayOfWeek.MONDAY)) {
      app.ingest()
          .ingest(
              List.of(
                  exchange("a", "s", "2025-11-10T23:50:00-05:00", 0),
                  exchange("b", "s", "2025-11-11T00:20:00-05:00", 60_000)));
      app.rollups().refreshDirty();

      Rollup monday = only(app, Level.DAILY, "2025-11-10", NEW_YORK);
      Rollup tuesday = only(app, Level.DAILY, "2025-11-11", NEW_YORK);
      assertThat(monday.activity().sessions()).isEqualTo(1);
      assertThat(monday.activity().durationMs())
          .isEqualTo(31 * 60_000); // 30 min + last exchange's 1 min
      assertThat(monday.activity().exchangesPerSession()).isEqualTo(2.0);
      assertThat(monday.activity().exchanges()).isEqualTo(1);
      assertThat(tuesday.activity().sessions()).isZero();
      assertThat(tuesday.activity().exchanges()).isEqualTo(1);
      assertThat(only(app, Level.WEEKLY, "2025-11-10", NEW_YORK).activity().sessions())
          .isEqualTo(1);
    }
  }

  @Test
  void a_late_exchange_that_moves_a_session_start_moves_the_session_to_the_earlier_day() {
    try (App app = open(NEW_YORK, 0, DayOfWeek.MONDAY)) {
      app.ingest().ingest(List.of(exchange("b", "s", "2025-11-11T00:20:00-05:00", 0)));
      app.rollups().refreshDirty();
      assertThat(only(app, Level.DAILY, "2025-11-11", NEW_YORK).activity().sessions()).isEqualTo(1);

      app.ingest().ingest(List.of(exchange("a", "s", "2025-11-10T23:50:00-05:00", 0)));
      app.rollups().refreshDirty();

      assertThat(only(app, Level.DAILY, "2025-11-10", NEW_YORK).activity().sessions()).isEqualTo(1);
      assertThat(only(app, Level.DAILY, "2025-11-11", NEW_YORK).activity().sessions()).isZero();
    }
  }

  @Test
  void with_day_start_hour_4_a_0130_exchange_belongs_to_the_previous_learning_day() {
    try (App app = open(NEW_YORK, 4, DayOfWeek.MONDAY)) {
      app.ingest().ingest(List.of(exchange("x", "s", "2025-11-11T01:30:00-05:00", 0)));
      app.rollups().refreshDirty();

      long mondayStart =
          ZonedDateTime.parse("2025-11-10T04:00:00-05:00").toInstant().toEpochMilli();
      Rollup day = app.rollups().list(Level.DAILY, 0, Long.MAX_VALUE).get(0);
      assertThat(day.periodStartUtc()).isEqualTo(mondayStart);
      assertThat(day.periodEndUtc()).isEqualTo(mondayStart + 24 * 3_600_000L);
      assertThat(day.activity().peakHour()).isEqualTo(1);
    }
  }

  @Test
  void with_weeks_starting_sunday_a_saturday_and_the_next_sunday_fall_in_different_weeks() {
    try (App app = open(NEW_YORK, 0, DayOfWeek.SUNDAY)) {
      app.ingest()
          .ingest(
              List.of(
                  exchange("sat", "s1", "2025-11-15T12:00:00-05:00", 0),
                  exchange("sun", "s2", "2025-11-16T12:00:00-05:00", 0)));
      app.rollups().refreshDirty();

      List<Rollup> weeks = app.rollups().list(Level.WEEKLY, 0, Long.MAX_VALUE);
      assertThat(weeks)
          .extracting(Rollup::localStart)
          .containsExactly("2025-11-09T00:00-05:00", "2025-11-16T00:00-05:00");
      assertThat(weeks.get(0).activity().dayDistribution())
          .containsEntry("Saturday", 1L)
          .containsEntry("Sunday", 0L);
    }
  }

  @Test
  void the_fall_back_day_has_25_hours_and_two_0100_hours() {
    try (App app = open(NEW_YORK, 0, DayOfWeek.MONDAY)) {
      app.ingest()
          .ingest(
              List.of(
                  exchange("edt", "s1", "2025-11-02T01:30:00-04:00", 0),
                  exchange("est", "s2", "2025-11-02T01:30:00-05:00", 0)));
      app.rollups().refreshDirty();

      assertThat(app.rollups().list(Level.HOURLY, 0, Long.MAX_VALUE))
          .extracting(Rollup::localStart)
          .containsExactly("2025-11-02T01:00-04:00", "2025-11-02T01:00-05:00");
      Rollup day = only(app, Level.DAILY, "2025-11-02", NEW_YORK);
      assertThat(day.periodEndUtc() - day.periodStartUtc()).isEqualTo(25 * 3_600_000L);
      assertThat(day.activity().sessions()).isEqualTo(2);
    }
  }

  @Test
  void trend_compares_with_the_previous_day_as_a_relative_change() {
    try (App app = open(NEW_YORK, 0, DayOfWeek.MONDAY)) {
      app.ingest()
          .ingest(
              List.of(
                  exchange("d1", "s1", "2025-11-10T10:00:00-05:00", 0),
                  quality("q1", "d1", 0.50),
                  exchange("d2", "s2", "2025-11-11T10:00:00-05:00", 0),
                  exchange("d2b", "s2", "2025-11-11T10:01:00-05:00", 0),
                  quality("q2", "d2", 0.60)));
      app.rollups().refreshDirty();

      Rollup tuesday = only(app, Level.DAILY, "2025-11-11", NEW_YORK);
      assertThat(tuesday.trend().qualityChange())
          .isCloseTo(0.20, org.assertj.core.data.Offset.offset(1e-12));
      assertThat(tuesday.trend().volumeChange()).isEqualTo(1.0);
      assertThat(tuesday.trend().direction()).isEqualTo("improving");
      assertThat(only(app, Level.DAILY, "2025-11-10", NEW_YORK).trend().direction()).isNull();
    }
  }

  @Test
  void marks_left_by_a_crash_before_refresh_are_finished_at_the_next_start() throws Exception {
    try (App app = open(NEW_YORK, 0, DayOfWeek.MONDAY)) {
      app.ingest().ingest(List.of(exchange("x", "s", "2025-11-10T10:00:00-05:00", 0)));
      // closed without refreshing, as if the process died right after the ingest commit
    }
    try (App app = open(NEW_YORK, 0, DayOfWeek.MONDAY)) {
      // The refresher's first sweep runs at start: listen first so that it cannot be missed.
      CountDownLatch refreshed = new CountDownLatch(1);
      app.rollups().onChange(refreshed::countDown);
      app.startBackground();
      assertThat(refreshed.await(10, TimeUnit.SECONDS))
          .as("the refresher finished the left-over marks within 10 s")
          .isTrue();
      assertThat(only(app, Level.DAILY, "2025-11-10", NEW_YORK).activity().exchanges())
          .isEqualTo(1);
      assertThat(only(app, Level.MONTHLY, "2025-11-01", NEW_YORK).activity().exchanges())
          .isEqualTo(1);
    }
  }

  @Test
  void rebuild_of_a_range_rewrites_only_those_days() {
    try (App app = open(NEW_YORK, 0, DayOfWeek.MONDAY)) {
      app.ingest()
          .ingest(
              List.of(
                  exchange("a", "s1", "2025-11-10T10:00:00-05:00", 0),
                  exchange("b", "s2", "2025-11-12T10:00:00-05:00", 0)));
      int rows =
          app.rollups().rebuild(LocalDate.parse("2025-11-12"), LocalDate.parse("2025-11-12"));

      assertThat(rows).isEqualTo(4); // its hour, day, week and month
      assertThat(app.rollups().list(Level.DAILY, 0, Long.MAX_VALUE))
          .extracting(Rollup::localStart)
          .containsExactly("2025-11-12T00:00-05:00");
      assertThat(
              Instant.ofEpochMilli(
                  app.rollups().list(Level.DAILY, 0, Long.MAX_VALUE).get(0).periodStartUtc()))
          .isEqualTo(Instant.parse("2025-11-12T05:00:00Z"));
    }
  }

  static JsonNode quality(String id, String exchangeId, double composite) {
    return Json.MAPPER
        .createObjectNode()
        .put("kind", "quality")
        .put("id", id)
        .put("exchange_id", exchangeId)
        .put("composite", composite);
  }
}
