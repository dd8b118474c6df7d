package io.learnlytics.insight;

import static io.learnlytics.insight.Candidate.evidence;

import io.learnlytics.rollup.ComparisonWindow;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.RollupTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trend insights: this week against last week at equal elapsed time (DESIGN.md §5).
 *
 * <p>"This week" is the last 7 learning days including today, up to now; "last week" is the 7
 * learning days before them, cut at the same time of day as now (to the hour: whole daily rows for
 * its first six days, hourly rows for its last day). So on a Tuesday morning the partial today is
 * compared with a partial day, not with a whole one.
 *
 * <ul>
 *   <li>Quality is the mean composite of all scores of a window (weighted by score count). A
 *       relative change above +10 % is "Quality improved N% this week", below -10 % "Quality
 *       declined N% this week" (both high); each window needs at least {@value #MIN_SCORES} scores,
 *       so a handful of scores cannot make a trend.
 *   <li>Activity is the number of exchanges; up more than 50 % is "Learning activity up N%"
 *       (medium), when last week had at least {@value #MIN_PREVIOUS_EXCHANGES} exchanges.
 * </ul>
 *
 * Percentages are relative changes, {@code (current - previous) / previous} (DESIGN.md §6 item 8).
 * The period of each key is the first day of "this week", and a trend is not repeated while the
 * last one of its kind is still live (see {@link Candidate}).
 */
final class TrendRule implements Rule {
  static final int DAYS = 7;
  static final double QUALITY_CHANGE = 0.10;
  static final double ACTIVITY_CHANGE = 0.50;
  static final int MIN_SCORES = 5;
  static final int MIN_PREVIOUS_EXCHANGES = 5;
  static final String BASIS =
      "the last 7 learning days including today, up to now, against the 7 learning days before"
          + " them cut at the same time of day (to the hour)";

  private final RollupEngine rollups;

  TrendRule(RollupEngine rollups) {
    this.rollups = rollups;
  }

  @Override
  public List<Candidate> evaluate(Moment now) {
    ComparisonWindow w = ComparisonWindow.of(rollups.buckets(), DAYS, now.utc());
    RollupTotals current = RollupTotals.of(w.currentRows(rollups));
    RollupTotals previous = RollupTotals.of(w.previousRows(rollups));
    // The reported range is the one counted: the previous period ends at the end of its hour.
    Map<String, Object> window =
        evidence(
            "current_from", Instant.ofEpochMilli(w.currentFromUtc()).toString(),
            "current_to", Instant.ofEpochMilli(w.nowUtc()).toString(),
            "previous_from", Instant.ofEpochMilli(w.previousFromUtc()).toString(),
            "previous_to", Instant.ofEpochMilli(w.previousCutoffUtc()).toString(),
            "basis", BASIS);
    String period = w.firstDay().toString();
    List<Candidate> out = new ArrayList<>();
    quality(current, previous, window, period, out);
    activity(current, previous, window, period, out);
    return out;
  }

  // Sums.quality() is null only without scores; both sides have MIN_SCORES here.
  @SuppressWarnings("NullAway")
  private static void quality(
      RollupTotals current,
      RollupTotals previous,
      Map<String, Object> window,
      String period,
      List<Candidate> out) {
    if (current.qualityCount < MIN_SCORES
        || previous.qualityCount < MIN_SCORES
        || previous.quality() <= 0) {
      return;
    }
    double change = (current.quality() - previous.quality()) / previous.quality();
    if (Math.abs(change) > QUALITY_CHANGE) {
      out.add(qualityChanged(current, previous, change, window, period));
    }
  }

  private static Candidate qualityChanged(
      RollupTotals current,
      RollupTotals previous,
      double change,
      Map<String, Object> window,
      String period) {
    boolean up = change > 0;
    String verb = up ? "improved" : "declined";
    return Candidate.of(
        up ? "trend:quality_up" : "trend:quality_down",
        null,
        period,
        "high",
        "Quality " + verb + " " + percent(change) + " this week",
        String.format(
            Locale.ROOT,
            "Your mean quality score was %.2f over the last 7 days (%d scores) against %.2f"
                + " over the 7 days before (%d scores): %s %s, a relative change, compared at"
                + " equal elapsed time.",
            current.quality(),
            current.qualityCount,
            previous.quality(),
            previous.qualityCount,
            verb,
            percent(change)),
        qualityEvidence(current, previous, change, window));
  }

  private static Map<String, Object> qualityEvidence(
      RollupTotals current, RollupTotals previous, double change, Map<String, Object> window) {
    double threshold = change > 0 ? QUALITY_CHANGE : -QUALITY_CHANGE;
    return evidence(
        "metric",
        "quality",
        "current",
        current.quality(),
        "previous",
        previous.quality(),
        "relative_change",
        change,
        "threshold",
        threshold,
        "current_scores",
        current.qualityCount,
        "previous_scores",
        previous.qualityCount,
        "min_scores",
        MIN_SCORES,
        "window",
        window);
  }

  private static void activity(
      RollupTotals current,
      RollupTotals previous,
      Map<String, Object> window,
      String period,
      List<Candidate> out) {
    if (previous.exchanges < MIN_PREVIOUS_EXCHANGES) {
      return;
    }
    double change = (current.exchanges - previous.exchanges) / (double) previous.exchanges;
    if (change > ACTIVITY_CHANGE) {
      out.add(activityUp(current, previous, change, window, period));
    }
  }

  private static Candidate activityUp(
      RollupTotals current,
      RollupTotals previous,
      double change,
      Map<String, Object> window,
      String period) {
    return Candidate.of(
        "trend:activity_up",
        null,
        period,
        "medium",
        "Learning activity up " + percent(change) + " from last week",
        String.format(
            Locale.ROOT,
            "You had %d exchanges over the last 7 days against %d over the 7 days before"
                + " (compared at equal elapsed time).",
            current.exchanges,
            previous.exchanges),
        evidence(
            "metric", "exchanges",
            "current", current.exchanges,
            "previous", previous.exchanges,
            "relative_change", change,
            "threshold", ACTIVITY_CHANGE,
            "min_previous", MIN_PREVIOUS_EXCHANGES,
            "window", window));
  }

  /** A relative change as a whole percentage without sign, e.g. 0.123 → "12%". */
  static String percent(double change) {
    return Math.round(Math.abs(change) * 100) + "%";
  }
}
