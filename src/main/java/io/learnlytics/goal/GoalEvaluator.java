package io.learnlytics.goal;

import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.RollupTotals;
import io.learnlytics.rollup.Span;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Computes a goal's progress over a period from the rollup row of that period: a daily goal's
 * period is the learning day, a weekly goal's the week (from the configured first day), a monthly
 * goal's the month, all in the learner's zone; a one-time goal counts all history.
 *
 * <p>Status: a "reach at least" goal on a monotone metric (counts) is completed the moment it is
 * reached; every other goal (means, rates, "at most", "exactly") is judged when its period ends —
 * until then it is in progress, with a pace: on track while the value so far meets the target, at
 * risk while it does not. A period that ends unmet is failed; a one-time goal never fails.
 *
 * <p>Achievements count from the learning day a goal was created: a period that ended before it is
 * never judged (a goal created today does not unlock yesterday or last week); the period just
 * before may only be reported as one the goal "would have met".
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

  /** The period of {@code goal} holding {@code atUtc}. */
  Span period(Goal goal, long atUtc) {
    Level level = goal.frequency().level();
    if (level == null) {
      return Span.ALL;
    }
    long start = buckets.start(level, atUtc);
    return new Span(start, buckets.end(level, start));
  }

  /**
   * Progress of {@code goal} over {@code period}. {@code memo} shares the rollup totals of a period
   * between the goals evaluated together (several goals often share a day, week or all history).
   */
  GoalProgress evaluate(
      Goal goal, Span period, long nowUtc, int streakDays, Map<String, RollupTotals> memo) {
    Level level = goal.frequency().level();
    RollupTotals totals =
        memo.computeIfAbsent(
            (level == null ? "all" : level.id()) + period.fromUtc(),
            k ->
                level == null
                    ? rollups.allTime()
                    : RollupTotals.of(rollups.list(level, period.fromUtc(), period.fromUtc() + 1)));
    GoalMetric metric = goal.targetMetric();
    double current = metric.value(totals, goal.topic(), streakDays);
    double target = goal.targetValue();
    Comparison comparison = goal.comparison();
    String status = status(goal, metric, current, period, nowUtc);
    return new GoalProgress(
        current,
        target,
        comparison.percent(current, target),
        status,
        pace(goal, metric, current, status),
        period.fromUtc(),
        period.toUtc());
  }

  /**
   * Whether {@code period} counts for achievements: it ends after the start of the learning day the
   * goal was created on (all history always counts).
   */
  boolean counts(Goal goal, Span period) {
    return period.isAll()
        || period.toUtc() > buckets.start(Level.DAILY, goal.createdAt().toEpochMilli());
  }

  /**
   * The period just before {@code current} when it ended before the goal was created and the goal
   * would have been met in it; else null. Shown apart from achievements, never unlocked.
   */
  @Nullable WouldHaveMet wouldHaveMet(
      Goal goal, Span current, long nowUtc, int streakDays, Map<String, RollupTotals> memo) {
    if (current.isAll()) {
      return null;
    }
    Span previous = period(goal, current.fromUtc() - 1);
    if (counts(goal, previous)) {
      return null;
    }
    GoalProgress p = evaluate(goal, previous, nowUtc, streakDays, memo);
    if (!p.status().equals("completed")) {
      return null;
    }
    return new WouldHaveMet(
        goal.id(),
        goal.name(),
        label(goal, previous.fromUtc()),
        Instant.ofEpochMilli(previous.fromUtc()),
        Math.round(p.current() * 10_000) / 10_000.0,
        p.target());
  }

  /**
   * How a goal judged at its period's end is doing meanwhile: {@code on_track} while its value so
   * far meets the target, {@code at_risk} while not; null for any other goal or status.
   */
  private static @Nullable String pace(
      Goal goal, GoalMetric metric, double current, String status) {
    boolean judgedAtEnd =
        goal.frequency().level() != null
            && !(goal.comparison() == Comparison.GTE && metric.monotone);
    if (!judgedAtEnd || !status.equals("in_progress")) {
      return null;
    }
    return goal.comparison().meets(current, goal.targetValue()) ? "on_track" : "at_risk";
  }

  private static String status(
      Goal goal, GoalMetric metric, double current, Span period, long nowUtc) {
    boolean met = goal.comparison().meets(current, goal.targetValue());
    boolean allTime = goal.frequency().level() == null;
    boolean ended = !allTime && nowUtc >= period.toUtc();
    boolean judgedNow = goal.comparison() == Comparison.GTE && metric.monotone;
    if (met && (judgedNow || ended || allTime)) {
      return "completed";
    }
    return ended ? "failed" : "in_progress";
  }

  /** The achievement's period, e.g. "Week of Nov 18, 2025". */
  String label(Goal goal, long periodStart) {
    if (goal.frequency() == Frequency.ONE_TIME) {
      return "All time";
    }
    LocalDate d = buckets.learningDate(periodStart);
    return switch (goal.frequency()) {
      case DAILY -> DAY.format(d);
      case WEEKLY -> "Week of " + DAY.format(d);
      default -> MONTH.format(d);
    };
  }

  /** The last instant of a period, as the spec's {@code ends_at} shows it. */
  static @Nullable Instant endsAt(long periodEnd) {
    return periodEnd == Long.MAX_VALUE ? null : Instant.ofEpochMilli(periodEnd - 1000);
  }
}
