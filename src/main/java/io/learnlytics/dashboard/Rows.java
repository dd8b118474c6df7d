package io.learnlytics.dashboard;

import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.ComparisonWindow;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Read access to rollups for the dashboard: every read is an indexed range of rollup rows. */
final class Rows {
  final RollupEngine rollups;
  final Buckets buckets;
  final Database db;
  final Clock clock;

  Rows(RollupEngine rollups, Database db, Clock clock) {
    this.rollups = rollups;
    this.buckets = rollups.buckets();
    this.db = db;
    this.clock = clock;
  }

  /** Daily rows of the learning days {@code from..to} inclusive. */
  List<Rollup> days(LocalDate from, LocalDate to) {
    return rollups.list(Level.DAILY, buckets.dayStart(from), buckets.dayStart(to.plusDays(1)));
  }

  List<Rollup> level(Level level, long fromUtc, long toUtc) {
    return rollups.list(level, fromUtc, toUtc);
  }

  /** The current period's daily rows without their topic maps (for counts and means). */
  List<Rollup> currentCounts(ComparisonWindow w) {
    return rollups.listWithoutTopics(Level.DAILY, w.currentFromUtc(), w.dayAfterTodayUtc());
  }

  /** Rows of {@code level} without their topic maps. */
  List<Rollup> levelCounts(Level level, long fromUtc, long toUtc) {
    return rollups.listWithoutTopics(level, fromUtc, toUtc);
  }

  /** The current period's rows. */
  List<Rollup> current(ComparisonWindow w) {
    return w.currentRows(rollups);
  }

  /** The previous period's rows (see {@link ComparisonWindow#previousRows}). */
  List<Rollup> previous(ComparisonWindow w) {
    return w.previousRows(rollups);
  }

  /** The {@code meta} block of an answer about {@code period} computed at {@code now}. */
  Meta meta(
      String period,
      Instant now,
      ComparisonWindow.@Nullable Comparison comparison,
      @Nullable String granularity) {
    return new Meta(period, buckets.zone().getId(), now, false, asOf(now), comparison, granularity);
  }

  /** See {@link Meta}: the oldest pending dirty mark, or now. */
  Instant asOf(Instant generatedAt) {
    Long oldest = rollups.oldestDirtyMarkUtc();
    return oldest == null
        ? generatedAt
        : Instant.ofEpochMilli(Math.min(oldest, generatedAt.toEpochMilli()));
  }
}
