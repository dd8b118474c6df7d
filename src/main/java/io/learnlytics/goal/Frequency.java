package io.learnlytics.goal;

import io.learnlytics.rollup.Level;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How often a goal starts over: its period is a learning day, a week (from the configured first
 * day) or a month in the learner's zone; a one-time goal's period is all history.
 */
public enum Frequency {
  DAILY(Level.DAILY),
  WEEKLY(Level.WEEKLY),
  MONTHLY(Level.MONTHLY),
  ONE_TIME(null);

  private final @Nullable Level level;

  Frequency(@Nullable Level level) {
    this.level = level;
  }

  /** The rollup level of one period, or null for all history. */
  @Nullable Level level() {
    return level;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static List<String> ids() {
    return Arrays.stream(values()).map(Frequency::id).toList();
  }

  static Frequency of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
