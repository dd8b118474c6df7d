package io.learnlytics.export;

import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupEngine;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Rollup rows of an export: read a chunk of days at a time, written as daily/weekly summaries. */
public final class RollupRows {
  /** Learning days per read, so a long history never sits in memory at once. */
  static final long CHUNK_MS = 100L * 86_400_000L;

  /** Takes the rows one at a time, perhaps writing them out. */
  public interface Each {
    void accept(Rollup row) throws IOException;
  }

  private final RollupEngine rollups;
  private final Buckets buckets;

  RollupRows(RollupEngine rollups) {
    this.rollups = rollups;
    this.buckets = rollups.buckets();
  }

  public Buckets buckets() {
    return buckets;
  }

  /**
   * Daily rows of the period, oldest first. For {@code all}, {@code bounds} is the first and last
   * daily row start (null when there is none).
   */
  public void daily(ExportScope scope, long @Nullable [] bounds, Each each) throws IOException {
    long from = scope.all() ? (bounds == null ? 0 : bounds[0]) : scope.fromUtc();
    long to = scope.all() ? (bounds == null ? 0 : bounds[1] + 1) : scope.toUtc();
    for (long start = from; start < to; start = Math.min(to, start + CHUNK_MS)) {
      for (Rollup r : rollups.list(Level.DAILY, start, Math.min(to, start + CHUNK_MS))) {
        each.accept(r);
      }
    }
  }

  /** Weekly rows of the weeks that overlap the period (all of them for {@code all}). */
  List<Rollup> weekly(ExportScope scope) {
    if (scope.all()) {
      return rollups.list(Level.WEEKLY, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    return rollups.list(Level.WEEKLY, buckets.start(Level.WEEKLY, scope.fromUtc()), scope.toUtc());
  }

  /** Monthly rows of all time (monthly rollups are never purged, unlike daily ones). */
  List<Rollup> monthly() {
    return rollups.list(Level.MONTHLY, Long.MIN_VALUE, Long.MAX_VALUE);
  }
}
