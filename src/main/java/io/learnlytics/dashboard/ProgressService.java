package io.learnlytics.dashboard;

import io.learnlytics.rollup.ComparisonWindow;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Period;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/analytics/progress}: one Chart.js line per metric over the period's buckets,
 * every bucket present. Daily buckets are the period's learning days. Weekly and monthly buckets
 * are the weeks and months that overlap the period, cut to it: a week or month wholly inside is
 * read from its own rollup, the first and last (usually partial) ones are the merge of their days
 * inside the period. So the buckets add up to exactly the period's totals, the same as the
 * overview's and the export's for the same period.
 */
public final class ProgressService {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

  private final Rows rows;

  ProgressService(Rows rows) {
    this.rows = rows;
  }

  /** Granularity chosen when the client names none: daily up to 30 days, weekly beyond. */
  public static Level autoGranularity(Period period) {
    return period.days() <= 30 ? Level.DAILY : Level.WEEKLY;
  }

  public Progress progress(Period period, List<Metric> metrics, Level granularity) {
    Instant now = rows.clock.instant();
    ComparisonWindow w = ComparisonWindow.of(rows.buckets, period.days(), now.toEpochMilli());
    List<Rollup> days = rows.currentCounts(w);
    List<RollupTotals> buckets = buckets(w, granularity, days);
    List<LocalDate> dates = bucketDates(w, granularity);
    DateTimeFormatter format = granularity == Level.MONTHLY ? MONTH : DAY;
    RollupTotals totals = RollupTotals.of(days);
    List<Chart.Dataset> datasets = new ArrayList<>();
    Map<String, Statistics> statistics = new LinkedHashMap<>();
    for (Metric m : metrics) {
      List<Double> data =
          buckets.stream().map(t -> t == null ? m.of((Rollup) null) : m.of(t)).toList();
      List<Number> shown = data.stream().map(m::display).toList();
      datasets.add(new Chart.Dataset(m.label, shown, m.color, null, "y-" + m.id()));
      statistics.put(m.id(), Statistics.of(m, data, totals));
    }
    Meta meta = meta(period, now, granularity);
    Chart chart = new Chart(dates.stream().map(format::format).toList(), datasets);
    return new Progress(chart, dates.stream().map(LocalDate::toString).toList(), statistics, meta);
  }

  private Meta meta(Period period, Instant now, Level granularity) {
    return rows.meta(period.id(), now, null, granularity.id());
  }

  /** The learning date each bucket is labelled with: its first day inside the period. */
  private List<LocalDate> bucketDates(ComparisonWindow w, Level level) {
    return bucketStarts(w, level).stream()
        .map(s -> rows.buckets.learningDate(Math.max(s, w.currentFromUtc())))
        .toList();
  }

  /**
   * The totals of each bucket within the period (null where it has no data): a whole bucket from
   * its own rollup, a bucket cut by the period's edges from its days inside the period.
   */
  private List<RollupTotals> buckets(ComparisonWindow w, Level level, List<Rollup> days) {
    long from = w.currentFromUtc();
    long to = rows.buckets.dayStart(w.today().plusDays(1));
    List<Long> starts = bucketStarts(w, level);
    Map<Long, Rollup> whole = level == Level.DAILY ? byStart(days) : wholeBuckets(level, starts);
    List<RollupTotals> out = new ArrayList<>();
    for (long s : starts) {
      long e = rows.buckets.end(level, s);
      List<Rollup> parts;
      if (s >= from && e <= to) {
        parts = whole.containsKey(s) ? List.of(whole.get(s)) : List.of();
      } else {
        parts = daysIn(days, Math.max(s, from), Math.min(e, to));
      }
      out.add(parts.isEmpty() ? null : RollupTotals.of(parts));
    }
    return out;
  }

  /** The stored rows of the buckets starting at {@code starts}, by start. */
  private Map<Long, Rollup> wholeBuckets(Level level, List<Long> starts) {
    long end = rows.buckets.end(level, starts.get(starts.size() - 1));
    return byStart(rows.levelCounts(level, starts.get(0), end));
  }

  private static Map<Long, Rollup> byStart(List<Rollup> rollups) {
    Map<Long, Rollup> out = new LinkedHashMap<>();
    rollups.forEach(r -> out.put(r.periodStartUtc(), r));
    return out;
  }

  private static List<Rollup> daysIn(List<Rollup> days, long from, long to) {
    return days.stream()
        .filter(r -> r.periodStartUtc() >= from && r.periodStartUtc() < to)
        .toList();
  }

  private List<Long> bucketStarts(ComparisonWindow w, Level level) {
    List<Long> out = new ArrayList<>();
    long end = rows.buckets.dayStart(w.today().plusDays(1));
    for (long s = rows.buckets.start(level, w.currentFromUtc()); s < end; ) {
      out.add(s);
      s = rows.buckets.end(level, s);
    }
    return out;
  }

  /** The spec's shape plus {@code dates}: the ISO local date each label stands for. */
  public record Progress(
      Chart chart, List<String> dates, Map<String, Statistics> statistics, Meta meta) {}

  /**
   * Per-metric statistics over the buckets: total (counts only), mean per bucket, max, min, and the
   * fitted trend. Quality's {@code avg} is weighted by score count over the period, not a mean of
   * bucket means.
   */
  public record Statistics(
      @Nullable Double total,
      @Nullable Double avg,
      @Nullable Double max,
      @Nullable Double min,
      String trend) {
    static Statistics of(Metric m, List<Double> data, RollupTotals period) {
      DoubleSummaryStatistics s =
          data.stream()
              .filter(Objects::nonNull)
              .mapToDouble(Double::doubleValue)
              .summaryStatistics();
      if (s.getCount() == 0) {
        return new Statistics(m.count ? 0.0 : null, null, null, null, "flat");
      }
      Double avg = s.getAverage();
      if (m == Metric.QUALITY) {
        avg = period.quality();
      }
      // Rounded as the chart shows values: no 0.8250000000000001 reaches a client.
      return new Statistics(
          m.count ? OverviewService.round(s.getSum(), 4) : null,
          OverviewService.round(avg, 4),
          OverviewService.round(s.getMax(), 4),
          OverviewService.round(s.getMin(), 4),
          direction(data));
    }

    /** The fitted trend as the chart names it: up, down or flat. */
    private static String direction(List<Double> data) {
      return switch (Trends.fit(data, 0).direction()) {
        case "improving" -> "up";
        case "declining" -> "down";
        default -> "flat";
      };
    }
  }
}
