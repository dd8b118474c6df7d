package io.learnlytics.jobs;

import io.learnlytics.rollup.Level;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneRules;
import java.util.TreeSet;

/**
 * The specification's four aggregation jobs and when they fire, in the learner's zone: hourly at
 * :05, daily at 00:15, weekly on the first day of the week at 01:00, monthly on the 1st at 02:00. A
 * fire time that falls in a DST gap moves forward by the gap; in an overlap it fires once, at the
 * earlier instant.
 */
enum RollupJob {
  HOURLY(Level.HOURLY),
  DAILY(Level.DAILY),
  WEEKLY(Level.WEEKLY),
  MONTHLY(Level.MONTHLY);

  final Level level;

  RollupJob(Level level) {
    this.level = level;
  }

  String id() {
    return level.id();
  }

  /** The latest fire time at or before {@code now}. */
  ZonedDateTime previousFire(ZonedDateTime now, DayOfWeek weekStart) {
    if (this == HOURLY) {
      return hourlyFires(now).floor(now.toInstant()).atZone(now.getZone());
    }
    ZonedDateTime candidate = fireIn(start(now, weekStart));
    return candidate.isAfter(now) ? fireIn(step(start(now, weekStart), -1)) : candidate;
  }

  /** The earliest fire time strictly after {@code now}. */
  ZonedDateTime nextFire(ZonedDateTime now, DayOfWeek weekStart) {
    if (this == HOURLY) {
      return hourlyFires(now).higher(now.toInstant()).atZone(now.getZone());
    }
    ZonedDateTime candidate = fireIn(start(now, weekStart));
    return candidate.isAfter(now) ? candidate : fireIn(step(start(now, weekStart), 1));
  }

  /**
   * Hourly fires near {@code now}: :05 of every local clock hour — twice for an hour that repeats,
   * never in a gap (the next hour's run covers it). Local hours (not instant hours) keep this right
   * in zones that shift by 30 or 45 minutes.
   */
  private static TreeSet<Instant> hourlyFires(ZonedDateTime now) {
    ZoneRules rules = now.getZone().getRules();
    LocalDateTime hour = now.toLocalDateTime().truncatedTo(ChronoUnit.HOURS);
    TreeSet<Instant> fires = new TreeSet<>();
    for (int k = -3; k <= 3; k++) {
      LocalDateTime local = hour.plusHours(k).plusMinutes(5);
      for (ZoneOffset offset : rules.getValidOffsets(local)) {
        fires.add(local.toInstant(offset));
      }
    }
    return fires;
  }

  /**
   * Start of the calendar unit (hour, day, week, month) that holds {@code t}, as a local date-time.
   */
  private ZonedDateTime start(ZonedDateTime t, DayOfWeek weekStart) {
    ZoneId zone = t.getZone();
    LocalDate date = t.toLocalDate();
    return switch (this) {
      case HOURLY -> throw new IllegalStateException("hourly fires are computed by hourlyFires");
      case DAILY -> date.atStartOfDay(zone);
      case WEEKLY -> date.with(TemporalAdjusters.previousOrSame(weekStart)).atStartOfDay(zone);
      case MONTHLY -> date.withDayOfMonth(1).atStartOfDay(zone);
    };
  }

  private ZonedDateTime step(ZonedDateTime unitStart, int units) {
    return switch (this) {
      case HOURLY -> throw new IllegalStateException("hourly fires are computed by hourlyFires");
      case DAILY -> unitStart.toLocalDate().plusDays(units).atStartOfDay(unitStart.getZone());
      case WEEKLY -> unitStart.toLocalDate().plusWeeks(units).atStartOfDay(unitStart.getZone());
      case MONTHLY -> unitStart.toLocalDate().plusMonths(units).atStartOfDay(unitStart.getZone());
    };
  }

  /** The fire time inside the unit that starts at {@code unitStart}. */
  private ZonedDateTime fireIn(ZonedDateTime unitStart) {
    ZoneId zone = unitStart.getZone();
    LocalDate date = unitStart.toLocalDate();
    return switch (this) {
      case HOURLY -> throw new IllegalStateException("hourly fires are computed by hourlyFires");
      case DAILY -> ZonedDateTime.of(date, LocalTime.of(0, 15), zone);
      case WEEKLY -> ZonedDateTime.of(date, LocalTime.of(1, 0), zone);
      case MONTHLY -> ZonedDateTime.of(date, LocalTime.of(2, 0), zone);
    };
  }
}
