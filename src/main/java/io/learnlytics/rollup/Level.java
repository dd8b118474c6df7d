package io.learnlytics.rollup;

import java.util.Locale;

/** The four rollup levels, finest first. */
public enum Level {
  HOURLY,
  DAILY,
  WEEKLY,
  MONTHLY;

  /** The name stored in {@code interval_type} and used in the API. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Level fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
