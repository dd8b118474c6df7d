package io.learnlytics.export.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.support.Json;

/**
 * One daily or weekly summary row: the bucket's learning date and instants, and its metrics
 * (durations in milliseconds, means null when nothing was measured). The time it was computed is
 * left out: it is not part of the data, and would differ after a re-import. Member order does not
 * matter: the canonical writer sorts them.
 */
final class SummaryNode {
  private SummaryNode() {}

  static ObjectNode of(Rollup r, Buckets buckets) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("date", buckets.learningDate(r.periodStartUtc()).toString());
    n.put("start", r.localStart());
    n.put("end", buckets.localLabel(r.periodEndUtc()));
    activity(n, r);
    quality(n, r);
    feedback(n, r);
    topics(n, r);
    n.put("quality_change", r.qualityChange());
    n.put("volume_change", r.volumeChange());
    n.put("trend_direction", r.trendDirection());
    return n;
  }

  private static void activity(ObjectNode n, Rollup r) {
    n.put("session_count", r.sessionCount());
    n.put("exchange_count", r.exchangeCount());
    n.put("total_duration_ms", r.totalDurationMs());
    n.put("avg_session_duration_ms", r.avgSessionDurationMs());
    n.put("median_session_duration_ms", r.medianSessionDurationMs());
    n.put("avg_exchanges_per_session", r.avgExchangesPerSession());
    n.put("peak_hour", r.peakHour());
    if (r.dayDistribution() != null) {
      n.set("day_distribution", Json.MAPPER.valueToTree(r.dayDistribution()));
    }
  }

  private static void quality(ObjectNode n, Rollup r) {
    n.put("quality_count", r.qualityCount());
    n.put("avg_quality_composite", r.avgQualityComposite());
    n.put("avg_quality_relevance", r.avgQualityRelevance());
    n.put("avg_quality_helpfulness", r.avgQualityHelpfulness());
    n.put("avg_quality_accuracy", r.avgQualityAccuracy());
    n.put("avg_quality_clarity", r.avgQualityClarity());
    n.put("avg_quality_engagement", r.avgQualityEngagement());
    n.put("quality_std_dev", r.qualityStdDev());
  }

  private static void feedback(ObjectNode n, Rollup r) {
    n.put("feedback_count", r.feedbackCount());
    n.put("positive_feedback_count", r.positiveFeedbackCount());
    n.put("negative_feedback_count", r.negativeFeedbackCount());
    n.put("positive_feedback_rate", r.positiveFeedbackRate());
    n.put("correction_count", r.correctionCount());
    n.put("clarification_count", r.clarificationCount());
  }

  private static void topics(ObjectNode n, Rollup r) {
    n.put("unique_topics", r.uniqueTopics());
    n.set("top_topics", Json.MAPPER.valueToTree(r.topTopics()));
    n.set("topic_distribution", Json.MAPPER.valueToTree(r.topicDistribution()));
    n.set("topic_sessions", Json.MAPPER.valueToTree(r.topicSessions()));
  }
}
