package io.learnlytics.rollup;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Finds the hour bucket of an instant, remembering the last one: raw rows are read in time order,
 * so nearly every lookup is a range check instead of time-zone arithmetic. Within one hour bucket
 * the local hour of day and the learning date are constant, so they are computed once per bucket.
 */
final class HourCursor {
  private final Buckets buckets;
  private long start = Long.MAX_VALUE;
  private long end = Long.MIN_VALUE;
  private int localHour;
  private int weekdayIndex;

  @SuppressWarnings("NullAway.Init") // set by the first seek(): start > end forces it
  private LocalDate learningDate;

  HourCursor(Buckets buckets) {
    this.buckets = buckets;
  }

  /** Moves to the hour bucket holding {@code epochMs}; returns its start. */
  long seek(long epochMs) {
    if (epochMs < start || epochMs >= end) {
      start = buckets.start(Level.HOURLY, epochMs);
      end = buckets.end(Level.HOURLY, start);
      localHour = Instant.ofEpochMilli(start).atZone(buckets.zoneAt(start)).getHour();
      learningDate = buckets.learningDate(start);
      weekdayIndex = learningDate.getDayOfWeek().getValue() - 1;
    }
    return start;
  }

  int localHour() {
    return localHour;
  }

  int weekdayIndex() {
    return weekdayIndex;
  }

  LocalDate learningDate() {
    return learningDate;
  }
}
