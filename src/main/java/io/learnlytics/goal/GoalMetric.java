package io.learnlytics.goal;

import io.learnlytics.rollup.RollupTotals;
import io.learnlytics.rollup.TopicQuality;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a goal can measure over its period. Monotone metrics only grow during a period, so a "reach
 * at least" goal on them is complete the moment it is reached; the others (means, rates) are judged
 * when the period ends.
 */
public enum GoalMetric {
  SESSION_COUNT(true, true),
  SESSIONS_TODAY(true, true),
  TOTAL_SESSIONS(true, true),
  EXCHANGE_COUNT(true, true),
  TOTAL_EXCHANGES(true, true),
  AVG_QUALITY_COMPOSITE(false, true),
  TOTAL_DURATION_MINUTES(true, false),
  UNIQUE_TOPICS(true, false),
  FEEDBACK_COUNT(true, false),
  POSITIVE_FEEDBACK_RATE(false, false),
  CORRECTION_COUNT(true, false),
  STREAK_DAYS(false, false);

  final boolean monotone;
  final boolean topicFilter;

  GoalMetric(boolean monotone, boolean topicFilter) {
    this.monotone = monotone;
    this.topicFilter = topicFilter;
  }

  /** Means and rates are fractions from 0 to 1 (0.8 is 80 %); everything else counts up. */
  boolean isFraction() {
    return this == AVG_QUALITY_COMPOSITE || this == POSITIVE_FEEDBACK_RATE;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** How a value reads: a fraction from 0 to 1, minutes, or a count. */
  String unit() {
    if (isFraction()) {
      return "fraction";
    }
    return this == TOTAL_DURATION_MINUTES ? "minutes" : "count";
  }

  static List<String> ids() {
    return Arrays.stream(values()).map(GoalMetric::id).toList();
  }

  static List<String> topicFilterIds() {
    return Arrays.stream(values()).filter(m -> m.topicFilter).map(GoalMetric::id).toList();
  }

  static GoalMetric of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }

  /** The value over the period's rollup totals, restricted to {@code topic} when not null. */
  double value(RollupTotals t, @Nullable String topic, int streakDays) {
    if (topic != null) {
      return switch (this) {
        case SESSION_COUNT, SESSIONS_TODAY, TOTAL_SESSIONS ->
            t.topicSessions().getOrDefault(topic, 0L);
        case EXCHANGE_COUNT, TOTAL_EXCHANGES -> t.topics().getOrDefault(topic, 0L);
        default -> orZero(t.topicQuality().getOrDefault(topic, new TopicQuality(0, 0)).mean());
      };
    }
    return switch (this) {
      case SESSION_COUNT, SESSIONS_TODAY, TOTAL_SESSIONS -> t.sessions;
      case EXCHANGE_COUNT, TOTAL_EXCHANGES -> t.exchanges;
      case AVG_QUALITY_COMPOSITE -> orZero(t.quality());
      case TOTAL_DURATION_MINUTES -> t.durationMs / 60_000.0;
      case UNIQUE_TOPICS -> t.topics().size();
      case FEEDBACK_COUNT -> t.feedback;
      case POSITIVE_FEEDBACK_RATE -> t.feedback == 0 ? 0 : (double) t.positive / t.feedback;
      case CORRECTION_COUNT -> t.corrections;
      case STREAK_DAYS -> streakDays;
    };
  }

  private static double orZero(@Nullable Double v) {
    return v == null ? 0 : v;
  }
}
