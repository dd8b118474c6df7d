package io.learnlytics.goal;

import org.jspecify.annotations.Nullable;

/**
 * An achievement as stored: what an export writes and an import restores. A one-time goal has no
 * period: its {@code periodStartUtc} is {@link #NO_PERIOD}.
 */
public record StoredAchievement(
    String id,
    String goalId,
    String name,
    String description,
    @Nullable String icon,
    String period,
    long periodStartUtc,
    long unlockedUtc) {
  /** The period start of an achievement of a one-time goal. */
  public static final long NO_PERIOD = Long.MIN_VALUE;

  public boolean hasPeriod() {
    return periodStartUtc != NO_PERIOD;
  }
}
