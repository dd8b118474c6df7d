package io.learnlytics.insight;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A generated daily series with anomalies planted on known days: {@code values[i]} is day {@code
 * start + i} (NaN: no observation), {@code planted[i]} marks a planted day. Days before {@link
 * #WARM_UP} are history only: no anomaly is planted or scored there, so both detectors have a full
 * baseline (8 weeks for ours, 30 days for the mean ± 2σ rule).
 */
record LabelledSeries(BenchShape shape, LocalDate start, double[] values, boolean[] planted) {
  static final LocalDate START = LocalDate.of(2025, 1, 6);
  static final int DAYS = 182;
  static final int WARM_UP = 56;

  /** Planted anomalies a series: at least a week apart, so the same weekday may repeat one. */
  static final int PLANTS = 3;

  /**
   * A series of {@code shape} with {@link #PLANTS} anomalies of {@code size} spreads (0: drops to
   * 0), each on a scored day that had an observation (and, for a drop, a value above 0).
   */
  static LabelledSeries generate(BenchShape shape, double size, Random random) {
    double[] values = new double[DAYS];
    for (int i = 0; i < DAYS; i++) {
      values[i] = shape.value(START.plusDays(i), random);
    }
    boolean[] planted = new boolean[DAYS];
    int placed = 0;
    for (int tries = 0; placed < PLANTS && tries < 1000; tries++) {
      int i = WARM_UP + random.nextInt(DAYS - WARM_UP);
      if (plantable(values, planted, i, size)) {
        values[i] = shape.planted(values[i], size);
        planted[i] = true;
        placed++;
      }
    }
    return new LabelledSeries(shape, START, values, planted);
  }

  private static boolean plantable(double[] values, boolean[] planted, int i, double size) {
    if (Double.isNaN(values[i]) || (size == 0 && values[i] == 0)) {
      return false;
    }
    for (int j = Math.max(0, i - 6); j <= Math.min(DAYS - 1, i + 6); j++) {
      if (planted[j]) {
        return false;
      }
    }
    return true;
  }

  LocalDate day(int i) {
    return start.plusDays(i);
  }

  /** The series as the detector reads it, starting on its first day. */
  DaySeries days() {
    Map<LocalDate, Double> map = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        map.put(day(i), values[i]);
      }
    }
    return new DaySeries(shape.metric, start, map);
  }
}
