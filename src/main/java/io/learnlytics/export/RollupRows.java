package io.learnlytics.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.support.Json;
import java.util.List;
import java.util.function.Consumer;

/** Rollup rows of an export: read a chunk of days at a time, written as daily/weekly summaries. */
final class RollupRows {
  /** Learning days per read, so a long history never sits in memory at once. */
  static final long CHUNK_MS = 100L * 86_400_000L;

  private final RollupEngine rollups;
  private final Buckets buckets;

  RollupRows(RollupEngine rollups) {
    this.rollups = rollups;
    this.buckets = rollups.buckets();
  }

  Buckets buckets() {
    return buckets;
  }

  /**
   * Daily rows of the period, oldest first. For {@code all}, {@code bounds} is the first and last
   * daily row start (null when there is none).
   */
  void daily(ExportScope scope, long[] bounds, Consumer<Rollup> each) {
    long from = scope.all() ? (bounds == null ? 0 : bounds[0]) : scope.fromUtc();
    long to = scope.all() ? (bounds == null ? 0 : bounds[1] + 1) : scope.toUtc();
    for (long start = from; start < to; start = Math.min(to, start + CHUNK_MS)) {
      rollups.list(Level.DAILY, start, Math.min(to, start + CHUNK_MS)).forEach(each);
    }
  }

  /** Weekly rows of the weeks that overlap the period (all of them for {@code all}). */
  List<Rollup> weekly(ExportScope scope) {
    if (scope.all()) {
      return rollups.list(Level.WEEKLY, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    return rollups.list(Level.WEEKLY, buckets.start(Level.WEEKLY, scope.fromUtc()), scope.toUtc());
  }

  /** Monthly rows of all time (monthly rollups are never purged, unlike daily ones). */
  List<Rollup> monthly() {
    return rollups.list(Level.MONTHLY, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * One summary row: the bucket's learning date and instants, and its metrics (durations in
   * milliseconds, means null when nothing was measured). The time it was computed is left out: it
   * is not part of the data, and would differ after a re-import.
   */
  ObjectNode node(Rollup r) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("date", buckets.learningDate(r.periodStartUtc()).toString());
    n.put("start", r.localStart());
    n.put("end", buckets.localLabel(r.periodEndUtc()));
    n.put("session_count", r.sessionCount());
    n.put("exchange_count", r.exchangeCount());
    n.put("unique_topics", r.uniqueTopics());
    n.put("total_duration_ms", r.totalDurationMs());
    n.put("avg_session_duration_ms", r.avgSessionDurationMs());
    n.put("median_session_duration_ms", r.medianSessionDurationMs());
    n.put("quality_count", r.qualityCount());
    n.put("avg_quality_composite", r.avgQualityComposite());
    n.put("avg_quality_relevance", r.avgQualityRelevance());
    n.put("avg_quality_helpfulness", r.avgQualityHelpfulness());
    n.put("avg_quality_accuracy", r.avgQualityAccuracy());
    n.put("avg_quality_clarity", r.avgQualityClarity());
    n.put("avg_quality_engagement", r.avgQualityEngagement());
    n.put("quality_std_dev", r.qualityStdDev());
    n.put("feedback_count", r.feedbackCount());
    n.put("positive_feedback_count", r.positiveFeedbackCount());
    n.put("negative_feedback_count", r.negativeFeedbackCount());
    n.put("positive_feedback_rate", r.positiveFeedbackRate());
    n.put("correction_count", r.correctionCount());
    n.put("clarification_count", r.clarificationCount());
    n.put("avg_exchanges_per_session", r.avgExchangesPerSession());
    n.put("peak_hour", r.peakHour());
    if (r.dayDistribution() != null) {
      n.set("day_distribution", Json.MAPPER.valueToTree(r.dayDistribution()));
    }
    n.set("top_topics", Json.MAPPER.valueToTree(r.topTopics()));
    n.set("topic_distribution", Json.MAPPER.valueToTree(r.topicDistribution()));
    n.set("topic_sessions", Json.MAPPER.valueToTree(r.topicSessions()));
    n.put("quality_change", r.qualityChange());
    n.put("volume_change", r.volumeChange());
    n.put("trend_direction", r.trendDirection());
    return n;
  }
}
