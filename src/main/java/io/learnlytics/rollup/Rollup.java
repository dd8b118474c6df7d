package io.learnlytics.rollup;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One rollup row: the specification's {@code AggregatedMetrics} for one bucket (DESIGN.md §5),
 * grouped so a reader names the part it needs: {@code row.quality().composite()}. Durations are in
 * milliseconds; means are null when nothing was measured in the bucket. The trend (change against
 * the previous bucket of the same level) is set for daily and coarser levels, and has only null
 * fields for hourly rows.
 */
public record Rollup(
    Level level,
    long periodStartUtc,
    long periodEndUtc,
    String localStart,
    Activity activity,
    Quality quality,
    Feedback feedback,
    Topics topics,
    Trend trend) {

  /** This row with its trend replaced. */
  Rollup withTrend(Trend t) {
    return new Rollup(
        level, periodStartUtc, periodEndUtc, localStart, activity, quality, feedback, topics, t);
  }

  /**
   * Sessions (counted in the bucket of their start) and exchanges. {@code peakHour} is set for
   * daily and coarser levels, {@code dayDistribution} (exchanges per weekday) for weekly and
   * monthly.
   */
  public record Activity(
      long sessions,
      long exchanges,
      long durationMs,
      @Nullable Double avgSessionDurationMs,
      @Nullable Double medianSessionDurationMs,
      @Nullable Double exchangesPerSession,
      @Nullable Integer peakHour,
      @Nullable Map<String, Long> dayDistribution) {}

  /** Quality scores: their count, mean composite and dimensions, and the composite's spread. */
  public record Quality(
      long count,
      @Nullable Double composite,
      @Nullable Double relevance,
      @Nullable Double helpfulness,
      @Nullable Double accuracy,
      @Nullable Double clarity,
      @Nullable Double engagement,
      @Nullable Double stdDev) {}

  /** Feedback events by polarity ({@link FeedbackKind}), corrections and clarifications. */
  public record Feedback(
      long count,
      long positive,
      long negative,
      @Nullable Double positiveRate,
      long corrections,
      long clarifications) {}

  /**
   * Topics of the bucket's exchanges: how many, the most mentioned, and per topic the exchanges,
   * sessions and quality scores that mention it.
   */
  public record Topics(
      int unique,
      List<String> top,
      Map<String, Long> distribution,
      Map<String, Long> sessions,
      Map<String, TopicQuality> quality) {}
}
