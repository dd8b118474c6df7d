package io.learnlytics.dashboard;

import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupTotals;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A series the progress and trends charts can draw from rollup rows. Counts are zero for a bucket
 * without data; means are null there (nothing was measured), so charts show a gap, not a zero.
 */
public enum Metric {
  SESSIONS(
      "Sessions", "#4F46E5", true, r -> (double) r.activity().sessions(), t -> (double) t.sessions),
  QUALITY("Answer quality", "#10B981", false, r -> r.quality().composite(), RollupTotals::quality),
  EXCHANGES(
      "Exchanges",
      "#F59E0B",
      true,
      r -> (double) r.activity().exchanges(),
      t -> (double) t.exchanges),
  DURATION(
      "Duration (min)",
      "#EC4899",
      true,
      r -> r.activity().durationMs() / 60_000.0,
      t -> t.durationMs / 60_000.0),
  FEEDBACK(
      "Feedback", "#06B6D4", true, r -> (double) r.feedback().count(), t -> (double) t.feedback),
  ENGAGEMENT(
      "Exchanges per session",
      "#8B5CF6",
      false,
      r -> r.activity().exchangesPerSession(),
      RollupTotals::engagement);

  /** The series the progress chart offers, in the order the API lists them. */
  public static final List<String> PROGRESS_IDS =
      ids(SESSIONS, QUALITY, EXCHANGES, DURATION, FEEDBACK);

  /** The series the trends chart offers, in the order the API lists them. */
  public static final List<String> TREND_IDS =
      ids(QUALITY, SESSIONS, EXCHANGES, ENGAGEMENT, DURATION);

  final String label;
  final String color;
  final boolean count;
  private final Function<Rollup, Double> value;
  private final Function<RollupTotals, Double> total;

  Metric(
      String label,
      String color,
      boolean count,
      Function<Rollup, Double> value,
      Function<RollupTotals, Double> total) {
    this.label = label;
    this.color = color;
    this.count = count;
    this.value = value;
    this.total = total;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The metric of an id from {@link #PROGRESS_IDS} or {@link #TREND_IDS}. */
  public static Metric of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  private static List<String> ids(Metric... metrics) {
    return Arrays.stream(metrics).map(Metric::id).toList();
  }

  /** What a client needs to offer and draw this series: its id, label, colour and unit. */
  public Description describe() {
    String unit =
        switch (this) {
          case QUALITY -> "fraction";
          case DURATION -> "minutes";
          case ENGAGEMENT -> "ratio";
          case SESSIONS, EXCHANGES, FEEDBACK -> "count";
        };
    return new Description(id(), label, color, unit);
  }

  /** {@code unit}: count, fraction (0 to 1), minutes or ratio. */
  public record Description(String id, String label, String color, String unit) {}

  /** A value as charts show it: counts as whole numbers, other values to 4 decimals. */
  @Nullable Number display(Double v) {
    if (v == null) {
      return null;
    }
    if (this == SESSIONS || this == EXCHANGES || this == FEEDBACK) {
      return Math.round(v);
    }
    return Math.round(v * 10_000) / 10_000.0;
  }

  /** The value of a bucket; {@code row} is null for a bucket without data. */
  @Nullable Double of(@Nullable Rollup row) {
    if (row == null) {
      return count ? 0.0 : null;
    }
    return value.apply(row);
  }

  /** The value over several buckets' totals (exact: counts and weighted means). */
  Double of(RollupTotals totals) {
    Double v = total.apply(totals);
    return v == null && count ? Double.valueOf(0) : v;
  }
}
