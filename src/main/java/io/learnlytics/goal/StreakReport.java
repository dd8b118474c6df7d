package io.learnlytics.goal;

import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.CalendarRules;
import io.learnlytics.rollup.StreakRules;
import io.learnlytics.rollup.StreakWalk;
import io.learnlytics.rollup.StreakWalk.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/analytics/streak}: the current and best streak with the days that make them, the
 * day that broke the last one and why, the setting changes that moved day boundaries, and the
 * learner's streak protection.
 */
public record StreakReport(
    Current current,
    @Nullable Streak best,
    @Nullable BreakView lastBreak,
    List<DayView> recentDays,
    List<CalendarChange> calendarChanges,
    Protection protection,
    Meta meta) {
  /** Days listed in {@code recent_days}: six weeks, enough for a month's freezes and rest days. */
  static final int RECENT_DAYS = 42;

  static final String DEFINITION =
      "A learning day counts when it has a session (and, with a minimum effort set, enough"
          + " exchanges or minutes). The streak is the number of counted days in a row; a planned"
          + " rest day or a freeze bridges a day without adding to it, and today never breaks it"
          + " until it is over.";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT_DAY =
      DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);

  static StreakReport of(StreakWalk.StreakHistory h, Buckets b, long nowUtc) {
    LocalDate today = b.learningDate(nowUtc);
    List<DayView> recent = new ArrayList<>();
    List<StreakWalk.Day> days = h.days();
    for (StreakWalk.Day d : days.subList(Math.max(0, days.size() - RECENT_DAYS), days.size())) {
      recent.add(DayView.of(d));
    }
    StreakWalk.Break br = h.lastBreak();
    return new StreakReport(
        Current.of(h, b, today, nowUtc),
        Streak.of(h.best()),
        br == null ? null : BreakView.of(br, b),
        recent,
        CalendarChange.all(b),
        Protection.of(h),
        new Meta(b.zone().getId(), Instant.ofEpochMilli(nowUtc).toString(), today, DEFINITION));
  }

  /** A streak: first and last counted day and how many counted. */
  public record Streak(int days, LocalDate start, LocalDate end) {
    static @Nullable Streak of(StreakWalk.@Nullable Run r) {
      return r == null ? null : new Streak(r.days(), r.start(), r.end());
    }
  }

  /**
   * The streak alive today (0 days when none), today's status ({@code done} or {@code pending}) and
   * the learning day it is judged in.
   */
  public record Current(int days, @Nullable Streak streak, String today, LearningDay learningDay) {
    static Current of(StreakWalk.StreakHistory h, Buckets b, LocalDate today, long nowUtc) {
      StreakWalk.Run run = h.current();
      boolean done =
          !h.days().isEmpty()
              && h.days().get(h.days().size() - 1).date().equals(today)
              && h.days().get(h.days().size() - 1).status() == Status.ACTIVE;
      return new Current(
          run == null ? 0 : run.days(),
          Streak.of(run),
          done ? "done" : "pending",
          LearningDay.of(b, today, nowUtc));
    }
  }

  /** A learning day's window in its own setting, and the hours left of it at {@code now}. */
  public record LearningDay(
      LocalDate date,
      String starts,
      String ends,
      String zone,
      int dayStartHour,
      @Nullable Double hoursLeft) {
    static LearningDay of(Buckets b, LocalDate date, long nowUtc) {
      long start = b.dayStart(date);
      long end = b.dayStart(date.plusDays(1));
      CalendarRules r = b.rulesOn(date);
      Double left =
          nowUtc >= start && nowUtc < end ? Math.round((end - nowUtc) / 360_000.0) / 10.0 : null;
      return new LearningDay(
          date, b.localLabel(start), b.localLabel(end), r.zone().getId(), r.dayStartHour(), left);
    }
  }

  /** The day that broke the last streak, why, and the window it was judged in. */
  public record BreakView(
      LocalDate date,
      String status,
      String reason,
      Streak ended,
      long sessions,
      long exchanges,
      long minutes,
      LearningDay learningDay) {
    static BreakView of(StreakWalk.Break br, Buckets b) {
      LearningDay day = LearningDay.of(b, br.date(), Long.MIN_VALUE);
      return new BreakView(
          br.date(),
          statusName(br.why()),
          reason(br, day),
          new Streak(br.ended().days(), br.ended().start(), br.ended().end()),
          br.effort().sessions(),
          br.effort().exchanges(),
          br.effort().durationMs() / 60_000,
          day);
    }

    private static String reason(StreakWalk.Break br, LearningDay day) {
      String when =
          DAY.format(br.date())
              + " (the learning day from "
              + clock(day.starts(), br.date())
              + " to "
              + clock(day.ends(), br.date())
              + ", "
              + day.zone()
              + ")";
      StreakRules r = br.rules();
      String why =
          br.why() == Status.MISSED
              ? "No session on " + when + "."
              : effort(br.effort()) + " on " + when + ", below the minimum of " + minimum(r) + ".";
      if (r.freezesPerMonth() > 0) {
        why +=
            " No freeze left for "
                + br.date().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                + " ("
                + br.freezesUsed()
                + " of "
                + r.freezesPerMonth()
                + " used).";
      }
      return why;
    }

    /** "04:00", or "04:00 on 9 November" when the local date is not the learning date. */
    private static String clock(String local, LocalDate date) {
      OffsetDateTime t = OffsetDateTime.parse(local);
      String hhmm = t.toLocalTime().toString();
      return t.toLocalDate().equals(date)
          ? hhmm
          : hhmm + " on " + SHORT_DAY.format(t.toLocalDate());
    }

    private static String effort(StreakWalk.Effort e) {
      long minutes = e.durationMs() / 60_000;
      return e.exchanges()
          + (e.exchanges() == 1 ? " exchange" : " exchanges")
          + " and "
          + minutes
          + (minutes == 1 ? " minute" : " minutes");
    }

    private static String minimum(StreakRules r) {
      List<String> parts = new ArrayList<>();
      if (r.minExchanges() > 0) {
        parts.add(r.minExchanges() + " exchanges");
      }
      if (r.minMinutes() > 0) {
        parts.add(r.minMinutes() + " minutes");
      }
      return String.join(" or ", parts);
    }
  }

  /** One judged day: {@code status} is one of {@link Status}, lowercase. */
  public record DayView(
      LocalDate date, String status, long sessions, long exchanges, long minutes) {
    static DayView of(StreakWalk.Day d) {
      return new DayView(
          d.date(),
          statusName(d.status()),
          d.effort().sessions(),
          d.effort().exchanges(),
          d.effort().durationMs() / 60_000);
    }
  }

  static String statusName(Status s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  /**
   * A change of setting: when, what before and after, and the learning day whose end it moved, with
   * that day's length in hours (24 when the boundaries did not move).
   */
  public record CalendarChange(
      String at, Setting before, Setting after, LocalDate day, double dayHours) {
    static List<CalendarChange> all(Buckets b) {
      List<CalendarChange> out = new ArrayList<>();
      List<Buckets.Change> changes = b.changes();
      for (int i = 0; i < changes.size(); i++) {
        Buckets.Change c = changes.get(i);
        CalendarRules after = i + 1 < changes.size() ? changes.get(i + 1).before() : b.rules();
        LocalDate day = b.learningDate(c.atUtc() - 1);
        double hours = (b.dayStart(day.plusDays(1)) - b.dayStart(day)) / 3_600_000.0;
        out.add(
            new CalendarChange(
                Instant.ofEpochMilli(c.atUtc()).toString(),
                Setting.of(c.before()),
                Setting.of(after),
                day,
                Math.round(hours * 100) / 100.0));
      }
      return out;
    }
  }

  /** A calendar setting as the API writes it. */
  public record Setting(String zone, int dayStartHour, String weekStart) {
    static Setting of(CalendarRules r) {
      return new Setting(
          r.zone().getId(), r.dayStartHour(), r.weekStart().name().toLowerCase(Locale.ROOT));
    }
  }

  /** The protection in force today; {@code since} is the learning day it was set. */
  public record Protection(
      boolean enabled,
      int freezesPerMonth,
      int freezesUsedThisMonth,
      int freezesLeftThisMonth,
      List<String> restDays,
      int minExchanges,
      int minMinutes) {
    static Protection of(StreakWalk.StreakHistory h) {
      StreakRules r = h.rules();
      return new Protection(
          r.protects(),
          r.freezesPerMonth(),
          h.freezesUsed(),
          Math.max(0, r.freezesPerMonth() - h.freezesUsed()),
          r.restDayNames(),
          r.minExchanges(),
          r.minMinutes());
    }
  }

  /** Zone now, when computed, today's learning date and the definition of a streak. */
  public record Meta(
      String timezone, String generatedAt, LocalDate learningDate, String definition) {}
}
