package io.learnlytics.insight;

import io.learnlytics.rollup.Rollup;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One metric's values by learning date, from the learner's first data day on: what the anomaly
 * detector reads. Before {@code firstDay} there is no observation (a baseline never reaches back
 * before the learner started); after it a day missing from {@code values} is 0 for a count metric
 * and unobserved otherwise.
 */
record DaySeries(AnomalyMetric metric, LocalDate firstDay, Map<LocalDate, Double> values) {

  /** The series of {@code metric} in daily rollup rows keyed by learning date. */
  static DaySeries of(AnomalyMetric metric, LocalDate firstDay, Map<LocalDate, Rollup> rows) {
    Map<LocalDate, Double> values = new HashMap<>();
    rows.forEach(
        (day, row) -> {
          Double v = metric.of(row);
          if (v != null) {
            values.put(day, v);
          }
        });
    return new DaySeries(metric, firstDay, values);
  }

  /** The observation on {@code day}, or null when there is none. */
  @Nullable Double at(LocalDate day) {
    if (day.isBefore(firstDay)) {
      return null;
    }
    Double v = values.get(day);
    return v == null && metric.count() ? Double.valueOf(0) : v;
  }
}
