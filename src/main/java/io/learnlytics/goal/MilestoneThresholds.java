package io.learnlytics.goal;

/**
 * The milestones a learner can reach, in one place: the goals view shows progress towards the next
 * one and the milestone insight celebrates each once it is crossed, so both must count to the same
 * numbers.
 */
public final class MilestoneThresholds {
  private static final long[] SESSIONS = {10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};
  private static final long[] TOPICS = {5, 10, 25, 50, 100, 250, 500};
  private static final long[] STREAK_DAYS = {7, 14, 30, 60, 90, 180, 365};

  private MilestoneThresholds() {}

  /** Total sessions ever. */
  public static long[] sessions() {
    return SESSIONS.clone();
  }

  /** Distinct topics ever studied. */
  public static long[] topics() {
    return TOPICS.clone();
  }

  /** Consecutive learning days. */
  public static long[] streakDays() {
    return STREAK_DAYS.clone();
  }
}
