package io.learnlytics.dashboard;

import io.learnlytics.rollup.Level;
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

/**
 * {@code GET /api/analytics/progress}: one Chart.js line per metric over the period's buckets,
 * every bucket present. Daily buckets are the period's learning days; weekly and monthly buckets
 * are the whole weeks and months that overlap the period, read from their own rollups.
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
    Window w = Window.of(rows.buckets, period.days(), now.toEpochMilli());
    List<Long> starts = bucketStarts(w, granularity);
    Map<Long, Rollup> byStart = new LinkedHashMap<>();
    long to = rows.buckets.end(granularity, starts.get(starts.size() - 1));
    rows.level(granularity, starts.get(0), to).forEach(r -> byStart.put(r.periodStartUtc(), r));
    List<String> labels = new ArrayList<>();
    List<String> dates = new ArrayList<>();
    for (long s : starts) {
      LocalDate d = rows.buckets.learningDate(s);
      labels.add(granularity == Level.MONTHLY ? MONTH.format(d) : DAY.format(d));
      dates.add(d.toString());
    }
    List<Chart.Dataset> datasets = new ArrayList<>();
    Map<String, Statistics> statistics = new LinkedHashMap<>();
    for (Metric m : metrics) {
      List<Double> data = starts.stream().map(s -> m.of(byStart.get(s))).toList();
      List<Number> shown = data.stream().map(m::display).toList();
      datasets.add(new Chart.Dataset(m.label, shown, m.color, null, "y-" + m.id()));
      statistics.put(m.id(), Statistics.of(m, data, byStart.values()));
    }
    Meta meta =
        new Meta(
            period.id(),
            rows.buckets.zone().getId(),
            now,
            false,
            rows.asOf(now),
            null,
            granularity.id());
    return new Progress(new Chart(labels, datasets), dates, statistics, meta);
  }

  private List<Long> bucketStarts(Window w, Level level) {
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
  public record Statistics(Double total, Double avg, Double max, Double min, String trend) {
    static Statistics of(Metric m, List<Double> data, Iterable<Rollup> rows) {
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
        RollupTotals t = new RollupTotals();
        rows.forEach(t::add);
        avg = t.quality();
      }
      String trend =
          switch (Trends.fit(data, 0).direction()) {
            case "improving" -> "up";
            case "declining" -> "down";
            default -> "flat";
          };
      return new Statistics(
          m.count ? s.getSum() : null,
          OverviewService.round(avg, 4),
          s.getMax(),
          s.getMin(),
          trend);
    }
  }
}
