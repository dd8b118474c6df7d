package io.learnlytics.insight;

import io.learnlytics.rollup.Rollup;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A daily series the anomaly detector judges, with its MAD floor: the smallest spread that counts
 * as natural day-to-day variation for the metric. With the floor, a day needs a deviation from the
 * baseline median of more than {@code 3.5 * minMad / 0.6745} (about 5.2 floors) to be flagged when
 * the baseline days were (nearly) all equal.
 *
 * <ul>
 *   <li>sessions: 0.5 — 3 or more sessions from the median;
 *   <li>exchanges: 2 — more than 10 exchanges (one or two sessions' worth) from the median;
 *   <li>quality: 0.03 — more than 0.156 of mean composite from the median; a day without quality
 *       scores is not an observation (neither judged nor part of a baseline);
 *   <li>duration: 5 minutes of session time — more than 26 minutes from the median.
 * </ul>
 *
 * Counts and duration are 0 on a day without a rollup row (from the learner's first day on).
 */
public enum AnomalyMetric {
  SESSIONS(0.5, true),
  EXCHANGES(2.0, true),
  QUALITY(0.03, false),
  DURATION(5.0, true);

  /** The ids the anomaly history accepts, in the order the API lists them. */
  public static final List<String> IDS = Arrays.stream(values()).map(AnomalyMetric::id).toList();

  private final double minMad;
  private final boolean count;

  AnomalyMetric(double minMad, boolean count) {
    this.minMad = minMad;
    this.count = count;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The metric of an id from {@link #IDS}. */
  public static AnomalyMetric of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  public double minMad() {
    return minMad;
  }

  /** Whether a day without data is an observation of 0 (counts, duration) or no observation. */
  boolean count() {
    return count;
  }

  /** The value of a daily row; {@code row} is null for a day without data. Null: not observed. */
  @Nullable Double of(@Nullable Rollup row) {
    if (row == null) {
      return count ? 0.0 : null;
    }
    return switch (this) {
      case SESSIONS -> (double) row.activity().sessions();
      case EXCHANGES -> (double) row.activity().exchanges();
      case DURATION -> row.activity().durationMs() / 60_000.0;
      case QUALITY -> row.quality().count() == 0 ? null : row.quality().composite();
    };
  }
}
