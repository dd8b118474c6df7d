package io.learnlytics.export.source;

import io.learnlytics.rollup.Buckets;
import java.time.LocalDate;

/**
 * The learning date of instants that mostly come in time order: remembers the last day's bounds, so
 * the zone rules are consulted once per day rather than once per row. Not thread-safe.
 */
public final class LearningDays {
  private final Buckets buckets;
  private long from = 1;
  private long to = 0;

  @SuppressWarnings("NullAway.Init") // set by the first of(): from > to forces it
  private String date;

  public LearningDays(Buckets buckets) {
    this.buckets = buckets;
  }

  /** The ISO learning date of {@code epochMs}, e.g. {@code 2025-11-18}. */
  public String of(long epochMs) {
    if (epochMs < from || epochMs >= to) {
      LocalDate d = buckets.learningDate(epochMs);
      from = buckets.dayStart(d);
      to = buckets.dayStart(d.plusDays(1));
      date = d.toString();
    }
    return date;
  }
}
