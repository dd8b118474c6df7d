package io.learnlytics.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.config.Config;
import io.learnlytics.store.Database;
import io.learnlytics.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two learners in one file are two files: each learner's every rollup row and day state, built by
 * refreshes (late data included) and by a rebuild, equals what the same raw data gives alone in a
 * fresh file. Both histories have the same event and session ids and fall in the same hours, days,
 * weeks and months, so any statement that forgot its learner would mix, overwrite or delete the
 * other's rows.
 */
class LearnerIsolationTest {
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final Instant HOTSPOT = Instant.parse("2025-11-02T06:00:00Z"); // the fall-back night
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-12-20T00:00:00Z"), ZoneOffset.UTC);
  static final Buckets BUCKETS = new Buckets(ZONE, 0, DayOfWeek.MONDAY);
  static final String ALICE = "alice";

  /** Exchanges written first; the others arrive late, after a refresh. */
  static final Predicate<History.Exchange> EARLY = x -> x.id().hashCode() % 3 != 0;

  @TempDir Path dir;

  static History history(long seed) {
    return History.random(seed, ZONE, HOTSPOT.atZone(ZONE).minusDays(20), 40, HOTSPOT);
  }

  static RollupEngine engine(Database view, Buckets buckets) {
    return new RollupEngine(
        view, buckets, CLOCK, RollupMetrics.unregistered(), Config.Retention.DEFAULT);
  }

  /**
   * Every rollup row of each level of the engine's learner, and their streaks. Day states are not
   * compared byte for byte: they hold topic ids of the shared dictionary, which differ between
   * files by the order topics first arrived; the weekly and monthly rows merged from them (topic
   * names and all) are compared.
   */
  static List<Object> everything(RollupEngine engine) {
    Map<Level, List<Rollup>> rows = new EnumMap<>(Level.class);
    for (Level level : Level.values()) {
      rows.put(level, engine.list(level, Long.MIN_VALUE, Long.MAX_VALUE));
    }
    return List.of(
        rows, engine.streaks().at(CLOCK.millis()), engine.streaks().best(CLOCK.millis()));
  }

  /** The history alone in a fresh file, written early then late, refreshed after each part. */
  List<Object> alone(String name, String learner, History h) {
    try (Database root = TestStores.open(dir.resolve(name))) {
      Database view = root.forLearner(learner);
      RollupEngine engine = engine(view, BUCKETS);
      RawRows.write(view, BUCKETS, h, EARLY);
      engine.refreshDirty();
      RawRows.write(view, BUCKETS, h, EARLY.negate());
      engine.refreshDirty();
      return everything(engine);
    }
  }

  @Test
  void two_learners_with_the_same_ids_and_buckets_in_one_file_each_equal_their_data_alone() {
    History mine = history(1);
    History hers = history(2);
    List<Object> mineAlone = alone("mine.db", Database.DEFAULT_LEARNER, mine);
    List<Object> hersAlone = alone("hers.db", Database.DEFAULT_LEARNER, hers);

    try (Database db = TestStores.open(dir.resolve("both.db"))) {
      Database alice = db.forLearner(ALICE);
      RollupEngine defaultEngine = engine(db, BUCKETS);
      RollupEngine aliceEngine = engine(alice, BUCKETS);
      DirtyRefresher refresher =
          new DirtyRefresher(db, id -> id.equals(ALICE) ? aliceEngine : defaultEngine);
      RawRows.write(db, BUCKETS, mine, EARLY);
      RawRows.write(alice, BUCKETS, hers, EARLY);
      assertThat(refresher.pass()).as("learners refreshed").isEqualTo(2);
      // Late data for one learner only: the other's rows must not move.
      RawRows.write(alice, BUCKETS, hers, EARLY.negate());
      assertThat(refresher.pass()).isEqualTo(1);
      assertThat(everything(defaultEngine)).isNotEqualTo(mineAlone);
      RawRows.write(db, BUCKETS, mine, EARLY.negate());
      assertThat(refresher.pass()).isEqualTo(1);

      assertThat(defaultEngine.dirtyCount()).isZero();
      assertThat(aliceEngine.dirtyCount()).isZero();
      assertThat(everything(defaultEngine)).isEqualTo(mineAlone);
      assertThat(everything(aliceEngine)).isEqualTo(hersAlone);

      // A rebuild of one learner deletes and rewrites only that learner's rows.
      aliceEngine.rebuild(null, null);
      defaultEngine.rebuild(null, null);
      aliceEngine.rebuild(null, null);
      assertThat(everything(defaultEngine)).isEqualTo(mineAlone);
      assertThat(everything(aliceEngine)).isEqualTo(hersAlone);
    }
  }

  @Test
  void the_default_learners_rows_are_unchanged_when_another_learner_has_the_very_same_events() {
    History same = history(7);
    List<Object> aloneRows = alone("alone.db", Database.DEFAULT_LEARNER, same);

    try (Database db = TestStores.open(dir.resolve("both.db"))) {
      Database alice = db.forLearner(ALICE);
      RollupEngine defaultEngine = engine(db, BUCKETS);
      RollupEngine aliceEngine = engine(alice, BUCKETS);
      RawRows.write(db, BUCKETS, same, EARLY);
      defaultEngine.refreshDirty();
      RawRows.write(alice, BUCKETS, same, x -> true);
      aliceEngine.refreshDirty();
      RawRows.write(db, BUCKETS, same, EARLY.negate());
      defaultEngine.refreshDirty();

      assertThat(everything(defaultEngine)).isEqualTo(aloneRows);
      assertThat(everything(aliceEngine)).isEqualTo(aloneRows);
      Rollup month = defaultEngine.list(Level.MONTHLY, 0, Long.MAX_VALUE).get(0);
      long exchanges =
          same.exchanges.stream()
              .filter(x -> BUCKETS.start(Level.MONTHLY, x.ts()) == month.periodStartUtc())
              .count();
      assertThat(month.activity().exchanges()).isEqualTo(exchanges).isPositive();
    }
  }
}
