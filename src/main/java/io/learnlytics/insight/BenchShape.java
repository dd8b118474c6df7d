package io.learnlytics.insight;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Random;

/**
 * The kinds of learner the anomaly bench generates, each a daily series of one metric with a known
 * spread: the unit of a planted anomaly's size ("+5 spreads" is 5 of them).
 */
enum BenchShape {
  /** Sessions on weekdays, 1 to 3 (2 on average), never on Saturdays and Sundays. */
  WEEKLY_RHYTHM(AnomalyMetric.SESSIONS, 1.0, 1.0),
  /** Exchanges every day, normal around 20 with a standard deviation of 3 (rounded). */
  STEADY_DAILY(AnomalyMetric.EXCHANGES, 3.0, 1.0),
  /** One session on a day with probability 1/4, else none. */
  SPARSE(AnomalyMetric.SESSIONS, 0.5, 1.0),
  /** Mean quality normal around 0.72 with a standard deviation of 0.08, scored on 4 days in 5. */
  NOISY_QUALITY(AnomalyMetric.QUALITY, 0.08, -1.0);

  final AnomalyMetric metric;

  /** About one standard deviation of the day-to-day variation, in the metric's unit. */
  final double spread;

  /** +1: planted anomalies go up; -1: down (quality is near its ceiling of 1). */
  final double away;

  BenchShape(AnomalyMetric metric, double spread, double away) {
    this.metric = metric;
    this.spread = spread;
    this.away = away;
  }

  /** An ordinary value for {@code day}; NaN for a day without an observation (quality only). */
  double value(LocalDate day, Random random) {
    return switch (this) {
      case WEEKLY_RHYTHM -> weekend(day) ? 0 : 1 + random.nextInt(3);
      case STEADY_DAILY -> Math.max(0, Math.round(20 + 3 * random.nextGaussian()));
      case SPARSE -> random.nextInt(4) == 0 ? 1 : 0;
      case NOISY_QUALITY ->
          random.nextInt(5) == 0 ? Double.NaN : clip(0.72 + 0.08 * random.nextGaussian());
    };
  }

  /** The value {@code size} spreads away from {@code base} (size 0: a drop to 0). */
  double planted(double base, double size) {
    if (size == 0) {
      return 0;
    }
    double v = base + away * size * spread;
    return metric == AnomalyMetric.QUALITY ? clip(v) : Math.max(0, Math.round(v));
  }

  private static boolean weekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static double clip(double v) {
    return Math.min(1, Math.max(0, v));
  }
}
