package io.learnlytics.config;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What ingest accepts and how long the database may take. Events dated before {@code
 * earliestEventDate} (UTC) or more than {@code maxFuture} ahead of the server's clock are refused
 * (a year-9999 timestamp is a client bug that would stretch every rebuild and export to its year).
 * A write that finds the database locked waits up to {@code lockTimeout}; a dashboard read whose
 * queries run past {@code queryTimeout} (0 = no limit) is stopped; both then answer 503.
 */
public record Ingest(
    LocalDate earliestEventDate, Duration maxFuture, Duration lockTimeout, Duration queryTimeout) {
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);
  public static final Ingest DEFAULT =
      new Ingest(LocalDate.of(2000, 1, 1), Duration.ofHours(24), Duration.ofSeconds(10));

  public Ingest {
    Objects.requireNonNull(earliestEventDate, "earliestEventDate");
    if (maxFuture.isNegative() || maxFuture.compareTo(Duration.ofDays(366)) > 0) {
      throw new ConfigException(
          "max-future-hours must be from 0 to 8784 (366 days), got " + maxFuture.toHours());
    }
    seconds("lock-timeout-seconds", lockTimeout);
    seconds("query-timeout-seconds", queryTimeout);
  }

  /** With the default query limit. */
  public Ingest(LocalDate earliestEventDate, Duration maxFuture, Duration lockTimeout) {
    this(earliestEventDate, maxFuture, lockTimeout, DEFAULT_QUERY_TIMEOUT);
  }

  private static void seconds(String name, Duration d) {
    if (d.isNegative() || d.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new ConfigException(name + " must be from 0 to 600, got " + d.toSeconds());
    }
  }
}
