package io.learnlytics.rollup;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Assigns instants to hour, day, week and month buckets in the learner's calendar (DESIGN.md §5).
 *
 * <p>A bucket is the half-open instant range {@code [start, end)} and is keyed by its UTC start, so
 * that buckets are unique however the local clock behaves. Hours and days follow {@link
 * CalendarRules}; a week is the learning days from the configured first day to the next; a month is
 * the learning days dated in that calendar month.
 *
 * <p><b>Settings change forward.</b> A learner who changes zone, day start or week start gets a new
 * era of {@link CalendarRules} from the instant of the change. Days that ended before it keep the
 * boundaries they had; the day in progress keeps its start and ends where the new setting's next
 * day starts (a learner who flies from Berlin to Los Angeles has one 33-hour day; the way back
 * gives a 15-hour day). Dates never go backwards: the new setting's days are dated from the day in
 * progress onward. The week in progress likewise keeps its first day, and runs to the new setting's
 * next week start. Hours split at the change instant.
 */
public final class Buckets {
  private final List<Era> eras;
  private final CalendarRules current;

  public Buckets(ZoneId zone, int dayStartHour, DayOfWeek weekStart) {
    this(new CalendarRules(zone, dayStartHour, weekStart));
  }

  public Buckets(CalendarRules rules) {
    this.eras = List.of(new Era(Long.MIN_VALUE, null, rules));
    this.current = rules;
  }

  private Buckets(List<Era> eras) {
    this.eras = List.copyOf(eras);
    this.current = eras.get(eras.size() - 1).rules();
  }

  /**
   * The calendar of a learner whose settings changed: {@code history} holds, oldest first, each
   * setting with the instant up to which it applied; {@code current} applies from the last one on.
   */
  public static Buckets withHistory(List<Change> history, CalendarRules current) {
    if (history.isEmpty()) {
      return new Buckets(current);
    }
    List<Era> eras = new ArrayList<>();
    eras.add(new Era(Long.MIN_VALUE, null, history.get(0).before()));
    for (int i = 0; i < history.size(); i++) {
      long at = history.get(i).atUtc();
      CalendarRules next = i + 1 < history.size() ? history.get(i + 1).before() : current;
      LocalDate inProgress = new Buckets(eras).learningDate(at - 1);
      eras.add(new Era(at, inProgress, next));
    }
    return new Buckets(eras);
  }

  /** The zone in effect now (after the last change). */
  public ZoneId zone() {
    return current.zone();
  }

  /** The zone in effect at {@code epochMs}. */
  public ZoneId zoneAt(long epochMs) {
    return eraAt(epochMs).rules().zone();
  }

  /** The local hour a learning day starts at, now. */
  public int dayStartHour() {
    return current.dayStartHour();
  }

  /** The first day of the week, now. */
  public DayOfWeek weekStart() {
    return current.weekStart();
  }

  /** The setting in effect now. */
  public CalendarRules rules() {
    return current;
  }

  /** The setting that cut the learning day dated {@code date} (the one in effect at its start). */
  public CalendarRules rulesOn(LocalDate date) {
    return eraOf(date).rules();
  }

  /** Every change of setting, oldest first: where day boundaries moved. */
  public List<Change> changes() {
    List<Change> out = new ArrayList<>();
    for (int i = 1; i < eras.size(); i++) {
      out.add(new Change(eras.get(i).fromUtc(), eras.get(i - 1).rules()));
    }
    return out;
  }

  /** Start (UTC epoch ms) of the bucket of {@code level} that holds {@code epochMs}. */
  public long start(Level level, long epochMs) {
    return switch (level) {
      case HOURLY -> hourStart(epochMs);
      case DAILY -> dayStart(learningDate(epochMs));
      case WEEKLY -> dayStart(weekDate(learningDate(epochMs)));
      case MONTHLY -> dayStart(learningDate(epochMs).withDayOfMonth(1));
    };
  }

