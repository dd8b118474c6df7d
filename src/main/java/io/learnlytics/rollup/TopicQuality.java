package io.learnlytics.rollup;

import org.jspecify.annotations.Nullable;

/**
 * Count and sum of the composite quality of scores whose exchange mentions a topic: mergeable, so
 * the mean quality of a topic over any set of buckets is exact.
 */
public record TopicQuality(long count, double sum) {
  public TopicQuality plus(TopicQuality other) {
    return new TopicQuality(count + other.count, sum + other.sum);
  }

  /** Mean composite quality, or null with no scores. */
  public @Nullable Double mean() {
    return count == 0 ? null : sum / count;
  }
}
