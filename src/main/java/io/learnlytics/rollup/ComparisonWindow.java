package io.learnlytics.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A period of {@code days} learning days ending today, and the previous period of equal elapsed
 * time: if today is 14 hours old, the previous period ends 14 hours into its last day — to the end
 * of that hour, since its partial last day is read from hourly rollups, and the reported range says
 * so. The one definition of "compared with the previous period" for the dashboard and insights.
 */
public record ComparisonWindow(
    int days,
    LocalDate firstDay,
    LocalDate today,
    long currentFromUtc,
    long currentEndUtc,
    long nowUtc,
    LocalDate previousFirstDay,
    LocalDate previousLastDay,
    long previousFromUtc,
    long previousLastDayStartUtc,
    long previousCutoffUtc) {

  public static ComparisonWindow of(Buckets buckets, int days, long nowUtc) {
    LocalDate today = buckets.learningDate(nowUtc);
    LocalDate first = today.minusDays(days - 1L);
    long elapsed = nowUtc - buckets.dayStart(today);
    LocalDate previousLast = first.minusDays(1);
    LocalDate previousFirst = previousLast.minusDays(days - 1L);
    long previousLastStart = buckets.dayStart(previousLast);
    return new ComparisonWindow(
        days,
        first,
        today,
        buckets.dayStart(first),
        buckets.dayStart(today.plusDays(1)),
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

  /** The current period's daily rows. */
  public List<Rollup> currentRows(RollupEngine rollups) {
    return rollups.list(Level.DAILY, currentFromUtc, dayAfterTodayUtc());
  }

  /** The previous period's rows: whole days, then the hours of its last day before the cutoff. */
  public List<Rollup> previousRows(RollupEngine rollups) {
    List<Rollup> rows =
        new ArrayList<>(rollups.list(Level.DAILY, previousFromUtc, previousLastDayStartUtc));
    rows.addAll(rollups.list(Level.HOURLY, previousLastDayStartUtc, previousCutoffUtc));
    return rows;
  }

  /** The end of the current period: the start of tomorrow's learning day. */
  public long dayAfterTodayUtc() {
    return currentEndUtc;
  }

  /** The comparison as the API reports it. */
  public Comparison comparison() {
    return new Comparison(
        new Range(Instant.ofEpochMilli(currentFromUtc), Instant.ofEpochMilli(nowUtc)),
        new Range(Instant.ofEpochMilli(previousFromUtc), Instant.ofEpochMilli(previousCutoffUtc)),
        "equal elapsed time: the previous "
            + days
            + " days, cut at the same time of day as now (to the hour)");
  }

  public record Range(Instant from, Instant to) {}

  public record Comparison(Range current, Range previous, String basis) {}
}
