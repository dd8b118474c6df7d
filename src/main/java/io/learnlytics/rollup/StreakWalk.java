package io.learnlytics.rollup;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.jspecify.annotations.Nullable;

/**
 * Walks a learner's learning days from the first with a session to today, judging each under the
 * streak rules in force that day: it counts, is bridged (a rest day, or a freeze spent on a miss),
 * breaks the streak, or — today — is still pending. Freezes are spent automatically on the first
 * misses of a month, as far as that month's allowance goes.
 */
public final class StreakWalk {
  private final NavigableMap<LocalDate, Effort> days;
  private final List<StreakRules.Dated> rules;
  private final List<Day> out = new ArrayList<>();
  private final List<Run> runs = new ArrayList<>();
  private final Map<YearMonth, Integer> freezesUsed = new HashMap<>();
  private @Nullable Run run;
  private @Nullable Break lastBreak;

  private StreakWalk(NavigableMap<LocalDate, Effort> days, List<StreakRules.Dated> rules) {
    this.days = days;
    this.rules = rules;
  }

  /** Judges every day from the first with a session to {@code today}. */
  static StreakHistory walk(
      NavigableMap<LocalDate, Effort> days, List<StreakRules.Dated> rules, LocalDate today) {
    StreakWalk w = new StreakWalk(days, rules);
    if (!days.isEmpty()) {
      for (LocalDate d = days.firstKey(); !d.isAfter(today); d = d.plusDays(1)) {
        w.judge(d, today);
      }
    }
    Run alive = w.run;
    if (alive != null) {
      w.runs.add(alive);
    }
    int used = w.freezesUsed.getOrDefault(YearMonth.from(today), 0);
    return new StreakHistory(w.out, w.runs, alive, w.lastBreak, used, w.rulesOn(today));
  }

  private void judge(LocalDate d, LocalDate today) {
    StreakRules r = rulesOn(d);
    Effort e = days.getOrDefault(d, Effort.NONE);
    Run current = run;
    if (r.counts(e.sessions(), e.exchanges(), e.durationMs())) {
      Run next =
          current == null ? new Run(d, d, 1) : new Run(current.start(), d, current.days() + 1);
      run = next;
      out.add(new Day(d, Status.ACTIVE, e));
    } else if (d.equals(today)) {
      out.add(new Day(d, Status.PENDING, e));
    } else if (current == null) {
      out.add(new Day(d, Status.IDLE, e));
    } else if (r.restDays().contains(d.getDayOfWeek())) {
      out.add(new Day(d, Status.REST, e));
    } else if (freezesUsed.getOrDefault(YearMonth.from(d), 0) < r.freezesPerMonth()) {
      freezesUsed.merge(YearMonth.from(d), 1, Integer::sum);
      out.add(new Day(d, Status.FROZEN, e));
    } else {
      Status why = e.sessions() > 0 ? Status.TOO_LITTLE : Status.MISSED;
      out.add(new Day(d, why, e));
      int used = freezesUsed.getOrDefault(YearMonth.from(d), 0);
      lastBreak = new Break(d, why, e, current, r, used);
      runs.add(current);
      run = null;
    }
  }

  private StreakRules rulesOn(LocalDate d) {
    StreakRules r = StreakRules.NONE;
    for (StreakRules.Dated dated : rules) {
      if (!dated.from().isAfter(d)) {
        r = dated.rules();
      }
    }
    return r;
  }

  /** What a learning day had: sessions, exchanges and time. */
  public record Effort(long sessions, long exchanges, long durationMs) {
    static final Effort NONE = new Effort(0, 0, 0);
  }

  /** How a learning day was judged. */
  public enum Status {
    /** Counted: a session, with the minimum effort when one is set. */
    ACTIVE,
    /** A planned rest day without learning: bridges the streak. */
    REST,
    /** A miss bridged by a freeze. */
    FROZEN,
    /** Sessions below the minimum effort: broke the streak. */
    TOO_LITTLE,
    /** No session: broke the streak. */
    MISSED,
    /** Today, not counted yet: the streak is still alive. */
    PENDING,
    /** No streak to keep or break. */
    IDLE
  }

  /** One judged learning day. */
  public record Day(LocalDate date, Status status, Effort effort) {}

  /** A streak: its first and last counted day, and how many days counted. */
  public record Run(LocalDate start, LocalDate end, int days) {}

  /**
   * The day that broke a streak.
   *
   * @param ended the streak it broke
   * @param rules the rules in force that day
   * @param freezesUsed freezes already spent in that month
   */
  public record Break(
      LocalDate date, Status why, Effort effort, Run ended, StreakRules rules, int freezesUsed) {}

  /**
   * Every judged day and streak.
   *
   * @param current the streak alive today (last counted yesterday or today, bridges allowed)
   * @param freezesUsed freezes spent this month
   * @param rules the rules in force today
   */
  public record StreakHistory(
      List<Day> days,
      List<Run> runs,
      @Nullable Run current,
      @Nullable Break lastBreak,
      int freezesUsed,
      StreakRules rules) {

    /** The longest streak, the latest of equals. */
    public @Nullable Run best() {
      Run best = null;
      for (Run r : runs) {
        if (best == null || r.days() >= best.days()) {
          best = r;
        }
      }
      return best;
    }
  }
}
