package io.learnlytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.config.Config;
import io.learnlytics.store.Database;
import io.learnlytics.testing.TestStores;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that change forward ({@link Buckets#withHistory}): across any sequence of zone, day
 * start and week start changes, buckets still partition time at every level, days that ended before
 * a change keep their boundaries, and the rollups equal the direct computation in the changed
 * calendar — after a refresh and after a full rebuild.
 */
class CalendarChangeTest {
  static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("America/Los_Angeles"),
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("Australia/Lord_Howe"),
          ZoneId.of("Pacific/Kiritimati"), // +14: with Los Angeles, a date is skipped
          ZoneId.of("UTC"));
  static final Instant BERLIN_FALLS_BACK = Instant.parse("2025-10-26T01:00:00Z");
  static final CalendarRules BERLIN = new CalendarRules(ZONES.get(0), 0, DayOfWeek.MONDAY);
  static final CalendarRules LOS_ANGELES = new CalendarRules(ZONES.get(1), 4, DayOfWeek.SUNDAY);

  @TempDir Path dir;

  static CalendarRules randomRules(Random r) {
    return new CalendarRules(
        ZONES.get(r.nextInt(ZONES.size())), r.nextInt(24), DayOfWeek.of(1 + r.nextInt(7)));
  }

  /** 1 to 3 changes at random instants within 20 days of Berlin's fall-back night. */
  static Buckets randomBuckets(Random r) {
    List<Buckets.Change> history = new ArrayList<>();
    long at = BERLIN_FALLS_BACK.toEpochMilli() - 10 * 86_400_000L;
    for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
      at += r.nextInt(7 * 86_400) * 1000L;
      history.add(new Buckets.Change(at, randomRules(r)));
    }
    return Buckets.withHistory(history, randomRules(r));
  }

  @Test
  void buckets_partition_time_at_every_level_across_changes() {
    Random r = new Random(17);
    for (int round = 0; round < 300; round++) {
      Buckets b = randomBuckets(r);
      long from = BERLIN_FALLS_BACK.toEpochMilli() - 40 * 86_400_000L;
      for (int i = 0; i < 200; i++) {
        long t = from + (long) (r.nextDouble() * 80 * 86_400_000L);
        LocalDate d = b.learningDate(t);
        assertThat(b.dayStart(d)).as("day start of %s at %s", d, t).isLessThanOrEqualTo(t);
        assertThat(b.dayStart(d.plusDays(1))).as("next day of %s", d).isGreaterThan(t);
        for (Level level : Level.values()) {
          long start = b.start(level, t);
          assertThat(start).as("%s start at %s", level, t).isLessThanOrEqualTo(t);
          assertThat(b.end(level, start)).as("%s end at %s", level, t).isGreaterThan(t);
          assertThat(b.start(level, start)).as("%s start is its own start", level).isEqualTo(start);
        }
        assertThat(b.learningDate(t + 3_600_000L)).isAfterOrEqualTo(d); // dates never go back
      }
    }
  }

  @Test
  void days_that_ended_before_a_change_keep_their_boundaries() {
    Random r = new Random(5);
    for (int round = 0; round < 300; round++) {
      CalendarRules before = randomRules(r);
      long at = BERLIN_FALLS_BACK.toEpochMilli() + r.nextInt(86_400) * 1000L;
      Buckets old = new Buckets(before);
      Buckets changed =
          Buckets.withHistory(List.of(new Buckets.Change(at, before)), randomRules(r));
      LocalDate inProgress = old.learningDate(at - 1);
      for (LocalDate d = inProgress.minusDays(40); !d.isAfter(inProgress); d = d.plusDays(1)) {
        assertThat(changed.dayStart(d)).as("start of %s", d).isEqualTo(old.dayStart(d));
      }
      for (long t = at - 30 * 86_400_000L; t < at; t += 3_600_000L) {
        for (Level level : Level.values()) {
          assertThat(changed.start(level, t))
              .as("%s at %s", level, t)
              .isEqualTo(old.start(level, t));
        }
      }
      // the week in progress keeps its first day
      assertThat(changed.weekDate(inProgress)).isEqualTo(old.weekDate(inProgress));
    }
  }

  /**
   * Berlin (days from midnight, weeks from Monday) to Los Angeles (days from 04:00, weeks from
   * Sunday) on a Wednesday at 20:00 Berlin: Wednesday ends at Thursday 04:00 in Los Angeles (37
   * hours); Thursday is a Los Angeles day; the week that began on Monday runs to Sunday.
   */
  @Test
  void a_move_from_berlin_to_los_angeles_lengthens_the_day_in_progress() {
    long at = Instant.parse("2025-11-19T19:00:00Z").toEpochMilli(); // Wed 20:00 in Berlin
    Buckets b = Buckets.withHistory(List.of(new Buckets.Change(at, BERLIN)), LOS_ANGELES);
    LocalDate wednesday = LocalDate.of(2025, 11, 19);
    assertThat(b.dayStart(wednesday))
        .isEqualTo(Instant.parse("2025-11-18T23:00:00Z").toEpochMilli());
    assertThat(b.dayStart(wednesday.plusDays(1)))
        .isEqualTo(Instant.parse("2025-11-20T12:00:00Z").toEpochMilli()); // Thu 04:00 PST
    assertThat(b.learningDate(Instant.parse("2025-11-20T10:00:00Z").toEpochMilli()))
        .isEqualTo(wednesday); // Thu 02:00 in LA: still Wednesday, before the 04:00 day start
    assertThat(b.weekDate(LocalDate.of(2025, 11, 22))).isEqualTo(LocalDate.of(2025, 11, 17));
    assertThat(b.weekDate(LocalDate.of(2025, 11, 23))).isEqualTo(LocalDate.of(2025, 11, 23));
    long week = b.start(Level.WEEKLY, at);
    assertThat(b.end(Level.WEEKLY, week)).isEqualTo(b.dayStart(LocalDate.of(2025, 11, 23)));
    assertThat(b.zoneAt(at - 1)).isEqualTo(BERLIN.zone());
    assertThat(b.zoneAt(at)).isEqualTo(LOS_ANGELES.zone());
    assertThat(b.rulesOn(wednesday)).isEqualTo(BERLIN);
    assertThat(b.rulesOn(wednesday.plusDays(1))).isEqualTo(LOS_ANGELES);
    assertThat(b.changes()).containsExactly(new Buckets.Change(at, BERLIN));
  }

  /** The way back: Los Angeles to Berlin shortens the day in progress. */
  @Test
  void a_move_from_los_angeles_to_berlin_shortens_the_day_in_progress() {
    long at = Instant.parse("2025-11-19T18:00:00Z").toEpochMilli(); // Wed 10:00 in LA
    Buckets b = Buckets.withHistory(List.of(new Buckets.Change(at, LOS_ANGELES)), BERLIN);
    LocalDate wednesday = LocalDate.of(2025, 11, 19);
    long start = b.dayStart(wednesday);
    long end = b.dayStart(wednesday.plusDays(1));
    assertThat(start).isEqualTo(Instant.parse("2025-11-19T12:00:00Z").toEpochMilli());
    assertThat(end).isEqualTo(Instant.parse("2025-11-19T23:00:00Z").toEpochMilli());
    assertThat(end - start).isEqualTo(11 * 3_600_000L);
  }

  /** Rollups of a learner whose calendar changed twice equal the direct computation. */
  @Test
  void rollups_equal_direct_computation_across_changes() {
    try (Database db = TestStores.open(dir.resolve("moved.db"))) {
      db.writer()
          .useHandle(
              h -> {
                h.execute(
                    "INSERT INTO learners (id, zone, day_start_hour, week_start, created_utc)"
                        + " VALUES ('alice', 'Asia/Kolkata', 6, 'WEDNESDAY', 0)");
                h.execute(
                    "INSERT INTO learner_calendar_history VALUES"
                        + " ('alice', ?, 'Europe/Berlin', 0, 'MONDAY'),"
                        + " ('alice', ?, 'America/Los_Angeles', 4, 'SUNDAY')",
                    BERLIN_FALLS_BACK.toEpochMilli() - 3 * 86_400_000L + 1_234_567,
                    BERLIN_FALLS_BACK.toEpochMilli() + 5 * 86_400_000L + 7_654_321);
              });
      RollupEngine engine =
          new RollupEngine(
              db.forLearner("alice"),
              LearnerCalendars.of(db, "alice", LearnerZonesTest.SERVER),
              LearnerZonesTest.CLOCK,
              RollupMetrics.unregistered(),
              new Config.Retention(0, 0));
      Buckets b = engine.buckets();
      assertThat(b.changes()).hasSize(2);
      History history =
          History.random(
              3,
              BERLIN.zone(),
              BERLIN_FALLS_BACK.atZone(BERLIN.zone()).minusDays(15),
              30,
              BERLIN_FALLS_BACK);
      Oracle oracle = new Oracle(history, b);
      RawRows.write(db.forLearner("alice"), b, history, LearnerIsolationTest.EARLY);
      engine.refreshDirty();
      RawRows.write(db.forLearner("alice"), b, history, LearnerIsolationTest.EARLY.negate());
      engine.refreshDirty();
      RollupExactnessTest.assertMatches(engine, oracle);
      engine.rebuild(null, null);
      RollupExactnessTest.assertMatches(engine, oracle);
    }
  }
}
