package io.learnlytics.demo;

import java.util.Random;

/**
 * Answer quality over the period and the feedback it provokes. Quality improves slowly, with a dip
 * when a new tutor model is rolled out (it regresses, then recovers); some topics are harder than
 * others and engagement wanes late in long sessions. Feedback follows quality: good answers get
 * thumbs up and copies, weak ones get corrections and thumbs down.
 */
final class QualityModel {
  static final String[] FEEDBACK_TYPES = {
    "thumbs_up",
    "thumbs_down",
    "copy",
    "share",
    "rating",
    "correction",
    "clarification",
    "follow_up"
  };

  private final double dipStart;
  private final double dipEnd;
  private final double dipDepth;
  private final double[] topicOffset;

  QualityModel(Random rnd, int topics) {
    // The dip sits mid-period so the improving trend shows on both sides of it.
    dipStart = 0.35 + 0.2 * rnd.nextDouble();
    dipEnd = dipStart + 0.05 + 0.06 * rnd.nextDouble();
    dipDepth = 0.1 + 0.06 * rnd.nextDouble();
    topicOffset = new double[topics];
    for (int i = 0; i < topics; i++) {
      topicOffset[i] = 0.12 * (rnd.nextDouble() - 0.5);
    }
  }

  /** The underlying quality of answers about {@code topic} at time {@code t} in [0, 1]. */
  double latent(double t, int topic) {
    double q = 0.6 + 0.2 * t + topicOffset[topic];
    if (t >= dipStart && t < dipEnd) {
      double x = (t - dipStart) / (dipEnd - dipStart);
      q -= dipDepth * (1 - x * x);
    }
    return q;
  }

  /** The tutor model in use at time {@code t}; it changes where quality dips. */
  String model(double t) {
    if (t < dipStart) {
      return "tutor-1";
    }
    return t < dipEnd ? "tutor-2" : "tutor-2.1";
  }

  /**
   * Fills {@code out} with relevance, helpfulness, accuracy, clarity, engagement and composite (the
   * weighted mean of DESIGN.md §4), rounded to three decimals. {@code progress} is how far into its
   * session the exchange is, from 0 to 1.
   */
  void score(double latent, double progress, Random rnd, double[] out) {
    out[0] = unit(latent + 0.05 + 0.06 * rnd.nextGaussian());
    out[1] = unit(latent + 0.07 * rnd.nextGaussian());
    out[2] = unit(latent + 0.04 + 0.08 * rnd.nextGaussian());
    out[3] = unit(latent - 0.02 + 0.07 * rnd.nextGaussian());
    out[4] = unit(latent - 0.03 - 0.1 * progress + 0.09 * rnd.nextGaussian());
    double composite = 0.30 * out[0] + 0.25 * out[1] + 0.10 * out[2] + 0.15 * out[3];
    out[5] = unit(composite + 0.20 * out[4]);
  }

  /** A feedback type, more positive the better the answer ({@code quality} in [0, 1]). */
  String feedbackType(double quality, Random rnd) {
    double q = Math.max(0, Math.min(1, quality));
    double bad = 1 - q;
    double[] weights = {3 * q, 2.2 * bad, 1.5 * q, 0.4 * q, 1.2, 1.5 * bad, bad + 0.3, 1.2};
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = rnd.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return FEEDBACK_TYPES[i];
      }
    }
    return FEEDBACK_TYPES[FEEDBACK_TYPES.length - 1];
  }

  /** A 1–5 star rating that tracks quality, with a person's inconsistency. */
  int rating(double quality, Random rnd) {
    long stars = Math.round(1 + 4 * quality + 0.6 * rnd.nextGaussian());
    return (int) Math.max(1, Math.min(5, stars));
  }

  private static double unit(double v) {
    return Math.round(Math.max(0, Math.min(1, v)) * 1000) / 1000.0;
  }
}
