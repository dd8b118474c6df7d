package io.learnlytics.dashboard;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.jspecify.annotations.Nullable;

/** Rolling means and least-squares trends of daily series (the spec's TrendCalculator, fixed). */
final class Trends {
  /** A fitted line rising or falling by more than this share of the mean is not "stable". */
  static final double STABLE_BAND = 0.05;

  private Trends() {}

  /**
   * Simple moving average over the last {@code window} points, averaging the non-null values in the
   * window (the first points use the shorter window they have); null where the window is empty.
   */
  static List<Double> rollingMean(List<Double> values, int window) {
    List<Double> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      double sum = 0;
      int n = 0;
      for (int j = Math.max(0, i - window + 1); j <= i; j++) {
        if (values.get(j) != null) {
          sum += values.get(j);
          n++;
        }
      }
      out.add(n == 0 ? null : sum / n);
    }
    return out;
  }

  /** The fitted trend of the series, or a stable, empty fit with fewer than 3 points. */
  static Fit fit(List<Double> values, int horizonDays) {
    SimpleRegression r = new SimpleRegression();
    double sumY = 0;
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) != null) {
        r.addData(i, values.get(i));
        sumY += values.get(i);
      }
    }
    if (r.getN() < 3) {
      return new Fit("stable", null, null, null, r.getN());
    }
    double slope = r.getSlope();
    double mean = sumY / r.getN();
    double span = slope * (values.size() - 1);
    String direction =
        mean == 0 || Math.abs(span / mean) <= STABLE_BAND
            ? "stable"
            : span > 0 ? "improving" : "declining";
    double rSquare = Double.isNaN(r.getRSquare()) ? 0 : r.getRSquare();
    double prediction = r.predict(values.size() - 1 + horizonDays);
    return new Fit(direction, slope, rSquare, prediction, r.getN());
  }

  /**
   * {@code confidence} is the fit's R² (share of the day-to-day variance the line explains), not a
   * constant; {@code prediction} extends the line {@code horizonDays} past the last day.
   */
  record Fit(
      String direction,
      @Nullable Double slope,
      @Nullable Double confidence,
      @Nullable Double prediction,
      long points) {}
}
