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
    n.put("quality_change", r.trend().qualityChange());
    n.put("volume_change", r.trend().volumeChange());
    n.put("trend_direction", r.trend().direction());
    return n;
  }

  private static void activity(ObjectNode n, Rollup r) {
    n.put("session_count", r.activity().sessions());
    n.put("exchange_count", r.activity().exchanges());
    n.put("total_duration_ms", r.activity().durationMs());
    n.put("avg_session_duration_ms", r.activity().avgSessionDurationMs());
    n.put("median_session_duration_ms", r.activity().medianSessionDurationMs());
    n.put("avg_exchanges_per_session", r.activity().exchangesPerSession());
    n.put("peak_hour", r.activity().peakHour());
    if (r.activity().dayDistribution() != null) {
      n.set("day_distribution", Json.MAPPER.valueToTree(r.activity().dayDistribution()));
    }
  }

  private static void quality(ObjectNode n, Rollup r) {
    n.put("quality_count", r.quality().count());
    n.put("avg_quality_composite", r.quality().composite());
    n.put("avg_quality_relevance", r.quality().relevance());
    n.put("avg_quality_helpfulness", r.quality().helpfulness());
    n.put("avg_quality_accuracy", r.quality().accuracy());
    n.put("avg_quality_clarity", r.quality().clarity());
    n.put("avg_quality_engagement", r.quality().engagement());
    n.put("quality_std_dev", r.quality().stdDev());
  }

  private static void feedback(ObjectNode n, Rollup r) {
    n.put("feedback_count", r.feedback().count());
    n.put("positive_feedback_count", r.feedback().positive());
    n.put("negative_feedback_count", r.feedback().negative());
    n.put("positive_feedback_rate", r.feedback().positiveRate());
    n.put("correction_count", r.feedback().corrections());
    n.put("clarification_count", r.feedback().clarifications());
  }

  private static void topics(ObjectNode n, Rollup r) {
    n.put("unique_topics", r.topics().unique());
    n.set("top_topics", Json.MAPPER.valueToTree(r.topics().top()));
    n.set("topic_distribution", Json.MAPPER.valueToTree(r.topics().distribution()));
    n.set("topic_sessions", Json.MAPPER.valueToTree(r.topics().sessions()));
  }
}
