package io.learnlytics.rollup;

import io.learnlytics.store.Database;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Learning streaks from the daily rollups: consecutive learning days with at least one session
 * (DESIGN.md §5). Today without a session yet leaves the streak intact ("pending"); it breaks only
 * when a whole learning day passes without one. Days are learning days in the learner's zone, so
 * DST days and the day-start hour are handled by the buckets. The one definition of a streak, for
 * goals and milestone insights alike. Read for the learner of the engine's database view.
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

  /** The longest run of consecutive active learning days in the kept daily rollups. */
  public int best(long nowUtc) {
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

  /** {@code best} is the longest run in the kept daily rollups; the store keeps its maximum. */
  public record Streak(
      int current,
      int best,
      boolean todayComplete,
      @Nullable LocalDate lastActiveDate,
      @Nullable LocalDate startDate) {}
}
