package io.learnlytics.export.source;

import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.Span;
import java.io.IOException;
import java.util.List;

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

  public RollupRows(RollupEngine rollups) {
    this.rollups = rollups;
    this.buckets = rollups.buckets();
  }

  public Buckets buckets() {
    return buckets;
  }

  /**
   * The starts of the daily rows of the period: for {@code all}, those of the kept daily rows
   * (empty when there is none).
   */
  Span dailySpan(ExportScope scope) {
    if (scope.all()) {
      return rollups.keptStarts(Level.DAILY).orElse(new Span(0, 0));
    }
    return new Span(scope.fromUtc(), scope.toUtc());
  }

  /** Daily rows starting in {@code span}, oldest first, {@link #CHUNK_MS} at a time. */
  public void daily(Span span, Each each) throws IOException {
    long to = span.toUtc();
    for (long start = span.fromUtc(); start < to; start = Math.min(to, start + CHUNK_MS)) {
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
