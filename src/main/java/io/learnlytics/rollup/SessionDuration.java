package io.learnlytics.rollup;

/**
 * How long a session lasted (DESIGN.md §4): from its first exchange to the end of its last one, the
 * last exchange's own duration included. One definition for the rollups and the exports, so a
 * session's duration in a daily summary is the sum of the durations its exported sessions show.
 */
public final class SessionDuration {
  /** The duration in ms, as an SQL expression over a row of {@code sessions}. */
  public static final String SQL = "last_utc + last_duration_ms - start_utc";

  private SessionDuration() {}
}
