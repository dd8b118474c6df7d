package io.learnlytics.dashboard;

import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Level;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A dashboard period of {@code days} learning days ending today, and the previous period of equal
 * elapsed time: if today is 14 hours old, the previous period ends 14 hours into its last day (to
 * the hour, since that partial day is read from hourly rollups).
 */
record Window(
    int days,
    LocalDate firstDay,
    LocalDate today,
    long currentFromUtc,
    long nowUtc,
    LocalDate previousFirstDay,
    LocalDate previousLastDay,
    long previousFromUtc,
    long previousLastDayStartUtc,
    long previousCutoffUtc) {

  static Window of(Buckets buckets, int days, long nowUtc) {
    LocalDate today = buckets.learningDate(nowUtc);
    LocalDate first = today.minusDays(days - 1L);
    long elapsed = nowUtc - buckets.dayStart(today);
    LocalDate previousLast = first.minusDays(1);
    LocalDate previousFirst = previousLast.minusDays(days - 1L);
    long previousLastStart = buckets.dayStart(previousLast);
    return new Window(
        days,
        first,
        today,
        buckets.dayStart(first),
        nowUtc,
        previousFirst,
        previousLast,
        buckets.dayStart(previousFirst),
        previousLastStart,
        Math.min(hourCeiling(buckets, previousLastStart + elapsed), buckets.dayStart(first)));
  }

  /**
   * The previous period's last day is read from hourly rollups, so it ends at the end of the hour
   * holding the cutoff; the reported range says so.
   */
  private static long hourCeiling(Buckets buckets, long t) {
    long start = buckets.start(Level.HOURLY, t);
    return start == t ? t : buckets.end(Level.HOURLY, start);
  }

  /** The comparison as the API reports it. */
  Comparison comparison() {
    return new Comparison(
        new Range(Instant.ofEpochMilli(currentFromUtc), Instant.ofEpochMilli(nowUtc)),
        new Range(Instant.ofEpochMilli(previousFromUtc), Instant.ofEpochMilli(previousCutoffUtc)),
        "equal elapsed time: the previous "
            + days
            + " days, cut at the same time of day as now (to the hour)");
  }

  record Range(Instant from, Instant to) {}

  record Comparison(Range current, Range previous, String basis) {}
}
