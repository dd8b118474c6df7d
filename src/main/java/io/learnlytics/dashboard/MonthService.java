package io.learnlytics.dashboard;

import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupTotals;
import io.learnlytics.rollup.StreakWalk;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/analytics/month}: one calendar month of learning days in the learner's zone and
 * day start, the specification's monthly summary report: its totals against the month before, its
 * top topics, the topics first studied in it, and its longest streak. Summed from the daily
 * rollups, so a month that spans a change of zone or day start keeps the days it had.
 */
public final class MonthService {
  static final int TOP = 5;

  private final Rows rows;

  MonthService(Rows rows) {
    this.rows = rows;
  }

  /** The month of today's learning date. */
  public YearMonth current() {
    return YearMonth.from(rows.buckets.learningDate(rows.clock.millis()));
  }

  /** The report of {@code month} (the current one is reported so far, {@code complete: false}). */
  public Month month(YearMonth month) {
    Instant now = rows.clock.instant();
    LocalDate today = rows.buckets.learningDate(now.toEpochMilli());
    List<Rollup> days = days(month);
    List<Rollup> daysBefore = days(month.minusMonths(1));
    RollupTotals cur = RollupTotals.of(days);
    RollupTotals prev = RollupTotals.of(daysBefore);
    Summary summary = Summary.of(month, cur, days);
    Summary before = Summary.of(month.minusMonths(1), prev, daysBefore);
    Changes changes =
        new Changes(
            OverviewService.Change.of(cur.sessions, (double) prev.sessions),
            OverviewService.Change.of(cur.exchanges, (double) prev.exchanges),
            OverviewService.Change.of(summary.minutes(), (double) before.minutes()),
            OverviewService.Change.of(summary.daysLearned(), (double) before.daysLearned()),
            OverviewService.Change.of(cur.quality(), prev.quality()));
    Meta meta = rows.meta("month", now, null, null);
    return new Month(
        month.toString(),
        month.atDay(1).toString(),
        month.atEndOfMonth().toString(),
        month.isBefore(YearMonth.from(today)),
        summary,
        before,
        changes,
        YearService.top(cur, TOP),
        newTopics(month, cur),
        bestStreak(month, now),
        meta);
  }

  private List<Rollup> days(YearMonth month) {
    return rows.days(month.atDay(1), month.atEndOfMonth());
  }

  /** Topics with a session in the month and no mention in any month before it. */
  private List<String> newTopics(YearMonth month, RollupTotals cur) {
    long start = rows.buckets.dayStart(month.atDay(1));
    Set<String> earlier = new TreeSet<>();
    for (Rollup r : rows.level(Level.MONTHLY, Long.MIN_VALUE, start)) {
      earlier.addAll(r.topics().distribution().keySet());
    }
    return cur.topicSessions().keySet().stream().filter(t -> !earlier.contains(t)).toList();
  }

  /** The longest run of learning days inside the month (a run that crosses its edges is cut). */
  private YearService.@Nullable Streak bestStreak(YearMonth month, Instant now) {
    LocalDate first = month.atDay(1);
    LocalDate last = month.atEndOfMonth();
    YearService.Streak best = null;
    for (StreakWalk.Run r : rows.rollups.streaks().history(now.toEpochMilli()).runs()) {
      if (r.end().isBefore(first) || r.start().isAfter(last)) {
        continue;
      }
      LocalDate start = r.start().isBefore(first) ? first : r.start();
      LocalDate end = r.end().isAfter(last) ? last : r.end();
      int days = (int) ChronoUnit.DAYS.between(start, end) + 1;
      if (best == null || days > best.days()) {
        best = new YearService.Streak(days, start.toString(), end.toString());
      }
    }
    return best;
  }

  /**
   * {@code complete}: false for the month in progress. {@code previous} is the month before, in the
   * same shape; {@code changes} compare the two (percent, null when the month before had none).
   */
  public record Month(
      String month,
      String from,
      String to,
      boolean complete,
      Summary summary,
      Summary previous,
      Changes changes,
      List<YearService.TopTopic> topTopics,
      List<String> newTopics,
      YearService.@Nullable Streak bestStreak,
      Meta meta) {}

  /**
   * One month's totals; {@code quality} is the mean answer quality and {@code positive_feedback}
   * the share of feedback that was positive, each null without any.
   */
  public record Summary(
      String month,
      long sessions,
      long exchanges,
      long minutes,
      long daysLearned,
      long topics,
      @Nullable Double quality,
      @Nullable Double positiveFeedback) {
    static Summary of(YearMonth month, RollupTotals t, List<Rollup> days) {
      return new Summary(
          month.toString(),
          t.sessions,
          t.exchanges,
          Math.round(t.durationMs / 60_000.0),
          days.stream().filter(r -> r.activity().sessions() > 0).count(),
          t.topicSessions().size(),
          OverviewService.round(t.quality(), 4),
          t.feedback == 0 ? null : OverviewService.round((double) t.positive / t.feedback, 4));
    }
  }

  public record Changes(
      OverviewService.Change sessions,
      OverviewService.Change exchanges,
      OverviewService.Change minutes,
      OverviewService.Change daysLearned,
      OverviewService.Change quality) {}
}
