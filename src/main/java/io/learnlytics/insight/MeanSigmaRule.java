package io.learnlytics.insight;

/**
 * The specification's anomaly rule for the bench's comparison: a day is unusual when it lies more
 * than 2 standard deviations from the mean of the previous {@value #WINDOW} days of the same series
 * ({@code avg_quality > historical_avg + 2 * historical_std} in the spec's insight rules, made
 * two-sided here as for our detector). No weekday seasonality, no floor: with a standard deviation
 * of 0 any difference from the mean is flagged. Days without an observation are skipped.
 */
final class MeanSigmaRule {
  static final int WINDOW = 30;
  static final double SIGMAS = 2;

  private MeanSigmaRule() {}

  /** Whether day {@code i} of {@code values} is flagged (false when not judged). */
  static boolean flags(double[] values, int i) {
    double x = values[i];
    if (Double.isNaN(x)) {
      return false;
    }
    int n = 0;
    double sum = 0;
    double squares = 0;
    for (int j = Math.max(0, i - WINDOW); j < i; j++) {
      if (!Double.isNaN(values[j])) {
        n++;
        sum += values[j];
        squares += values[j] * values[j];
      }
    }
    if (n < 2) {
      return false;
    }
    double mean = sum / n;
    double sd = Math.sqrt(Math.max(0, (squares - n * mean * mean) / (n - 1)));
    return Math.abs(x - mean) > SIGMAS * sd + 1e-9;
  }
}
