package io.learnlytics.dashboard;

import io.learnlytics.rollup.ComparisonWindow;
import io.learnlytics.rollup.DimensionReader;
import io.learnlytics.rollup.Period;
import io.learnlytics.rollup.QualityDimensions;
import io.learnlytics.rollup.Rollup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/analytics/quality}: the specification's radar chart of quality dimensions and its
 * feedback-breakdown bar chart, for a period and the previous period of equal elapsed time (the
 * overview's comparison). Dimension means are over the scores carrying each dimension, read from
 * the day states ({@link DimensionReader}); feedback counts come from the rollups.
 */
public final class QualityService {
  static final List<String> DIMENSION_LABELS =
      List.of("Relevance", "Helpfulness", "Accuracy", "Clarity", "Engagement");
  static final List<String> FEEDBACK_LABELS =
      List.of("Positive", "Negative", "Corrections", "Clarifications", "Other");
  static final String CURRENT_COLOR = "#4F46E5";
  static final String PREVIOUS_COLOR = "#9CA3AF";

  private final Rows rows;
  private final DimensionReader dimensions;

  QualityService(Rows rows, DimensionReader dimensions) {
    this.rows = rows;
    this.dimensions = dimensions;
  }

  public Quality quality(Period period) {
    Instant now = rows.clock.instant();
    ComparisonWindow w = ComparisonWindow.of(rows.buckets, period.days(), now.toEpochMilli());
    QualityDimensions cur =
        dimensions.read(w.currentFromUtc(), w.dayAfterTodayUtc(), w.dayAfterTodayUtc());
    QualityDimensions prev =
        dimensions.read(w.previousFromUtc(), w.previousLastDayStartUtc(), w.previousCutoffUtc());
    FeedbackCounts fc = FeedbackCounts.of(rows.currentCounts(w));
    FeedbackCounts pfc = FeedbackCounts.of(rows.previous(w));
    Chart radar =
        new Chart(
            DIMENSION_LABELS,
            List.of(
                dataset("This period", means(cur), CURRENT_COLOR),
                dataset("Previous period", means(prev), PREVIOUS_COLOR)));
    Chart feedback =
        new Chart(
            FEEDBACK_LABELS,
            List.of(
                dataset("This period", fc.bars(), CURRENT_COLOR),
                dataset("Previous period", pfc.bars(), PREVIOUS_COLOR)));
    Meta meta = rows.meta(period.id(), now, w.comparison(), null);
    return new Quality(radar, table(cur, prev), feedback, fc, pfc, meta);
  }

  private static Chart.Dataset dataset(String label, List<? extends Number> data, String color) {
    return new Chart.Dataset(label, data, color, color + "33", null);
  }

  /** Each dimension's mean rounded to 4 digits, null (a gap in the chart) without scores. */
  private static List<@Nullable Double> means(QualityDimensions d) {
    List<@Nullable Double> out = new ArrayList<>();
    d.dimensions().forEach(x -> out.add(OverviewService.round(x.mean(), 4)));
    return out;
  }

  private static List<DimensionRow> table(QualityDimensions cur, QualityDimensions prev) {
    List<DimensionRow> out = new ArrayList<>();
    for (int i = 0; i < cur.dimensions().size(); i++) {
      QualityDimensions.Dimension c = cur.dimensions().get(i);
      QualityDimensions.Dimension p = prev.dimensions().get(i);
      out.add(
          new DimensionRow(
              c.name(),
              OverviewService.round(c.mean(), 4),
              c.count(),
              OverviewService.round(p.mean(), 4),
              p.count()));
    }
    return out;
  }

  /**
   * The feedback of a span by kind: positive ({@code thumbs_up, copy, share}, rating ≥ 4), negative
   * ({@code thumbs_down}, rating ≤ 2), corrections, clarifications, and other ({@code follow_up},
   * rating 3), which add up to {@code total}.
   */
  public record FeedbackCounts(
      long total, long positive, long negative, long corrections, long clarifications, long other) {
    static FeedbackCounts of(List<Rollup> rows) {
      long[] n = new long[5];
      for (Rollup r : rows) {
        Rollup.Feedback f = r.feedback();
        n[0] += f.count();
        n[1] += f.positive();
        n[2] += f.negative();
        n[3] += f.corrections();
        n[4] += f.clarifications();
      }
      return new FeedbackCounts(n[0], n[1], n[2], n[3], n[4], n[0] - n[1] - n[2] - n[3] - n[4]);
    }

    List<Long> bars() {
      return List.of(positive, negative, corrections, clarifications, other);
    }
  }

  /** One dimension: its mean and how many scores carried it, now and in the previous period. */
  public record DimensionRow(
      String name,
      @Nullable Double mean,
      long scores,
      @Nullable Double previousMean,
      long previousScores) {}

  public record Quality(
      Chart radar,
      List<DimensionRow> dimensions,
      Chart feedback,
      FeedbackCounts feedbackCounts,
      FeedbackCounts previousFeedbackCounts,
      Meta meta) {}
}
