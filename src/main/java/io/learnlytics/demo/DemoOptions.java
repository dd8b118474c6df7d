package io.learnlytics.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings of a generated demo history: {@code days} local days ending with {@code lastDay}
 * (inclusive) in {@code zone}, with on average {@code exchangesPerDay} exchanges per calendar day.
 * The same options always give the same history.
 */
public record DemoOptions(
    long seed, int days, LocalDate lastDay, ZoneId zone, double exchangesPerDay) {
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_DAYS = 180;
  public static final double DEFAULT_EXCHANGES_PER_DAY = 25;

  public DemoOptions {
    Objects.requireNonNull(lastDay, "lastDay");
    Objects.requireNonNull(zone, "zone");
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, was " + days);
    }
    if (!(exchangesPerDay > 0) || Double.isInfinite(exchangesPerDay)) {
      throw new IllegalArgumentException(
          "exchangesPerDay must be a finite number above 0, was " + exchangesPerDay);
    }
  }

  /** Half a year of a moderately busy learner: seed 42, 180 days, about 25 exchanges a day. */
  public static DemoOptions defaults(ZoneId zone, LocalDate lastDay) {
    return new DemoOptions(DEFAULT_SEED, DEFAULT_DAYS, lastDay, zone, DEFAULT_EXCHANGES_PER_DAY);
  }

  /** The first local day of the history. */
  LocalDate firstDay() {
    return lastDay.minusDays(days - 1L);
  }
}
