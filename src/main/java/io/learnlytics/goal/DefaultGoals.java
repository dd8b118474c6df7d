package io.learnlytics.goal;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The specification's six default goals, which every learner starts with. Migration V5 inserted the
 * same six for the default learner (DefaultGoalsTest checks that they match); every other learner
 * gets them from {@link #insert} when it is created. They carry the creation time 0, as in V5: they
 * were not made by the learner, and they list before the learner's own goals.
 */
public final class DefaultGoals {
  private static final Instant PREDEFINED = Instant.EPOCH;

  /** The six goals, in the order V5 lists them. */
  public static final List<Goal> ALL =
      List.of(
          goal(
              "weekly_sessions",
              "Weekly Learner",
              "Complete at least 5 learning sessions this week",
              "activity",
              Frequency.WEEKLY,
              GoalMetric.SESSION_COUNT,
              5,
              "calendar",
              "#4F46E5"),
          goal(
              "daily_engagement",
              "Daily Engagement",
              "Have at least 10 exchanges today",
              "activity",
              Frequency.DAILY,
              GoalMetric.EXCHANGE_COUNT,
              10,
              "message",
              "#10B981"),
          goal(
              "quality_target",
              "Quality Champion",
              "Maintain average quality score above 80%",
              "quality",
              Frequency.WEEKLY,
              GoalMetric.AVG_QUALITY_COMPOSITE,
              0.80,
              "star",
              "#F59E0B"),
          goal(
              "daily_streak",
              "Consistency King",
              "Learn something every day",
              "streak",
              Frequency.DAILY,
              GoalMetric.SESSIONS_TODAY,
              1,
              "fire",
              "#EF4444"),
          goal(
              "100_sessions",
              "Century Club",
              "Complete 100 total learning sessions",
              "milestone",
              Frequency.ONE_TIME,
              GoalMetric.TOTAL_SESSIONS,
              100,
              "trophy",
              "#8B5CF6"),
          goal(
              "50_topics",
              "Knowledge Explorer",
              "Explore 50 different topics",
              "milestone",
              Frequency.ONE_TIME,
              GoalMetric.UNIQUE_TOPICS,
              50,
              "map",
              "#06B6D4"));

  private DefaultGoals() {}

  /**
   * Gives {@code learner} the default goals it does not have yet (by id), inside the caller's
   * transaction; idempotent. Returns how many were added.
   */
  public static int insert(Handle h, String learner) {
    return GoalStore.insertNew(h, learner, ALL);
  }

  private static Goal goal(
      String id,
      String name,
      String description,
      String type,
      Frequency frequency,
      GoalMetric metric,
      double target,
      String icon,
      String color) {
    return new Goal(
        id,
        name,
        description,
        type,
        frequency,
        metric,
        target,
        Comparison.GTE,
        null,
        icon,
        color,
        true,
        PREDEFINED,
        PREDEFINED);
  }
}
