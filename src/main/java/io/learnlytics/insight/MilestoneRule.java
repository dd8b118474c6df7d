package io.learnlytics.insight;

import static io.learnlytics.insight.Candidate.evidence;

import io.learnlytics.goal.MilestoneThresholds;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.Streaks;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Milestone insights, fired once when a threshold is crossed (DESIGN.md §6 item 6: the
 * specification fires when a count <em>equals</em> a threshold at evaluation time, so it misses a
 * count that jumps past it and repeats while the count stays on it).
 *
 * <p>The values of the last evaluation are kept in {@code insight_state}. A threshold {@code t} is
 * crossed when {@code previous < t <= current}; only the highest threshold crossed in one step
 * fires (a jump from 20 to 60 sessions celebrates 50, not 25 and 50). On the very first evaluation
 * there is no previous value, so a database already past several thresholds fires only the highest
 * one it has reached. A value that stays on a threshold fires nothing.
 *
 * <ul>
 *   <li>Total sessions of all history ({@link RollupEngine#allTime}): {@link #SESSION_THRESHOLDS}.
 *   <li>Streak ({@link Streaks}: today pending never breaks it): {@link #STREAK_THRESHOLDS}. A
 *       broken streak resets the value, so a later streak reaching 7 again is a new crossing; its
 *       key holds the streak's first day, so it never repeats one streak.
 * </ul>
 */
final class MilestoneRule {
  static final long[] SESSION_THRESHOLDS = MilestoneThresholds.sessions();
  static final long[] STREAK_THRESHOLDS = MilestoneThresholds.streakDays();
  static final String SESSIONS = "total_sessions";
  static final String STREAK = "streak_days";
  static final String RULE =
      "fires once when previous_value < threshold <= value (the highest such threshold); on the"
          + " first evaluation, the highest threshold reached";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

  private final RollupEngine rollups;
  private final String learner;

  /** {@code learner}: whose values of the last evaluation ({@code insight_state}) are kept. */
  MilestoneRule(RollupEngine rollups, String learner) {
    this.rollups = rollups;
    this.learner = learner;
  }

  /** Current totals, read before the write transaction. */
  record Totals(long sessions, long streak, @Nullable LocalDate streakStart) {}

  Totals measure(Moment now) {
    Streaks.Streak streak = rollups.streaks().at(now.utc());
    return new Totals(rollups.allTime().sessions, streak.current(), streak.startDate());
  }

  /**
   * The milestones crossed since the last evaluation; records the current values as the new last
   * ones. Runs inside the caller's write transaction, so two evaluations never see the same
   * previous values.
   */
  List<Candidate> crossings(Handle h, Totals totals, long nowUtc) {
    List<Candidate> out = new ArrayList<>();
    sessions(load(h, SESSIONS), totals, out);
    streak(load(h, STREAK), totals, out);
    save(h, SESSIONS, totals.sessions(), nowUtc);
    save(h, STREAK, totals.streak(), nowUtc);
    return out;
  }

  private static void sessions(@Nullable Long previous, Totals totals, List<Candidate> out) {
    long sessions = highestCrossed(SESSION_THRESHOLDS, previous, totals.sessions());
    if (sessions == 0) {
      return;
    }
    out.add(
        Candidate.of(
            "milestone:sessions",
            String.valueOf(sessions),
            null,
            "high",
            sessions + " learning sessions completed!",
            "Congratulations! You've completed "
                + sessions
                + " learning sessions ("
                + totals.sessions()
                + " so far).",
            data(SESSIONS, sessions, previous, totals.sessions(), SESSION_THRESHOLDS)));
  }

  private static void streak(@Nullable Long previous, Totals totals, List<Candidate> out) {
    long streak = highestCrossed(STREAK_THRESHOLDS, previous, totals.streak());
    if (streak == 0) {
      return;
    }
    Map<String, Object> data = data(STREAK, streak, previous, totals.streak(), STREAK_THRESHOLDS);
    // a streak above zero has a start
    data.put("streak_start", Objects.requireNonNull(totals.streakStart()).toString());
    out.add(
        Candidate.of(
            "milestone:streak",
            streak + ":" + totals.streakStart(),
            null,
            "high",
            streak + "-day learning streak achieved!",
            "You've learned on "
                + totals.streak()
                + " consecutive days, since "
                + DAY.format(totals.streakStart())
                + ". Keep it going!",
            data));
  }

  /**
   * The highest threshold {@code t} with {@code previous < t <= current} (any {@code t <= current}
   * without a previous value), or 0 when none was crossed.
   */
  static long highestCrossed(long[] thresholds, @Nullable Long previous, long current) {
    long best = 0;
    for (long t : thresholds) {
      if (t <= current && (previous == null || previous < t)) {
        best = t;
      }
    }
    return best;
  }

  private static Map<String, Object> data(
      String metric, long threshold, @Nullable Long previous, long current, long[] thresholds) {
    return evidence(
        "metric", metric,
        "threshold", threshold,
        "value", current,
        "previous_value", previous,
        "thresholds", Arrays.stream(thresholds).boxed().toList(),
        "rule", RULE);
  }

  private @Nullable Long load(Handle h, String name) {
    return h.createQuery("SELECT value FROM insight_state WHERE learner_id = ? AND name = ?")
        .bind(0, learner)
        .bind(1, name)
        .mapTo(Long.class)
        .findOne()
        .orElse(null);
  }

  private void save(Handle h, String name, long value, long nowUtc) {
    h.execute(
        "INSERT INTO insight_state (learner_id, name, value, updated_utc) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (learner_id, name) DO UPDATE SET value = excluded.value,"
            + " updated_utc = excluded.updated_utc",
        learner,
        name,
        value,
        nowUtc);
  }
}