  /** End (exclusive, UTC epoch ms) of the bucket of {@code level} that starts at {@code start}. */
  public long end(Level level, long start) {
    return switch (level) {
      case HOURLY -> hourEnd(start);
      case DAILY -> dayStart(learningDate(start).plusDays(1));
      case WEEKLY -> dayStart(nextWeekDate(weekDate(learningDate(start))));
      case MONTHLY -> dayStart(learningDate(start).withDayOfMonth(1).plusMonths(1));
    };
  }

  /** The learning date an instant belongs to (shifted back a day before the day-start hour). */
  public LocalDate learningDate(long epochMs) {
    Era era = eraAt(epochMs);
    LocalDate date = era.rules().learningDate(Instant.ofEpochMilli(epochMs));
    LocalDate floor = era.inProgress();
    return floor != null && date.isBefore(floor) ? floor : date;
  }

  /**
   * Start (UTC epoch ms) of the learning day dated {@code date}: the day-start hour on that date in
   * the setting of its era; never before the change that began the era.
   */
  public long dayStart(LocalDate date) {
    Era era = eraOf(date);
    long start = era.rules().dayStart(date);
    return era.inProgress() == null ? start : Math.max(start, era.fromUtc());
  }

  /** First learning date of the week that holds {@code date}. */
  public LocalDate weekDate(LocalDate date) {
    Era era = eraOf(date);
    LocalDate first = era.rules().weekDate(date);
    LocalDate inProgress = era.inProgress();
    // the week in progress at a change keeps the first day it had
    return inProgress != null && !first.isAfter(inProgress) ? weekDate(inProgress) : first;
  }

  /** The bucket start as local date-time with offset, e.g. {@code 2025-11-02T01:00-05:00}. */
  public String localLabel(long start) {
    return Instant.ofEpochMilli(start).atZone(zoneAt(start)).toOffsetDateTime().toString();
  }

  /**
   * The first date after {@code weekDate}'s week: seven days on, or up to six more for each change
   * that moved the week start while the week was in progress. It always ends: a week start comes
   * within seven days of the last change.
   */
  private LocalDate nextWeekDate(LocalDate weekDate) {
    if (eras.size() == 1) {
      return weekDate.plusWeeks(1);
    }
    LocalDate d = weekDate.plusDays(1);
    while (weekDate(d).equals(weekDate)) {
      d = d.plusDays(1);
    }
    return d;
  }

  private long hourStart(long epochMs) {
    Era era = eraAt(epochMs);
    return Math.max(era.fromUtc(), era.rules().hourStart(Instant.ofEpochMilli(epochMs)));
  }

  private long hourEnd(long start) {
    long end = eraAt(start).rules().hourEnd(Instant.ofEpochMilli(start));
    for (Era e : eras) {
      if (e.fromUtc() > start && e.fromUtc() < end) {
        return e.fromUtc();
      }
    }
    return end;
  }

  private Era eraAt(long epochMs) {
    for (int i = eras.size() - 1; i > 0; i--) {
      if (eras.get(i).fromUtc() <= epochMs) {
        return eras.get(i);
      }
    }
    return eras.get(0);
  }

  /** The era whose setting starts the day dated {@code date}: the day in progress is the old's. */
  private Era eraOf(LocalDate date) {
    for (int i = eras.size() - 1; i > 0; i--) {
      LocalDate inProgress = eras.get(i).inProgress();
      if (inProgress != null && date.isAfter(inProgress)) {
        return eras.get(i);
      }
    }
    return eras.get(0);
  }

  /**
   * A change of setting: {@code before} applied up to {@code atUtc} (exclusive).
   *
   * @param atUtc the instant of the change, UTC epoch ms
   */
  public record Change(long atUtc, CalendarRules before) {}

  /**
   * The setting from {@code fromUtc} on; {@code inProgress} is the learning date in progress at the
   * change (null for the first era), which the new setting's days never precede.
   */
  private record Era(long fromUtc, @Nullable LocalDate inProgress, CalendarRules rules) {}
}
