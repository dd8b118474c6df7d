package io.learnlytics.goal;

import static io.learnlytics.goal.GoalTestSupport.app;
import static io.learnlytics.goal.GoalTestSupport.exchange;
import static io.learnlytics.goal.GoalTestSupport.sessionsAt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.learner.LearnerSettings;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.StreakRules;
import io.learnlytics.rollup.Streaks;
import io.learnlytics.testing.MovableClock;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streak protection (freezes, rest days, minimum effort), the streak explanation, and a learner who
 * moves from Berlin to Los Angeles mid-streak.
 */
class StreakProtectionTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  @TempDir Path dir;

  /** Sessions at 10:00 Berlin on each of these November 2025 days. */
  static String[] novemberMornings(int... days) {
    String[] out = new String[days.length];
    for (int i = 0; i < days.length; i++) {
      out[i] = String.format("2025-11-%02dT10:00:00+01:00", days[i]);
    }
    return out;
  }

  static MovableClock berlinClock(String local) {
    return new MovableClock(
        ZonedDateTime.parse(local + "+01:00[Europe/Berlin]").toInstant().toString(), BERLIN);
  }

  @Test
  void without_rules_the_walk_agrees_with_counting_back() {
    Random r = new Random(42);
    for (int round = 0; round < 12; round++) {
      MovableClock clock = berlinClock("2025-11-30T0" + r.nextInt(10) + ":00:00");
      try (App app = app(dir.resolve("r" + round), clock, r.nextInt(6), DayOfWeek.MONDAY)) {
        List<String> times = new ArrayList<>();
        for (int day = 1; day <= 30; day++) {
          if (r.nextInt(10) < 7) {
            times.add(String.format("2025-11-%02dT%02d:30:00+01:00", day, r.nextInt(24)));
          }
        }
        sessionsAt(app, times.toArray(String[]::new));
        Streaks.Streak plain = app.goals().streak();
        int best = app.rollups().streaks().best(clock.millis());
        app.goals().protect(StreakRules.NONE); // a rules row: the walk decides from now on
        assertThat(app.goals().streak()).as("round %d: %s", round, times).isEqualTo(plain);
        assertThat(app.rollups().streaks().best(clock.millis())).isEqualTo(best);
      }
    }
  }

  @Test
  void a_planned_rest_day_bridges_the_streak_without_adding_to_it() {
    MovableClock clock = berlinClock("2025-11-03T09:00:00"); // Monday
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      app.goals().protect(new StreakRules(0, Set.of(DayOfWeek.SUNDAY), 0, 0));
      clock.now = berlinClock("2025-11-18T12:00:00").instant(); // Tuesday
      // every day from Monday 3rd to Tuesday 18th except Sundays 9th and 16th
      sessionsAt(app, novemberMornings(3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 17, 18));
      assertThat(app.goals().streak().current()).isEqualTo(14);
      StreakReport report = app.goals().streakReport();
      assertThat(report.current().days()).isEqualTo(14);
      assertThat(report.current().today()).isEqualTo("done");
      assertThat(report.lastBreak()).isNull();
      assertThat(report.recentDays())
          .filteredOn(d -> d.date().equals(LocalDate.of(2025, 11, 16)))
          .extracting(StreakReport.DayView::status)
          .containsExactly("rest");
      assertThat(report.protection().restDays()).containsExactly("sunday");
    }
  }

  @Test
  void a_freeze_bridges_one_miss_a_month_and_the_second_miss_breaks_with_the_reason() {
    MovableClock clock = berlinClock("2025-11-01T09:00:00");
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      app.goals().protect(new StreakRules(1, Set.of(), 0, 0));
      clock.now = berlinClock("2025-11-12T12:00:00").instant();
      sessionsAt(app, novemberMornings(1, 2, 3, 5, 6, 7, 9, 10, 11, 12)); // 4th and 8th missed
      StreakReport report = app.goals().streakReport();
      assertThat(report.current().days()).isEqualTo(4); // 9th to 12th
      assertThat(report.best().days()).isEqualTo(6); // 1st to 7th, the 4th frozen
      assertThat(report.lastBreak().date()).isEqualTo(LocalDate.of(2025, 11, 8));
      assertThat(report.lastBreak().status()).isEqualTo("missed");
      assertThat(report.lastBreak().ended().days()).isEqualTo(6);
      assertThat(report.lastBreak().reason())
          .isEqualTo(
              "No session on Saturday 8 November 2025 (the learning day from 00:00 to 00:00"
                  + " on 9 November, Europe/Berlin). No freeze left for November (1 of 1 used).");
      assertThat(report.protection().freezesUsedThisMonth()).isEqualTo(1);
      assertThat(report.protection().freezesLeftThisMonth()).isZero();
      assertThat(report.recentDays())
          .filteredOn(d -> d.date().equals(LocalDate.of(2025, 11, 4)))
          .extracting(StreakReport.DayView::status)
          .containsExactly("frozen");
    }
  }

  @Test
  void a_day_below_the_minimum_effort_breaks_the_streak_and_says_by_how_much() {
    MovableClock clock = berlinClock("2025-11-01T09:00:00");
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      app.goals().protect(new StreakRules(0, Set.of(), 3, 20));
      clock.now = berlinClock("2025-11-04T12:00:00").instant();
      List<JsonNode> events = new ArrayList<>();
      for (int day : new int[] {1, 2, 4}) {
        for (int i = 0; i < 3; i++) {
          String t = String.format("2025-11-%02dT10:0%d:00+01:00", day, i);
          events.add(exchange("x" + day + i, "s" + day, t, "general"));
        }
      }
      events.add(exchange("x3", "s3", "2025-11-03T10:00:00+01:00", "general")); // one only
      app.ingest().ingest(events);
      app.rollups().refreshDirty();
      StreakReport report = app.goals().streakReport();
      assertThat(report.current().days()).isEqualTo(1);
      assertThat(report.lastBreak().status()).isEqualTo("too_little");
      assertThat(report.lastBreak().reason())
          .startsWith("1 exchange and 0 minutes on Monday 3 November 2025")
          .endsWith("below the minimum of 3 exchanges or 20 minutes.");
    }
  }

  @Test
  void protection_applies_from_the_day_it_is_set_never_to_earlier_misses() {
    MovableClock clock = berlinClock("2025-11-10T12:00:00");
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(app, novemberMornings(5, 6, 8, 9, 10)); // the 7th missed, before any rules
      app.goals().protect(new StreakRules(5, Set.of(), 0, 0));
      assertThat(app.goals().streak().current()).isEqualTo(3);
      assertThat(app.goals().streakReport().lastBreak().date())
          .isEqualTo(LocalDate.of(2025, 11, 7));
    }
  }

  /** The 25-hour fall-back day and the 23-hour spring-forward day are one learning day each. */
  @Test
  void dst_days_are_one_learning_day_each_with_protection_on() {
    MovableClock clock = berlinClock("2025-03-28T12:00:00");
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      app.goals().protect(new StreakRules(0, Set.of(DayOfWeek.SATURDAY), 0, 0));
      clock.now = Instant.parse("2025-03-31T10:00:00Z");
      sessionsAt(
          app,
          "2025-03-28T23:30:00+01:00",
          "2025-03-30T00:30:00+01:00", // the 23-hour Sunday, before the clocks jump
          "2025-03-31T11:00:00+02:00");
      StreakReport report = app.goals().streakReport();
      assertThat(report.current().days()).isEqualTo(3); // Friday, (Saturday rest), Sunday, Monday
      clock.now = Instant.parse("2025-10-27T10:00:00Z");
      sessionsAt(
          app,
          "2025-10-26T02:30:00+02:00",
          "2025-10-26T02:30:00+01:00",
          "2025-10-27T09:00:00+01:00");
      assertThat(app.goals().streak().current()).isEqualTo(2); // both 02:30s on Sunday the 26th
    }
  }

  /**
   * A learner studies every evening in Berlin, flies to Los Angeles and changes their zone on the
   * evening of the 5th: the 5th lasts until midnight in Los Angeles (33 hours), the streak goes on,
   * and the days before the change keep their rows.
   */
  @Test
  void moving_from_berlin_to_los_angeles_mid_streak_keeps_the_streak_and_the_past() {
    MovableClock clock = berlinClock("2025-11-01T09:00:00");
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      app.putLearner(new LearnerSettings("default", BERLIN, null, null));
      clock.now = berlinClock("2025-11-05T21:00:00").instant();
      sessionsAt(app, novemberMornings(1, 2, 3, 4, 5));
      List<Rollup> before = app.rollups().list(Level.DAILY, Long.MIN_VALUE, Long.MAX_VALUE);

      app.putLearner(new LearnerSettings("default", LOS_ANGELES, null, null));
      // 23:00 in Los Angeles on the 5th is still the 5th; then the 6th and 7th in Los Angeles
      clock.now = Instant.parse("2025-11-08T04:00:00Z"); // 20:00 on the 7th in Los Angeles
      sessionsAt(
          app,
          "2025-11-05T23:00:00-08:00",
          "2025-11-06T10:00:00-08:00",
          "2025-11-07T10:00:00-08:00");

      assertThat(app.goals().streak().current()).isEqualTo(7);
      List<Rollup> after = app.rollups().list(Level.DAILY, Long.MIN_VALUE, Long.MAX_VALUE);
      assertThat(after.subList(0, 4))
          .usingRecursiveFieldByFieldElementComparatorIgnoringFields("trend")
          .isEqualTo(before.subList(0, 4));
      assertThat(after).hasSize(7);
      Rollup fifth = after.get(4);
      assertThat(Duration.ofMillis(fifth.periodEndUtc() - fifth.periodStartUtc()))
          .isEqualTo(Duration.ofHours(33));
      assertThat(fifth.activity().sessions()).isEqualTo(2);

      StreakReport report = app.goals().streakReport();
      assertThat(report.calendarChanges()).hasSize(1);
      StreakReport.CalendarChange change = report.calendarChanges().get(0);
      assertThat(change.before().zone()).isEqualTo("Europe/Berlin");
      assertThat(change.after().zone()).isEqualTo("America/Los_Angeles");
      assertThat(change.day()).isEqualTo(LocalDate.of(2025, 11, 5));
      assertThat(change.dayHours()).isEqualTo(33.0);
      assertThat(report.current().learningDay().zone()).isEqualTo("America/Los_Angeles");
      assertThat(report.current().learningDay().hoursLeft()).isEqualTo(4.0);

      List<Rollup> refreshed = app.rollups().list(Level.DAILY, Long.MIN_VALUE, Long.MAX_VALUE);
      app.rollups().rebuild(null, null); // a rebuild cuts the days the same way
      assertThat(app.rollups().list(Level.DAILY, Long.MIN_VALUE, Long.MAX_VALUE))
          .usingRecursiveFieldByFieldElementComparatorIgnoringFields("trend")
          .isEqualTo(refreshed);
    }
  }
}
