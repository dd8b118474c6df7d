package io.learnlytics.dashboard;

import io.learnlytics.goal.GoalService;
import io.learnlytics.insight.Insight;
import io.learnlytics.insight.InsightService;
import io.learnlytics.rollup.ComparisonWindow;
import io.learnlytics.rollup.Period;
import io.learnlytics.rollup.RollupTotals;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code GET /api/analytics/overview}: the period's summary and its change against the last. */
public final class OverviewService {
  private final Rows rows;
  static final int RECENT_INSIGHTS = 3;

  private final GoalService goals;
  private final InsightService insights;

  OverviewService(Rows rows, GoalService goals, InsightService insights) {
    this.rows = rows;
    this.goals = goals;
    this.insights = insights;
  }

  public Overview overview(Period period) {
    Instant now = rows.clock.instant();
    ComparisonWindow w = ComparisonWindow.of(rows.buckets, period.days(), now.toEpochMilli());
    RollupTotals cur = RollupTotals.of(rows.current(w));
    RollupTotals prev = RollupTotals.of(rows.previous(w));
    Summary summary = summary(cur);
    TrendBlock trends = trends(cur, prev);
    Meta meta = rows.meta(period.id(), now, w.comparison(), null);
    return new Overview(summary, trends, insights.recent(RECENT_INSIGHTS), goals.active(), meta);
  }

  private Summary summary(RollupTotals cur) {
    return new Summary(
        cur.sessions,
        cur.exchanges,
        round(cur.quality(), 4),
        goals.streak().current(),
        cur.topics().size(),
        Math.round(cur.durationMs / 600.0) / 100.0,
        cur.feedback);
  }

  private static TrendBlock trends(RollupTotals cur, RollupTotals prev) {
    return new TrendBlock(
        Change.of(cur.sessions, (double) prev.sessions),
        Change.of(cur.quality(), prev.quality()),
        Change.of(cur.engagement(), prev.engagement()),
        Change.of(cur.exchanges, (double) prev.exchanges));
  }

  static @Nullable Double round(@Nullable Double v, int digits) {
    if (v == null) {
      return null;
    }
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  /** The spec's overview shape; {@code recent_insights} and {@code active_goals} come later. */
  public record Overview(
      Summary summary,
      TrendBlock trends,
      List<Insight> recentInsights,
      List<GoalService.GoalView> activeGoals,
      Meta meta) {}

  public record Summary(
      long totalSessions,
      long totalExchanges,
      @Nullable Double avgQuality,
      int streakDays,
      int uniqueTopics,
      double totalDurationMinutes,
      long totalFeedback) {}

  public record TrendBlock(Change sessions, Change quality, Change engagement, Change exchanges) {}

  /**
   * A value and its relative change against the previous period in percent (15.2 = +15.2 %); the
   * change is null when the previous period had nothing to compare with.
   */
  public record Change(@Nullable Double value, @Nullable Double change, String direction) {
    static Change of(double value, @Nullable Double previous) {
      return of((Double) value, previous);
    }

    static Change of(@Nullable Double value, @Nullable Double previous) {
      if (value == null || previous == null || previous == 0) {
        String d = value != null && value > 0 && previous != null ? "up" : "flat";
        return new Change(round(value, 4), null, d);
      }
      double pct = (value - previous) / previous * 100;
      String d = Math.abs(pct) < 0.5 ? "flat" : pct > 0 ? "up" : "down";
      return new Change(round(value, 4), round(pct, 1), d);
    }
  }
}
