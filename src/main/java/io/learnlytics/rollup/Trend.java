package io.learnlytics.rollup;

import org.jspecify.annotations.Nullable;

/**
 * Change of a bucket against the previous bucket of the same level, as relative changes (0.12 means
 * +12 %, DESIGN.md §6 item 8): quality is the mean composite, volume the exchange count. The
 * direction follows quality when both buckets have quality scores, else volume; a change within ±5
 * % is {@code stable}.
 */
public record Trend(
    @Nullable Double qualityChange, @Nullable Double volumeChange, @Nullable String direction) {
  static final double STABLE_BAND = 0.05;
  static final Trend NONE = new Trend(null, null, null);

  static Trend between(@Nullable Rollup previous, Rollup current) {
    if (previous == null) {
      return NONE;
    }
    Double quality = relative(previous.quality().composite(), current.quality().composite());
    Double volume =
        relative((double) previous.activity().exchanges(), (double) current.activity().exchanges());
    Double basis = quality != null ? quality : volume;
    return new Trend(quality, volume, basis == null ? null : direction(basis));
  }

  private static @Nullable Double relative(@Nullable Double before, @Nullable Double after) {
    if (before == null || after == null || before == 0) {
      return null;
    }
    return (after - before) / before;
  }

  private static String direction(double change) {
    if (change > STABLE_BAND) {
      return "improving";
    }
    return change < -STABLE_BAND ? "declining" : "stable";
  }
}
