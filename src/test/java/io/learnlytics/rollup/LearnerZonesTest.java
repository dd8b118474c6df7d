package io.learnlytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.config.Config;
import io.learnlytics.store.Database;
import io.learnlytics.testing.Cli;
import io.learnlytics.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learners in different zones in one file: the multi-learner {@link DirtyRefresher} refreshes each
 * through their own engine and calendar (from the {@code learners} table), leaving exactly the rows
 * a rebuild of that learner writes; {@code aggregate --rebuild} rebuilds every listed learner in
 * their own calendar; and one learner whose refresh fails holds up nobody else.
 */
class LearnerZonesTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
  static final Instant HOTSPOT = Instant.parse("2025-10-26T01:00:00Z"); // Berlin falls back
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-12-20T00:00:00Z"), ZoneOffset.UTC);
  static final Buckets SERVER = new Buckets(ZoneOffset.UTC, 0, DayOfWeek.MONDAY);

  @TempDir Path dir;

  /**
   * alice in Berlin with the server's day and week; bob in Los Angeles, days from 04:00, weeks from
   * Sunday.
   */
  static void addLearners(Database db) {
    db.writer()
        .useHandle(
            h -> {
              h.execute(
                  "INSERT INTO learners (id, zone, created_utc) VALUES ('alice', 'Europe/Berlin', 0)");
              h.execute(
                  "INSERT INTO learners (id, zone, day_start_hour, week_start, created_utc)"
                      + " VALUES ('bob', 'America/Los_Angeles', 4, 'sunday', 0)");
            });
  }

  static RollupEngine engine(Database root, String learner) {
    return new RollupEngine(
        root.forLearner(learner),
        LearnerCalendars.of(root, learner, SERVER),
        CLOCK,
        RollupMetrics.unregistered(),
        Config.Retention.DEFAULT);
  }

  static History history(long seed, ZoneId zone, Instant hotspot) {
    return History.random(seed, zone, hotspot.atZone(zone).minusDays(15), 30, hotspot);
  }

  /** Writes each learner's history (early part, then late part) with marks in their calendar. */
  static void write(
      Database db, Map<String, RollupEngine> engines, Instant hotspot, boolean early) {
    long seed = 1;
    for (Map.Entry<String, RollupEngine> e : engines.entrySet()) {
      Buckets buckets = e.getValue().buckets();
      History h = history(seed++, buckets.zone(), hotspot);
      RawRows.write(
          db.forLearner(e.getKey()),
          buckets,
          h,
          early ? LearnerIsolationTest.EARLY : LearnerIsolationTest.EARLY.negate());
    }
  }

  @Test
  void the_refresher_serves_every_learner_in_their_own_zone_and_each_equals_their_rebuild() {
    try (Database db = TestStores.open(dir.resolve("zones.db"))) {
      addLearners(db);
      Map<String, RollupEngine> engines = new HashMap<>();
      engines.put("alice", engine(db, "alice"));
      engines.put("bob", engine(db, "bob"));
      DirtyRefresher refresher =
          new DirtyRefresher(
              db,
              id -> {
                if (!engines.containsKey(id)) {
                  throw new IllegalStateException("no engine for " + id);
                }
                return engines.get(id);
              });
      write(db, engines, HOTSPOT, true);
      engine(db, "broken").markDirty(Level.DAILY, 0, 1); // a learner the lookup fails for
      assertThat(refresher.pass()).as("learners refreshed despite the broken one").isEqualTo(2);
      write(db, engines, HOTSPOT, false);
      assertThat(refresher.pass()).isEqualTo(2);

      assertThat(DirtyRefresher.learnersWithMarks(db)).containsExactly("broken");
      for (RollupEngine e : engines.values()) {
        List<Object> refreshed = LearnerIsolationTest.everything(e);
        e.rebuild(null, null);
        assertThat(LearnerIsolationTest.everything(e))
            .as("%s's rows after the refresh against their rebuild", e.learner())
            .isEqualTo(refreshed);
      }
      assertDaysAndWeeks(engines.get("alice"), BERLIN, LocalTime.MIDNIGHT, DayOfWeek.MONDAY);
      assertDaysAndWeeks(engines.get("bob"), LOS_ANGELES, LocalTime.of(4, 0), DayOfWeek.SUNDAY);
    }
  }

  @Test
  void aggregate_rebuild_rebuilds_every_listed_learner_in_their_own_calendar() {
    Path file = dir.resolve("cli.db");
    Map<Level, List<Object>> refreshed = new HashMap<>();
    try (Database db = TestStores.open(file)) {
      addLearners(db);
      Map<String, RollupEngine> engines = new HashMap<>();
      engines.put("alice", engine(db, "alice"));
      engines.put("bob", engine(db, "bob"));
      // Recent data: the command keeps rows by retention from the real clock.
      Instant recent = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.HOURS);
      write(db, engines, recent, true);
      write(db, engines, recent, false);
      new DirtyRefresher(db, engines::get).pass();
      snapshot(db, refreshed);
      // The rebuild must put back what is deleted here, for both learners.
      db.writer().useHandle(h -> h.execute("DELETE FROM aggregated_metrics"));
    }

    Cli.Run run =
        Cli.run("aggregate", "--rebuild", "--db", TestStores.arg(file), "--timezone", "UTC");

    assertThat(run.code()).as(run.err()).isZero();
    try (Database db = TestStores.open(file)) {
      Map<Level, List<Object>> rebuilt = new HashMap<>();
      snapshot(db, rebuilt);
      assertThat(rebuilt).isEqualTo(refreshed);
      assertThat(refreshed.get(Level.DAILY)).hasSizeGreaterThan(20);
    }
  }

  /** Every learner's rows per level (the default learner has none). */
  private static void snapshot(Database db, Map<Level, List<Object>> into) {
    for (Level level : Level.values()) {
      List<Object> rows = new java.util.ArrayList<>();
      for (String learner : List.of(Database.DEFAULT_LEARNER, "alice", "bob")) {
        rows.add(learner);
        rows.addAll(engine(db, learner).list(level, Long.MIN_VALUE, Long.MAX_VALUE));
      }
      into.put(level, rows);
    }
  }

  /** Daily rows start at the learner's day-start hour in their zone, weekly on their week start. */
  private static void assertDaysAndWeeks(
      RollupEngine engine, ZoneId zone, LocalTime dayStart, DayOfWeek weekStart) {
    List<Rollup> days = engine.list(Level.DAILY, Long.MIN_VALUE, Long.MAX_VALUE);
    List<Rollup> weeks = engine.list(Level.WEEKLY, Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(days).hasSizeGreaterThan(10);
    assertThat(weeks).hasSizeGreaterThan(2);
    for (Rollup d : days) {
      assertThat(Instant.ofEpochMilli(d.periodStartUtc()).atZone(zone).toLocalTime())
          .isEqualTo(dayStart);
    }
    for (Rollup w : weeks) {
      assertThat(Instant.ofEpochMilli(w.periodStartUtc()).atZone(zone).getDayOfWeek())
          .isEqualTo(weekStart);
    }
  }
}
