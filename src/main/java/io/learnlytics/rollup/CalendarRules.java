package io.learnlytics.rollup;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * One calendar setting — zone, the local hour a learning day starts, the first day of the week —
 * and the day and hour arithmetic it implies (DESIGN.md §5). {@link Buckets} strings these together
 * when a learner changes their settings.
 *
 * <ul>
 *   <li>An hour is a local clock hour at one UTC offset: an offset change also starts a new hour. A
 *       fall-back day therefore has two 01:00 hours (01:00 EDT and 01:00 EST), and in
 *       Australia/Lord_Howe, whose clocks move by 30 minutes, the repeated half hour is an hour
 *       bucket of its own. In Asia/Kolkata hours start at :30 UTC.
 *   <li>A learning day starts at the configured local hour on its date (with day-start hour 4,
 *       01:30 on Tuesday belongs to Monday). Days last 23, 24 or 25 hours across DST changes. A
 *       start time that falls in a DST gap moves to the end of the gap; one that falls in an
 *       overlap takes the earlier instant.
 * </ul>
 */
public record CalendarRules(ZoneId zone, int dayStartHour, DayOfWeek weekStart) {

  public CalendarRules {
    if (dayStartHour < 0 || dayStartHour > 23) {
      throw new IllegalArgumentException("day start hour must be 0 to 23: " + dayStartHour);
    }
  }

  /**
   * Start (UTC epoch ms) of the learning day dated {@code date}: the day-start hour on that date;
   * in a DST gap, the end of the gap; in an overlap, the earlier instant.
   */
  long dayStart(LocalDate date) {
    LocalDateTime local = LocalDateTime.of(date, LocalTime.of(dayStartHour, 0));
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant().toEpochMilli();
    }
    return ZonedDateTime.of(local, zone).toInstant().toEpochMilli();
  }

  /**
   * The date d with {@code dayStart(d) <= t < dayStart(d + 1)}. The local date, shifted back before
   * the day-start hour, is right except when the day-start hour itself falls in a DST change; then
   * it is off by at most one day either way, corrected here.
   */
  LocalDate learningDate(Instant t) {
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    LocalDate date = local.toLocalDate();
    LocalDate guess = local.getHour() < dayStartHour ? date.minusDays(1) : date;
    long ms = t.toEpochMilli();
    if (dayStart(guess) > ms) {
      return guess.minusDays(1);
    }
    return dayStart(guess.plusDays(1)) <= ms ? guess.plusDays(1) : guess;
  }

  /** First date of the week, by this setting's week start, that holds {@code date}. */
  LocalDate weekDate(LocalDate date) {
    return date.with(TemporalAdjusters.previousOrSame(weekStart));
  }

  long hourStart(Instant t) {
    ZoneRules rules = zone.getRules();
    int offset = rules.getOffset(t).getTotalSeconds();
    long localSeconds = t.getEpochSecond() + offset;
    long truncatedUtc = Math.floorDiv(localSeconds, 3600) * 3600 - offset;
    ZoneOffsetTransition previous = rules.previousTransition(t.plusNanos(1));
    long start = truncatedUtc;
    if (previous != null) {
      start = Math.max(start, previous.getInstant().getEpochSecond());
    }
    return start * 1000;
  }

  long hourEnd(Instant start) {
    ZoneRules rules = zone.getRules();
    int offset = rules.getOffset(start).getTotalSeconds();
    long localSeconds = start.getEpochSecond() + offset;
    long nextLocalHourUtc = (Math.floorDiv(localSeconds, 3600) + 1) * 3600 - offset;
    ZoneOffsetTransition next = rules.nextTransition(start);
    long end = nextLocalHourUtc;
    if (next != null) {
      end = Math.min(end, next.getInstant().getEpochSecond());
    }
    return end * 1000;
  }
}
