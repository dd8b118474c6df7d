package io.learnlytics.insight;

import java.util.List;

/**
 * Median and median absolute deviation (MAD) of a small sample, and the robust z-score of a value
 * against them (Iglewicz and Hoaglin's modified z-score): {@code z = 0.6745 * (x - median) / MAD}.
 * 0.6745 makes the MAD comparable to a standard deviation for normal data; median and MAD ignore
 * the odd extreme day that would inflate a mean and standard deviation.
 *
 * <p>When most observations are equal the MAD is 0 (or tiny) and any deviation would score an
 * infinite z. The MAD is therefore floored at {@code minMad}, the smallest deviation that counts as
 * natural variation for the metric; the evidence reports both the MAD and the floor.
 */
record RobustBaseline(double median, double mad, double minMad, int size) {
  static final double CONSISTENCY = 0.6745;

  static RobustBaseline of(List<Double> sample, double minMad) {
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("an empty sample has no baseline");
    }
    double median = median(sample);
    double mad = median(sample.stream().map(x -> Math.abs(x - median)).toList());
    return new RobustBaseline(median, mad, minMad, sample.size());
  }

  /** The MAD used for scoring: the sample's, or the floor when that is larger. */
  double scale() {
    return Math.max(mad, minMad);
  }

  double z(double x) {
    return CONSISTENCY * (x - median) / scale();
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
