package io.learnlytics.rollup;

import io.learnlytics.store.Database;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Learning streaks from the daily rollups: consecutive learning days with at least one session
 * (DESIGN.md §5). Today without a session yet leaves the streak intact ("pending"); it breaks only
 * when a whole learning day passes without one. Days are learning days in the learner's zone, so
 * DST days and the day-start hour are handled by the buckets. The one definition of a streak, for
 * goals, milestone insights and the streak explanation alike. Read for the learner of the engine's
 * database view.
 *
 * <p>With opt-in protection ({@link StreakRules}: freezes, rest days, a minimum effort) the days
 * are judged by {@link StreakWalk} from the first; without it a streak is counted back from today,
 * which costs its length rather than the history's. Both agree where no rules are set (tested).
 */
public final class Streaks {
  private final Database db;
  private final Buckets buckets;

  Streaks(Database db, Buckets buckets) {
    this.db = db;
    this.buckets = buckets;
  }

  /**
   * The current streak and whether today already counts, as of {@code nowUtc}. Reads active days
   * newest first and stops at the first gap, so its cost is the streak's length, not the history's.
   * {@code best} here is the longest run seen within the current streak only; {@link #best}
   * computes the longest over all kept daily rollups.
   */
  public Streak at(long nowUtc) {
    List<StreakRules.Dated> rules = StreakRules.history(db);
    if (!rules.isEmpty()) {
      return summary(history(nowUtc, rules), buckets.learningDate(nowUtc));
    }
    return countBack(nowUtc);
  }

  /** Every learning day judged, with the streaks and the last break, as of {@code nowUtc}. */
  public StreakWalk.StreakHistory history(long nowUtc) {
    return history(nowUtc, StreakRules.history(db));
  }

  /** The learner's protection rules in force today, and since when. */
  public List<StreakRules.Dated> rules() {
    return StreakRules.history(db);
  }

  /** Sets the learner's protection rules from the learning day of {@code nowUtc} on. */
  public void protect(StreakRules rules, long nowUtc) {
    StreakRules.save(db, buckets.learningDate(nowUtc), rules, nowUtc);
  }

  private StreakWalk.StreakHistory history(long nowUtc, List<StreakRules.Dated> rules) {
    LocalDate today = buckets.learningDate(nowUtc);
    return StreakWalk.walk(efforts(buckets.dayStart(today.plusDays(1))), rules, today);
  }

  private static Streak summary(StreakWalk.StreakHistory h, LocalDate today) {
    StreakWalk.Run current = h.current();
    LocalDate lastActive = null;
    for (StreakWalk.Day d : h.days()) {
      if (d.status() == StreakWalk.Status.ACTIVE) {
        lastActive = d.date();
      }
    }
    int days = current == null ? 0 : current.days();
    return new Streak(
        days, days, today.equals(lastActive), lastActive, current == null ? null : current.start());
  }

  /** Without rules: counts back from today over active days, to the first missing one. */
  private Streak countBack(long nowUtc) {
    LocalDate today = buckets.learningDate(nowUtc);
    long before = buckets.dayStart(today.plusDays(1));
    return db.reader()
        .withHandle(
            h -> {
              try (var days =
                  h
                      .createQuery(
                          "SELECT period_start_utc FROM aggregated_metrics WHERE learner_id = ?"
                              + " AND interval_type = 'daily' AND session_count > 0"
                              + " AND period_start_utc < ? ORDER BY period_start_utc DESC")
                      .bind(0, db.learner())
                      .bind(1, before)
                      .mapTo(Long.class)
                      .stream()) {
                return walk(days.iterator(), today);
              }
            });
  }

  /** Counts back from today over active days, newest first, to the first missing day. */
  private Streak walk(Iterator<Long> days, LocalDate today) {
    LocalDate last = days.hasNext() ? buckets.learningDate(days.next()) : null;
    boolean todayComplete = today.equals(last);
    LocalDate expected = todayComplete ? today : today.minusDays(1);
    int current = 0;
    LocalDate day = last;
    while (day != null && day.equals(expected)) {
      current++;
      expected = expected.minusDays(1);
      day = days.hasNext() ? buckets.learningDate(days.next()) : null;
    }
    LocalDate start = current == 0 ? null : expected.plusDays(1);
    return new Streak(current, current, todayComplete, last, start);
  }

  /** The longest streak in the kept daily rollups. */
  public int best(long nowUtc) {
    List<StreakRules.Dated> rules = StreakRules.history(db);
    if (!rules.isEmpty()) {
      StreakWalk.Run best = history(nowUtc, rules).best();
      return best == null ? 0 : best.days();
    }
    List<LocalDate> active = activeDays(buckets.dayStart(buckets.learningDate(nowUtc).plusDays(1)));
    int best = 0;
    int run = 0;
    LocalDate previous = null;
    for (LocalDate d : active) {
      run = previous != null && previous.plusDays(1).equals(d) ? run + 1 : 1;
      best = Math.max(best, run);
      previous = d;
    }
    return best;
  }

  /** Learning dates with a session before {@code beforeUtc}, oldest first. */
  private List<LocalDate> activeDays(long beforeUtc) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT period_start_utc FROM aggregated_metrics WHERE learner_id = ?"
                            + " AND interval_type = 'daily' AND session_count > 0"
                            + " AND period_start_utc < ? ORDER BY period_start_utc")
                    .bind(0, db.learner())
                    .bind(1, beforeUtc)
                    .mapTo(Long.class)
                    .map(buckets::learningDate)
                    .list());
  }

  /** Each learning date with a session before {@code beforeUtc}, with its effort, by date. */
  private TreeMap<LocalDate, StreakWalk.Effort> efforts(long beforeUtc) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT period_start_utc, session_count, exchange_count, total_duration_ms"
                            + " FROM aggregated_metrics WHERE learner_id = ?"
                            + " AND interval_type = 'daily' AND session_count > 0"
                            + " AND period_start_utc < ?")
                    .bind(0, db.learner())
                    .bind(1, beforeUtc)
                    .reduceResultSet(
                        new TreeMap<LocalDate, StreakWalk.Effort>(),
                        (map, rs, ctx) -> {
                          map.put(
                              buckets.learningDate(rs.getLong(1)),
                              new StreakWalk.Effort(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                          return map;
                        }));
  }

  /** {@code best} is the longest run in the kept daily rollups; the store keeps its maximum. */
  public record Streak(
      int current,
      int best,
      boolean todayComplete,
      @Nullable LocalDate lastActiveDate,
      @Nullable LocalDate startDate) {}
}
