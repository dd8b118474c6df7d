package io.learnlytics.goal;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.rollup.DayMeta;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.RollupTotals;
import io.learnlytics.rollup.Span;
import io.learnlytics.rollup.StreakRules;
import io.learnlytics.rollup.Streaks;
import io.learnlytics.store.Database;
import io.learnlytics.support.ApiException.NotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Goals, their progress, achievements and streaks (the spec's Goal Tracking System, with streaks
 * and periods in the learner's zone). Progress shown by the API is computed live from the rollups;
 * {@link #evaluate()} — run every 5 minutes and after rollup refreshes — records it in {@code
 * goal_progress}, unlocks achievements (once per goal and period, from the learning day the goal
 * was created on) and persists the streak.
 */
public final class GoalService {
  static final long[] SESSION_MILESTONES = MilestoneThresholds.sessions();
  static final long[] TOPIC_MILESTONES = MilestoneThresholds.topics();
  static final int RECENT_ACHIEVEMENTS = 5;

  private final GoalStore store;
  private final GoalEvaluator evaluator;
  private final Streaks streaks;
  private final RollupEngine rollups;
  private final Clock clock;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public GoalService(Database db, RollupEngine rollups, Clock clock) {
    this.store = new GoalStore(db);
    this.evaluator = new GoalEvaluator(rollups);
    this.streaks = rollups.streaks();
    this.rollups = rollups;
    this.clock = clock;
  }

  /** The values a goal accepts, for clients that offer them as choices ({@code GET /api/meta}). */
  public static Choices choices() {
    List<MetricChoice> metrics = new ArrayList<>();
    for (GoalMetric m : GoalMetric.values()) {
      metrics.add(new MetricChoice(m.id(), m.unit(), m.topicFilter));
    }
    return new Choices(
        metrics,
        GoalRequest.FREQUENCIES,
        GoalRequest.COMPARISONS,
        GoalRequest.TYPES,
        GoalRequest.DEFAULT_COLOR);
  }

  /** Runs {@code listener} after goals change or an evaluation unlocks achievements. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  public Streaks.Streak streak() {
    return streaks.at(clock.millis());
  }

  /** {@code GET /api/analytics/streak}: the streak explained. */
  public StreakReport streakReport() {
    long now = clock.millis();
    return StreakReport.of(streaks.history(now), rollups.buckets(), now);
  }

  /** Sets streak protection from today's learning day on; the stored streak follows at once. */
  public StreakReport protect(StreakRules rules) {
    long now = clock.millis();
    streaks.protect(rules, now);
    saveStreak(now);
    listeners.forEach(Runnable::run);
    return StreakReport.of(streaks.history(now), rollups.buckets(), now);
  }

  /** {@code GET /api/analytics/goals}. */
  public GoalsView view() {
    long now = clock.millis();
    Streaks.Streak s = streaks.at(now);
    Map<String, RollupTotals> memo = new HashMap<>();
    List<Goal> enabled = store.all().stream().filter(Goal::enabled).toList();
    List<GoalView> active = enabled.stream().map(g -> view(g, now, s.current(), memo)).toList();
    int stored = store.bestStreak(); // kept by evaluate(), which runs at start and every 5 min
    int best = Math.max(s.current(), stored > 0 ? stored : streaks.best(now));
    return new GoalsView(
        active,
        new StreakView(s.current(), best, s.todayComplete()),
        store.recentAchievements(RECENT_ACHIEVEMENTS),
        milestones(),
        wouldHaveMet(enabled, now, s.current(), memo),
        DayMeta.of(rollups, now));
  }

  /** The enabled goals' periods just before their creation in which they would have been met. */
  private List<WouldHaveMet> wouldHaveMet(
      List<Goal> goals, long now, int streak, Map<String, RollupTotals> memo) {
    List<WouldHaveMet> out = new ArrayList<>();
    for (Goal g : goals) {
      WouldHaveMet w = evaluator.wouldHaveMet(g, evaluator.period(g, now), now, streak, memo);
      if (w != null) {
        out.add(w);
      }
    }
    return out;
  }

  /** Enabled goals with their live progress in the current period. */
  public List<GoalView> active() {
    long now = clock.millis();
    return active(now, streaks.at(now).current());
  }

  /**
   * Every goal, enabled or not, oldest first, with its live progress and when it was created and
   * last updated: what an export keeps of goals.
   */
  public List<StoredGoal> everyGoal() {
    long now = clock.millis();
    int streak = streaks.at(now).current();
    Map<String, RollupTotals> memo = new HashMap<>();
    return store.all().stream()
        .map(g -> new StoredGoal(view(g, now, streak, memo), g.createdAt(), g.updatedAt()))
        .toList();
  }

  /** Achievements unlocked in {@code [fromUtc, toUtc)}, in the order they were unlocked. */
  public List<StoredAchievement> achievementsUnlocked(long fromUtc, long toUtc) {
    return store.unlocked(fromUtc, toUtc);
  }

  /**
   * Adds the goals and achievements whose ids are new, in one transaction (an import restoring an
   * export); achievements of goals neither stored nor among {@code goals} are skipped.
   */
  public Restored restore(List<Goal> goals, List<StoredAchievement> achievements) {
    return store.restore(goals, achievements);
  }

  /**
   * Gives this service's learner the six {@link DefaultGoals} it does not have yet (by id), as
   * migration V5 gave the default learner: for a learner just created. Idempotent; a default goal
   * the learner deleted comes back. Returns how many were added.
   */
  public int addDefaultGoals() {
    int added = store.addDefaults();
    if (added > 0) {
      changed();
    }
    return added;
  }

  public GoalView get(String id) {
    Goal g = store.find(id).orElseThrow(() -> notFound(id));
    long now = clock.millis();
    return view(g, now, streaks.at(now).current());
  }

  public GoalView create(JsonNode body) {
    GoalRequest r = new GoalRequest(body);
    Instant now = clock.instant();
    String id =
        slug(Objects.requireNonNull(r.name)) + "_" + UUID.randomUUID().toString().substring(0, 8);
    Goal g = goal(id, r, now, now);
    store.insert(g);
    changed();
    return get(id);
  }

  public GoalView update(String id, JsonNode body) {
    Goal old = store.find(id).orElseThrow(() -> notFound(id));
    GoalRequest r = new GoalRequest(body);
    store.update(goal(id, r, old.createdAt(), clock.instant()));
    changed();
    return get(id);
  }

  public void delete(String id) {
    if (!store.delete(id)) {
      throw notFound(id);
    }
    changed();
  }

  /**
   * Records the progress of every enabled goal in its current and previous period (so a period that
   * just ended is finalised as completed or failed), unlocks achievements, and persists the streak.
   * Idempotent. Returns the number of achievements newly unlocked.
   */
  public int evaluate() {
    long now = clock.millis();
    Streaks.Streak s = saveStreak(now);
    int unlocked = 0;
    Map<String, RollupTotals> memo = new HashMap<>();
    for (Goal g : store.all()) {
      if (g.enabled()) {
        unlocked += record(g, now, s.current(), memo);
      }
    }
    if (unlocked > 0) {
      listeners.forEach(Runnable::run);
    }
    return unlocked;
  }

  /** Today's streak with the best ever, as stored for the dashboard. */
  private Streaks.Streak saveStreak(long now) {
    Streaks.Streak today = streaks.at(now);
    Streaks.Streak s =
        new Streaks.Streak(
            today.current(),
            streaks.best(now),
            today.todayComplete(),
            today.lastActiveDate(),
            today.startDate());
    store.saveStreak(s, now);
    return s;
  }

  /**
   * Records a goal's progress in its current and previous period, leaving out a period that ended
   * before the goal was created; returns how many achievements that unlocked.
   */
  private int record(Goal g, long now, int streak, Map<String, RollupTotals> memo) {
    Span current = evaluator.period(g, now);
    List<Span> periods = new ArrayList<>(List.of(current));
    if (!current.isAll()) {
      periods.add(evaluator.period(g, current.fromUtc() - 1));
    }
    int unlocked = 0;
    for (Span p : periods) {
      if (!evaluator.counts(g, p)) {
        continue;
      }
      GoalProgress progress = evaluator.evaluate(g, p, now, streak, memo);
      if (store.record(g, progress, evaluator.label(g, p.fromUtc()), now)) {
        unlocked++;
      }
    }
    return unlocked;
  }

  private List<GoalView> active(long now, int streak) {
    Map<String, RollupTotals> memo = new HashMap<>();
    return store.all().stream().filter(Goal::enabled).map(g -> view(g, now, streak, memo)).toList();
  }

  private GoalView view(Goal g, long now, int streak) {
    return view(g, now, streak, new HashMap<>());
  }

  private GoalView view(Goal g, long now, int streak, Map<String, RollupTotals> memo) {
    GoalProgress p = evaluator.evaluate(g, evaluator.period(g, now), now, streak, memo);
    return new GoalView(
        g.id(),
        g.name(),
        g.description(),
        g.goalType(),
        g.frequency().id(),
        g.targetMetric().id(),
        g.comparison().id(),
        g.topic() == null ? null : new Filters(g.topic()),
        p.progress(),
        Math.round(p.current() * 10_000) / 10_000.0,
        p.target(),
        p.status(),
        p.pace(),
        p.periodStartUtc() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(p.periodStartUtc()),
        GoalEvaluator.endsAt(p.periodEndUtc()),
        g.icon(),
        g.color(),
        g.enabled());
  }

  /** Progress towards the next milestones of all history: total sessions and distinct topics. */
  private Milestones milestones() {
    RollupTotals allTime = rollups.allTime();
    return new Milestones(
        Milestone.of(allTime.sessions, SESSION_MILESTONES),
        Milestone.of(allTime.topics().size(), TOPIC_MILESTONES));
  }

  private void changed() {
    listeners.forEach(Runnable::run);
  }

  // GoalRequest's constructor throws unless every required field is set, which NullAway cannot see.
  @SuppressWarnings("NullAway")
  private static Goal goal(String id, GoalRequest r, Instant created, Instant updated) {
    return new Goal(
        id,
        r.name,
        r.description,
        r.goalType,
        Frequency.of(r.frequency),
        GoalMetric.of(r.targetMetric),
        r.targetValue,
        Comparison.of(r.comparison),
        r.topic,
        r.icon,
        r.color,
        r.enabled,
        created,
        updated);
  }

  private static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    return s.isEmpty() ? "goal" : s.substring(0, Math.min(30, s.length()));
  }

  private static NotFound notFound(String id) {
    return new NotFound("no goal with id '" + id + "'");
  }

  /** The spec's {@code GET /goals} answer. */
  public record GoalsView(
      List<GoalView> activeGoals,
      StreakView streak,
      List<Achievement> recentAchievements,
      Milestones milestones,
      List<WouldHaveMet> wouldHaveMet,
      DayMeta meta) {}

  /**
   * A goal with its progress in the current period; {@code progress} is 0–100; {@code pace} is
   * {@code on_track} or {@code at_risk} while a goal judged at its period's end is in progress.
   */
  public record GoalView(
      String id,
      @Nullable String name,
      String description,
      @Nullable String goalType,
      @Nullable String frequency,
      @Nullable String targetMetric,
      @Nullable String comparison,
      @Nullable Filters filters,
      double progress,
      double current,
      double target,
      String status,
      @Nullable String pace,
      @Nullable Instant periodStart,
      @Nullable Instant endsAt,
      @Nullable String icon,
      @Nullable String color,
      boolean enabled) {}

  /** A goal with its progress, and when it was created and last updated. */
  public record StoredGoal(GoalView goal, Instant createdAt, Instant updatedAt) {}

  /** How many goals and achievements a {@link #restore} added. */
  public record Restored(int goals, int achievements) {}

  public record Filters(String topic) {}

  public record StreakView(int current, int best, boolean todayComplete) {}

  public record Choices(
      List<MetricChoice> metrics,
      List<String> frequencies,
      List<String> comparisons,
      List<String> types,
      String defaultColor) {}

  /** {@code unit}: fraction (0 to 1), minutes or count; {@code topicFilter}: takes a topic. */
  public record MetricChoice(String id, String unit, boolean topicFilter) {}

  public record Milestones(Milestone sessions, Milestone topics) {}

  /** Progress towards the next threshold; {@code next} is null past the last one. */
  public record Milestone(long current, @Nullable Long next, double progress) {
    static Milestone of(long current, long[] thresholds) {
      for (long t : thresholds) {
        if (current < t) {
          return new Milestone(current, t, Math.round(current * 1000.0 / t) / 10.0);
        }
      }
      return new Milestone(current, null, 100);
    }
  }
}
