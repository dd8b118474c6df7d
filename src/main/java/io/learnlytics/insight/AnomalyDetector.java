package io.learnlytics.insight;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one anomaly detector: judges a day of a {@link DaySeries} against the same weekday of the
 * previous {@value #WEEKS} weeks. Both the anomaly insights about yesterday ({@link AnomalyRule})
 * and the anomaly history ({@link AnomalyHistory}) call {@link #judge}, so they cannot disagree.
 *
 * <p><b>Method.</b> Over the observed same-weekday days (none before the learner's first day) the
 * baseline is the median and the median absolute deviation (MAD, floored at the metric's {@link
 * AnomalyMetric#minMad()}); the day's robust z-score is {@code 0.6745 * (x - median) / MAD}. A day
 * is flagged by rule {@value #RULE_Z} when {@code |z| > 3.5} (Iglewicz and Hoaglin). For sessions a
 * second rule, {@value #RULE_NO_SESSIONS}, flags a day without sessions when the baseline median is
 * at least 1 and at most one of the baseline days had none: skipping a day one always studies is
 * news even when the floored MAD keeps |z| small. A day is judged only when it has an observation
 * and its baseline has at least {@value #MIN_OBSERVATIONS} observed days.
 */
final class AnomalyDetector {
  static final int WEEKS = 8;
  static final int MIN_OBSERVATIONS = 4;
  static final double Z_THRESHOLD = 3.5;
  static final String RULE_Z = "robust_z";
  static final String RULE_NO_SESSIONS = "rare_day_without_sessions";
  static final String METHOD =
      "robust z = 0.6745 * (x - median) / MAD over the same weekday of the previous 8 weeks;"
          + " anomaly when |z| > 3.5; MAD floored at min_mad";

  private AnomalyDetector() {}

  /**
   * The judgement of {@code day}, or null when the day is not judged: no observation on it, or
   * fewer than {@value #MIN_OBSERVATIONS} observations among its baseline days.
   */
  static @Nullable Judgement judge(DaySeries series, LocalDate day) {
    Double x = series.at(day);
    if (x == null) {
      return null;
    }
    List<LocalDate> days = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int k = 1; k <= WEEKS; k++) {
      LocalDate d = day.minusWeeks(k);
      Double v = series.at(d);
      if (v != null) {
        days.add(d);
        values.add(v);
      }
    }
    if (values.size() < MIN_OBSERVATIONS) {
      return null;
    }
    RobustBaseline b = RobustBaseline.of(values, series.metric().minMad());
    double z = b.z(x);
    long zeros = values.stream().filter(v -> v == 0).count();
    String rule = rule(series.metric(), x, b, z, zeros);
    return new Judgement(series.metric(), day, x, b, z, days, values, zeros, rule);
  }

  private static @Nullable String rule(
      AnomalyMetric metric, double x, RobustBaseline b, double z, long zeros) {
    if (Math.abs(z) > Z_THRESHOLD) {
      return RULE_Z;
    }
    if (metric == AnomalyMetric.SESSIONS && x == 0 && b.median() >= 1 && zeros <= 1) {
      return RULE_NO_SESSIONS;
    }
    return null;
  }

  /**
   * A judged day: its value, baseline and score, and the rule that flagged it (null: not flagged).
   */
  record Judgement(
      AnomalyMetric metric,
      LocalDate date,
      double value,
      RobustBaseline baseline,
      double z,
      List<LocalDate> baselineDays,
      List<Double> baselineValues,
      long zeros,
      @Nullable String rule) {

    boolean flagged() {
      return rule != null;
    }

    /** Above the baseline median ("high") or below it ("low"). */
    String direction() {
      return value > baseline.median() ? "high" : "low";
    }

    /** The evidence the insight stores and the history lists: the same map for both. */
    Map<String, Object> evidence() {
      Map<String, Object> e =
          Candidate.evidence(
              "metric",
              metric.id(),
              "date",
              date.toString(),
              "value",
              value,
              "baseline_median",
              baseline.median(),
              "baseline_mad",
              baseline.mad(),
              "min_mad",
              baseline.minMad(),
              "robust_z",
              z,
              "direction",
              direction(),
              "threshold",
              Z_THRESHOLD,
              "baseline_days",
              baselineDays.stream().map(LocalDate::toString).toList(),
              "baseline_values",
              baselineValues.stream().map(v -> Math.round(v * 10_000) / 10_000.0).toList(),
              "rule",
              rule,
              "min_observations",
              MIN_OBSERVATIONS,
              "method",
              METHOD);
      if (metric == AnomalyMetric.SESSIONS) {
        e.put("baseline_days_without_sessions", zeros);
      }
      return e;
    }
  }
}
