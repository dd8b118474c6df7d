package io.learnlytics.rollup;

import org.jspecify.annotations.Nullable;

/**
 * The weights of the quality dimensions in a composite score (DESIGN.md §4): used for a score whose
 * client sent no composite, renormalised over the dimensions it did send.
 */
public final class QualityWeights {
  public static final double RELEVANCE = 0.30;
  public static final double HELPFULNESS = 0.25;
  public static final double ENGAGEMENT = 0.20;
  public static final double CLARITY = 0.15;
  public static final double ACCURACY = 0.10;

  private QualityWeights() {}

  /** Weighted mean of the dimensions present (non-null), weights renormalised; null if none. */
  public static @Nullable Double composite(
      @Nullable Double relevance,
      @Nullable Double helpfulness,
      @Nullable Double accuracy,
      @Nullable Double clarity,
      @Nullable Double engagement) {
    double[] acc = new double[2]; // weighted sum, sum of weights
    add(acc, RELEVANCE, relevance);
    add(acc, HELPFULNESS, helpfulness);
    add(acc, ACCURACY, accuracy);
    add(acc, CLARITY, clarity);
    add(acc, ENGAGEMENT, engagement);
    return acc[1] == 0 ? null : acc[0] / acc[1];
  }

  private static void add(double[] acc, double weight, @Nullable Double value) {
    if (value != null) {
      acc[0] += weight * value;
      acc[1] += weight;
    }
  }
}
