package io.learnlytics.goal;

import static io.learnlytics.goal.GoalTestSupport.app;
import static io.learnlytics.goal.GoalTestSupport.sessionsAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.App;
import io.learnlytics.rollup.Streaks;
import io.learnlytics.testing.MovableClock;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreaksTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @TempDir Path dir;

  @Test
  void today_without_a_session_yet_is_pending_and_keeps_the_streak() {
    MovableClock clock = new MovableClock("2025-11-20T14:00:00Z", NEW_YORK); // Thu 09:00
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(
          app,
          "2025-11-17T10:00:00-05:00",
          "2025-11-18T10:00:00-05:00",
          "2025-11-19T10:00:00-05:00");

      Streaks.Streak s = app.goals().streak();
      assertThat(s.current()).isEqualTo(3);
      assertThat(s.todayComplete()).isFalse();

      sessionsAt(app, "2025-11-20T08:30:00-05:00");
      assertThat(app.goals().streak().current()).isEqualTo(4);
      assertThat(app.goals().streak().todayComplete()).isTrue();
    }
  }

  @Test
  void a_whole_day_without_a_session_breaks_the_streak_and_best_is_kept() {
    MovableClock clock = new MovableClock("2025-11-22T15:00:00Z", NEW_YORK); // Sat 10:00
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(
          app,
          "2025-11-16T10:00:00-05:00",
          "2025-11-17T10:00:00-05:00",
          "2025-11-18T10:00:00-05:00",
          "2025-11-20T10:00:00-05:00"); // the 19th is missed, the 21st too

      assertThat(app.goals().streak().current()).isZero();
      assertThat(app.goals().view().streak().best()).isEqualTo(3);
    }
  }

  @Test
  void a_west_of_utc_evening_session_counts_for_the_local_day_not_the_utc_one() {
    // 21:30 in New York is 02:30 UTC the next day; the streak must not see a gap.
    MovableClock clock = new MovableClock("2025-11-20T03:00:00Z", NEW_YORK); // Wed 22:00 local
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(app, "2025-11-18T21:30:00-05:00", "2025-11-19T21:30:00-05:00");

      Streaks.Streak s = app.goals().streak();
      assertThat(s.current()).isEqualTo(2);
      assertThat(s.todayComplete()).isTrue();
    }
  }

  @Test
  void the_25_hour_fall_back_day_is_one_learning_day() {
    MovableClock clock = new MovableClock("2025-11-03T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(
          app,
          "2025-11-01T23:30:00-04:00",
          "2025-11-02T01:30:00-05:00", // the second 01:30 of the DST day
          "2025-11-03T09:00:00-05:00");

      assertThat(app.goals().streak().current()).isEqualTo(3);
    }
  }

  @Test
  void with_day_start_hour_4_a_0130_session_extends_the_previous_day() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK); // Thu 10:00
    try (App app = app(dir, clock, 4, DayOfWeek.MONDAY)) {
      // Tuesday 22:00, then Thursday 01:30 which belongs to Wednesday's learning day.
      sessionsAt(app, "2025-11-18T22:00:00-05:00", "2025-11-20T01:30:00-05:00");

      Streaks.Streak s = app.goals().streak();
      assertThat(s.current()).isEqualTo(2);
      assertThat(s.todayComplete()).isFalse();
    }
  }

  @Test
  void the_best_streak_survives_in_streak_tracking_after_evaluation() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(app, "2025-11-10T10:00:00-05:00", "2025-11-11T10:00:00-05:00");
      app.goals().evaluate();
      clock.now = Instant.parse("2025-12-20T15:00:00Z");

      assertThat(app.goals().view().streak().best()).isEqualTo(2);
      assertThat(app.goals().view().streak().current()).isZero();
    }
  }
}
