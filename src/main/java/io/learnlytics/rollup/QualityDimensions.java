package io.learnlytics.rollup;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Count and sum of each quality dimension over a span: the mean of a dimension is over the scores
 * that carry it (a score may leave any dimension out), so it needs its own count.
 */
public record QualityDimensions(List<Dimension> dimensions) {
  /** The dimensions in the order of the ingest contract. */
  public static final List<String> NAMES =
      List.of("relevance", "helpfulness", "accuracy", "clarity", "engagement");

  public QualityDimensions {
    dimensions = List.copyOf(dimensions);
  }

  public record Dimension(String name, long count, double sum) {
    /** The mean over the scores carrying this dimension, or null when none did. */
    public @Nullable Double mean() {
      return count == 0 ? null : sum / count;
    }
  }

  static QualityDimensions of(long[] counts, double[] sums) {
    Dimension[] out = new Dimension[NAMES.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Dimension(NAMES.get(i), counts[i], sums[i]);
    }
    return new QualityDimensions(List.of(out));
  }
}
