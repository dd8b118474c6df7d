package io.learnlytics.goal;

import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.RollupTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Computes a goal's progress over a period from the rollup row of that period: a daily goal's
 * period is the learning day, a weekly goal's the week (from the configured first day), a monthly
 * goal's the month, all in the learner's zone; a one-time goal counts all history.
 *
 * <p>Status: a "reach at least" goal on a monotone metric (counts) is completed the moment it is
 * reached; every other goal (means, rates, "at most", "exactly") is judged when its period ends —
 * until then it is in progress. A period that ends unmet is failed; a one-time goal never fails.
 */
final class GoalEvaluator {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

  private final RollupEngine rollups;
  private final Buckets buckets;

  GoalEvaluator(RollupEngine rollups) {
    this.rollups = rollups;
    this.buckets = rollups.buckets();
  }

  /** The period of {@code goal} holding {@code atUtc}: {start, end}. */
  long[] period(Goal goal, long atUtc) {
    Level level = level(goal);
    if (level == null) {
      return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
    }
    long start = buckets.start(level, atUtc);
    return new long[] {start, buckets.end(level, start)};
  }

  /**
   * Progress of {@code goal} over {@code period}. {@code memo} shares the rollup totals of a period
   * between the goals evaluated together (several goals often share a day, week or all history).
   */
  GoalProgress evaluate(
      Goal goal, long[] period, long nowUtc, int streakDays, Map<String, RollupTotals> memo) {
    Level level = level(goal);
    RollupTotals totals =
        memo.computeIfAbsent(
            (level == null ? "all" : level.id()) + period[0],
            k ->
                level == null
                    ? rollups.allTime()
                    : RollupTotals.of(rollups.list(level, period[0], period[0] + 1)));
    GoalMetric metric = GoalMetric.of(goal.targetMetric());
    double current = metric.value(totals, goal.topic(), streakDays);
    double target = goal.targetValue();
    boolean met = meets(goal.comparison(), current, target);
    boolean ended = level != null && nowUtc >= period[1];
    boolean judgedNow = goal.comparison().equals("gte") && metric.monotone;
    String status;
    if (met && (judgedNow || ended || level == null)) {
      status = "completed";
    } else if (ended) {
      status = "failed";
    } else {
      status = "in_progress";
    }
    return new GoalProgress(
        current, target, percent(goal.comparison(), current, target), status, period[0], period[1]);
  }

  /** The achievement's period, e.g. "Week of Nov 18, 2025". */
  String label(Goal goal, long periodStart) {
    if (level(goal) == null) {
      return "All time";
    }
    LocalDate d = buckets.learningDate(periodStart);
    return switch (goal.frequency()) {
      case "daily" -> DAY.format(d);
      case "weekly" -> "Week of " + DAY.format(d);
      default -> MONTH.format(d);
    };
  }

  /** The last instant of a period, as the spec's {@code ends_at} shows it. */
  static Instant endsAt(long periodEnd) {
    return periodEnd == Long.MAX_VALUE ? null : Instant.ofEpochMilli(periodEnd - 1000);
  }

  static boolean meets(String comparison, double current, double target) {
    return switch (comparison) {
      case "gte" -> current >= target;
      case "lte" -> current <= target;
      default -> Math.abs(current - target) < 1e-9;
    };
  }

  /** 0–100: how far towards the target ("at most" goals are 100 while within the limit). */
  static double percent(String comparison, double current, double target) {
    double p =
        switch (comparison) {
          case "gte" -> current / target * 100;
          case "lte" -> current <= target ? 100 : target / current * 100;
          default -> meets(comparison, current, target) ? 100 : 0;
        };
    return Math.round(Math.min(100, Math.max(0, p)) * 10) / 10.0;
  }

  private static Level level(Goal goal) {
    return switch (goal.frequency()) {
      case "daily" -> Level.DAILY;
      case "weekly" -> Level.WEEKLY;
      case "monthly" -> Level.MONTHLY;
      default -> null;
    };
  }
}
