package io.learnlytics.dashboard;

import io.learnlytics.rollup.ComparisonWindow;
import io.learnlytics.rollup.Period;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupTotals;
import io.learnlytics.rollup.StreakWalk;
import io.learnlytics.rollup.TopicQuality;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/analytics/year}: the last 365 learning days in review, from the daily rollups:
 * totals, the best streak, the top topics, and the topics that moved most between the first half
 * (the first 182 days) and the second (the last 183, today included).
 */
public final class YearService {
  public static final Period YEAR = Period.parse("365d");
  static final int FIRST_HALF_DAYS = 182;
  static final int TOP = 5;

  /** Scores a topic needs in each half to be compared on quality. */
  public static final int MIN_SCORES = 3;

  private final Rows rows;

  YearService(Rows rows) {
    this.rows = rows;
  }

  public Year year() {
    Instant now = rows.clock.instant();
    ComparisonWindow w = ComparisonWindow.of(rows.buckets, YEAR.days(), now.toEpochMilli());
    List<Rollup> days = rows.current(w);
    LocalDate secondHalf = w.firstDay().plusDays(FIRST_HALF_DAYS);
    long split = rows.buckets.dayStart(secondHalf);
    RollupTotals all = RollupTotals.of(days);
    RollupTotals first =
        RollupTotals.of(days.stream().filter(r -> r.periodStartUtc() < split).toList());
    RollupTotals second =
        RollupTotals.of(days.stream().filter(r -> r.periodStartUtc() >= split).toList());
    Totals totals =
        new Totals(
            all.sessions,
            all.exchanges,
            Math.round(all.durationMs / 60_000.0),
            days.stream().filter(r -> r.activity().sessions() > 0).count(),
            OverviewService.round(all.quality(), 4));
    Meta meta = rows.meta(YEAR.id(), now, null, null);
    return new Year(
        w.firstDay().toString(),
        w.today().toString(),
        secondHalf.toString(),
        totals,
        bestStreak(w, now),
        top(all, TOP),
        mostImproved(first, second),
        fastestGrowing(first, second),
        meta);
  }

  /** The longest streak counted within the year (a run that began before it counts from day 1). */
  private @Nullable Streak bestStreak(ComparisonWindow w, Instant now) {
    Streak best = null;
    for (StreakWalk.Run r : rows.rollups.streaks().history(now.toEpochMilli()).runs()) {
      if (r.end().isBefore(w.firstDay())) {
        continue;
      }
      LocalDate start = r.start().isBefore(w.firstDay()) ? w.firstDay() : r.start();
      int days = (int) ChronoUnit.DAYS.between(start, r.end()) + 1;
      if (best == null || days >= best.days()) {
        best = new Streak(days, start.toString(), r.end().toString());
      }
    }
    return best;
  }

  /** The {@code limit} topics with most sessions, then most mentions, then by name. */
  static List<TopTopic> top(RollupTotals all, int limit) {
    Map<String, TopicQuality> quality = all.topicQuality();
    return all.topicSessions().entrySet().stream()
        .map(
            e ->
                new TopTopic(
                    e.getKey(),
                    e.getValue(),
                    all.topics().getOrDefault(e.getKey(), 0L),
                    OverviewService.round(
                        quality.getOrDefault(e.getKey(), new TopicQuality(0, 0)).mean(), 4)))
        .sorted(
            Comparator.comparingLong(TopTopic::sessions)
                .thenComparingLong(TopTopic::mentions)
                .reversed()
                .thenComparing(TopTopic::name))
        .limit(limit)
        .toList();
  }

  /**
   * The topic whose answer quality rose most from the first half to the second, among topics with
   * at least {@value #MIN_SCORES} scores in each (ties: first by name); null when none rose.
   */
  static @Nullable Change mostImproved(RollupTotals first, RollupTotals second) {
    Change best = null;
    for (Map.Entry<String, TopicQuality> e : second.topicQuality().entrySet()) {
      TopicQuality before = first.topicQuality().get(e.getKey());
      TopicQuality after = e.getValue();
      if (before == null || before.count() < MIN_SCORES || after.count() < MIN_SCORES) {
        continue;
      }
      double b = before.sum() / before.count();
      double a = after.sum() / after.count();
      if (a > b && (best == null || a - b > best.after() - best.before())) {
        best = new Change(e.getKey(), round(b), round(a));
      }
    }
    return best;
  }

  /**
   * The topic whose sessions grew most from the first half to the second (ties: first by name);
   * null when none grew.
   */
  static @Nullable Change fastestGrowing(RollupTotals first, RollupTotals second) {
    Change best = null;
    for (Map.Entry<String, Long> e : second.topicSessions().entrySet()) {
      long before = first.topicSessions().getOrDefault(e.getKey(), 0L);
      long after = e.getValue();
      if (after > before && (best == null || after - before > best.after() - best.before())) {
        best = new Change(e.getKey(), before, after);
      }
    }
    return best;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  /**
   * {@code from}..{@code to}: the year's learning days; {@code secondHalfFrom}: where the halves
   * compared by {@code mostImproved} and {@code fastestGrowing} split.
   */
  public record Year(
      String from,
      String to,
      String secondHalfFrom,
      Totals totals,
      @Nullable Streak bestStreak,
      List<TopTopic> topTopics,
      @Nullable Change mostImproved,
      @Nullable Change fastestGrowing,
      Meta meta) {}

  /** {@code quality}: the year's answer quality (mean composite score), null without scores. */
  public record Totals(
      long sessions, long exchanges, long minutes, long daysLearned, @Nullable Double quality) {}

  public record Streak(int days, String start, String end) {}

  /** Sessions mentioning the topic, its mentions, its answer quality. */
  public record TopTopic(String name, long sessions, long mentions, @Nullable Double quality) {}

  /**
   * {@code before}/{@code after}: the first and the second half's value (mean answer quality for
   * the most improved topic, sessions for the fastest growing one).
   */
  public record Change(String name, double before, double after) {}
}
