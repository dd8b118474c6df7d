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
 * Assigns instants to hour, day, week and month buckets in the learner's zone (DESIGN.md §5).
 *
 * <p>A bucket is the half-open instant range {@code [start, end)} and is keyed by its UTC start, so
 * that buckets are unique however the local clock behaves:
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
 *   <li>A week is seven learning days from the configured first day; a month is the learning days
 *       dated in that calendar month.
 * </ul>
 */
public final class Buckets {
  private final ZoneId zone;
  private final ZoneRules rules;
  private final LocalTime dayStart;
  private final DayOfWeek weekStart;

  public Buckets(ZoneId zone, int dayStartHour, DayOfWeek weekStart) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.dayStart = LocalTime.of(dayStartHour, 0);
    this.weekStart = weekStart;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The local hour a learning day starts at. */
  public int dayStartHour() {
    return dayStart.getHour();
  }

  public DayOfWeek weekStart() {
    return weekStart;
  }

  /** Start (UTC epoch ms) of the bucket of {@code level} that holds {@code epochMs}. */
  public long start(Level level, long epochMs) {
    Instant t = Instant.ofEpochMilli(epochMs);
    return switch (level) {
      case HOURLY -> hourStart(t);
      case DAILY -> dayStart(learningDate(t));
      case WEEKLY -> dayStart(weekDate(learningDate(t)));
      case MONTHLY -> dayStart(learningDate(t).withDayOfMonth(1));
    };
  }

  /** End (exclusive, UTC epoch ms) of the bucket of {@code level} that starts at {@code start}. */
  public long end(Level level, long start) {
    Instant s = Instant.ofEpochMilli(start);
    return switch (level) {
      case HOURLY -> hourEnd(s);
      case DAILY -> dayStart(learningDate(s).plusDays(1));
      case WEEKLY -> dayStart(learningDate(s).plusWeeks(1));
      case MONTHLY -> dayStart(learningDate(s).plusMonths(1));
    };
  }

  /** The learning date an instant belongs to (shifted back a day before the day-start hour). */
  public LocalDate learningDate(long epochMs) {
    return learningDate(Instant.ofEpochMilli(epochMs));
  }

  /**
   * Start (UTC epoch ms) of the learning day dated {@code date}: the day-start hour on that date;
   * in a DST gap, the end of the gap; in an overlap, the earlier instant.
   */
  public long dayStart(LocalDate date) {
    LocalDateTime local = LocalDateTime.of(date, dayStart);
    ZoneOffsetTransition transition = rules.getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant().toEpochMilli();
    }
    return ZonedDateTime.of(local, zone).toInstant().toEpochMilli();
  }

  /** First learning date of the week that holds {@code date}. */
  public LocalDate weekDate(LocalDate date) {
    return date.with(TemporalAdjusters.previousOrSame(weekStart));
  }

  /** The bucket start as local date-time with offset, e.g. {@code 2025-11-02T01:00-05:00}. */
  public String localLabel(long start) {
    return Instant.ofEpochMilli(start).atZone(zone).toOffsetDateTime().toString();
  }

  /**
   * The date d with {@code dayStart(d) <= t < dayStart(d + 1)}. The local date, shifted back before
   * the day-start hour, is right except when the day-start hour itself falls in a DST change; then
   * it is off by at most one day either way, corrected here.
   */
  private LocalDate learningDate(Instant t) {
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    LocalDate date = local.toLocalDate();
    LocalDate guess = local.toLocalTime().isBefore(dayStart) ? date.minusDays(1) : date;
    long ms = t.toEpochMilli();
    if (dayStart(guess) > ms) {
      return guess.minusDays(1);
    }
    return dayStart(guess.plusDays(1)) <= ms ? guess.plusDays(1) : guess;
  }

  private long hourStart(Instant t) {
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

  private long hourEnd(Instant start) {
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
