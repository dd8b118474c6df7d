package io.learnlytics.rollup;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns a bucket's {@link Partial} into its {@link Rollup} metrics (trend fields left empty). */
final class RollupCalculator {
  static final int TOP_TOPICS = 5;

  private RollupCalculator() {}

  /**
   * The row of a bucket, its topic maps named from {@code names}; with {@code names} null, the
   * topic maps are left empty (for rows that are never stored).
   */
  static Rollup compute(
      Level level, long start, long end, String localStart, Partial p, @Nullable TopicNames names) {
    TopicTally.TopicColumns topics = names == null ? p.topics.countOnly() : p.topics.render(names);
    return new Rollup(
        level,
        start,
        end,
        localStart,
        activity(level, p),
        quality(p),
        feedback(p),
        topics(topics),
        Trend.NONE);
  }

  private static Rollup.Activity activity(Level level, Partial p) {
    return new Rollup.Activity(
        p.sessions,
        p.exchanges,
        p.sessionDurationMs,
        ratio(p.sessionDurationMs, p.sessions),
        median(p.sessionDurations),
        ratio(p.sessionExchanges, p.sessions),
        level == Level.HOURLY ? null : peakHour(p.exchangesByHour),
        level == Level.WEEKLY || level == Level.MONTHLY ? weekdays(p.exchangesByWeekday) : null);
  }

  private static Rollup.Quality quality(Partial p) {
    boolean none = p.qualityCount == 0;
    return new Rollup.Quality(
        p.qualityCount,
        none ? null : p.compositeMean,
        p.relevance.mean(),
        p.helpfulness.mean(),
        p.accuracy.mean(),
        p.clarity.mean(),
        p.engagement.mean(),
        none ? null : Math.sqrt(Math.max(0, p.compositeM2 / p.qualityCount)));
  }

  private static Rollup.Feedback feedback(Partial p) {
    return new Rollup.Feedback(
        p.feedback,
        p.positive,
        p.negative,
        ratio(p.positive, p.feedback),
        p.corrections,
        p.clarifications);
  }

  private static Rollup.Topics topics(TopicTally.TopicColumns topics) {
    return new Rollup.Topics(
        topics.unique(),
        topics.top(),
        new LazyMap<>(topics.mentions(), JsonText::parseCounts),
        new LazyMap<>(topics.sessions(), JsonText::parseCounts),
        new LazyMap<>(topics.quality(), JsonText::parseQuality));
  }

  private static @Nullable Double ratio(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }

  static @Nullable Double median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  /** The local hour of day with the most exchanges (the earliest on a tie); null if none. */
  static @Nullable Integer peakHour(long[] byHour) {
    int best = -1;
    for (int h = 0; h < byHour.length; h++) {
      if (byHour[h] > 0 && (best < 0 || byHour[h] > byHour[best])) {
        best = h;
      }
    }
    return best < 0 ? null : best;
  }

  /** Exchanges per weekday of the learning date, Monday first, every day present. */
  static Map<String, Long> weekdays(long[] byWeekday) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      out.put(d.getDisplayName(TextStyle.FULL, Locale.ENGLISH), byWeekday[d.getValue() - 1]);
    }
    return out;
  }
}
