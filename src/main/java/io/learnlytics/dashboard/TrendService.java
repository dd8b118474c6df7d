package io.learnlytics.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.learnlytics.rollup.ComparisonWindow;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Period;
import io.learnlytics.rollup.Rollup;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/analytics/trends}: a metric's daily series over the period, its rolling mean, and
 * a least-squares trend with its fit and a 30-day prediction. The series starts at the learner's
 * first data (the first learning day with a daily rollup row) when that is later than the period's
 * start: days before anything was recorded are not zero sessions, and counting them as such would
 * bend the trend upwards.
 */
public final class TrendService {
  static final int PREDICTION_DAYS = 30;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

  private final Rows rows;

  TrendService(Rows rows) {
    this.rows = rows;
  }

  public TrendAnswer trends(Period period, Metric metric, int window) {
    Instant now = rows.clock.instant();
    ComparisonWindow w = ComparisonWindow.of(rows.buckets, period.days(), now.toEpochMilli());
    Map<LocalDate, Rollup> byDay = new HashMap<>();
    rows.currentCounts(w).forEach(r -> byDay.put(rows.buckets.learningDate(r.periodStartUtc()), r));
    LocalDate first = firstDay(w);
    List<LocalDate> days = first.datesUntil(w.today().plusDays(1)).toList();
    List<Double> daily = days.stream().map(d -> metric.of(byDay.get(d))).toList();
    List<String> labels = days.stream().map(DAY::format).toList();
    Chart chart = chart(labels, metric, daily, window);
    Trend trend = trend(metric, Trends.fit(daily, PREDICTION_DAYS));
    Meta meta =
        new Meta(
            period.id(),
            rows.buckets.zone().getId(),
            now,
            false,
            rows.asOf(now),
            null,
            "daily",
            days.isEmpty() ? null : first.toString(),
            days.size(),
            note(w, first, days.size()));
    List<String> dates = days.stream().map(LocalDate::toString).toList();
    return new TrendAnswer(metric.id(), window, chart, dates, trend, meta);
  }

  /**
   * The first day of the series: the period's first day, or the first learning day with data when
   * that is later; the day after today (an empty series) when there is no data up to today.
   */
  private LocalDate firstDay(ComparisonWindow w) {
    Long firstData = rows.rollups.firstStartUtc(Level.DAILY);
    if (firstData == null) {
      return w.today().plusDays(1);
    }
    LocalDate day = rows.buckets.learningDate(firstData);
    return day.isAfter(w.firstDay())
        ? (day.isAfter(w.today()) ? w.today().plusDays(1) : day)
        : w.firstDay();
  }

  /** Why the series is shorter than the period, or null when it covers the whole period. */
  private static @Nullable String note(ComparisonWindow w, LocalDate first, int days) {
    if (days == 0) {
      return "No data yet: the trend starts at the first learning day with activity.";
    }
    if (!first.isAfter(w.firstDay())) {
      return null;
    }
    return "Starts at the first data on "
        + first
        + ": the "
        + ChronoUnit.DAYS.between(w.firstDay(), first)
        + " days of the period before it are left out, not counted as zero.";
  }

  /** The daily values and their rolling mean over {@code window} days. */
  private static Chart chart(List<String> labels, Metric metric, List<Double> daily, int window) {
    List<Double> rolling = Trends.rollingMean(daily, window);
    return new Chart(
        labels,
        List.of(
            new Chart.Dataset("Daily", shown(metric, daily), "#E5E7EB", null, null),
            new Chart.Dataset(
                window + "-day Avg", shown(Metric.QUALITY, rolling), metric.color, null, null)));
  }

  private static Trend trend(Metric metric, Trends.Fit fit) {
    return new Trend(
        fit.direction(),
        OverviewService.round(fit.slope(), 6),
        OverviewService.round(fit.confidence(), 4),
        OverviewService.round(clamp(metric, fit.prediction()), 4),
        fit.points());
  }

  private static List<Number> shown(Metric metric, List<Double> values) {
    return values.stream().map(metric::display).toList();
  }

  /**
   * A prediction cannot leave the metric's range: quality stays in [0, 1], counts at or above 0.
   */
  private static @Nullable Double clamp(Metric metric, @Nullable Double v) {
    if (v == null) {
      return null;
    }
    double low = Math.max(0, v);
    return metric == Metric.QUALITY ? Math.min(1, low) : low;
  }

  public record TrendAnswer(
      String metric, int window, Chart chart, List<String> dates, Trend trend, Meta meta) {}

  /**
   * {@code slope} is per day; {@code confidence} is R² of the least-squares fit; {@code direction}
   * is improving/declining when the fitted line moves by more than 5 % of the mean over the period.
   */
  public record Trend(
      String direction,
      @Nullable Double slope,
      @Nullable Double confidence,
      @JsonProperty("prediction_30d") @Nullable Double prediction30d,
      long points) {}
}
