package io.learnlytics.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.goal.GoalService;
import io.learnlytics.graph.EmbeddedGraph;
import io.learnlytics.graph.KnowledgeGraph;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.FeedbackKind;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupTotals;
import io.learnlytics.rollup.TopicQuality;
import io.learnlytics.support.ApiException;
import io.learnlytics.support.Json;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The small sections of an export, computed before anything is streamed: the summary and feedback
 * summary, topic totals, knowledge-graph statistics, goal progress, the weekly rows, and the counts
 * of the streamed sections that come after {@code row_counts} in the document. Their size depends
 * on the number of topics, goals and weeks, not on the number of events.
 */
final class ExportFacts {
  final ObjectNode summary;
  final ObjectNode feedbackSummary;
  final TreeMap<String, Long> topicMentions;
  final TreeMap<String, Long> topicSessions;
  final TreeMap<String, Double> qualityByTopic = new TreeMap<>();
  final ObjectNode knowledgeGraph;
  final List<ObjectNode> goals;
  final List<Rollup> weekly;
  final long sessionCount;
  final long @Nullable [] dailyBounds;

  private ExportFacts(
      ObjectNode summary,
      ObjectNode feedbackSummary,
      RollupTotals totals,
      ObjectNode knowledgeGraph,
      List<ObjectNode> goals,
      List<Rollup> weekly,
      long sessionCount,
      long @Nullable [] dailyBounds) {
    this.summary = summary;
    this.feedbackSummary = feedbackSummary;
    this.topicMentions = totals.topics();
    this.topicSessions = totals.topicSessions();
    for (Map.Entry<String, TopicQuality> e : totals.topicQuality().entrySet()) {
      Double mean = e.getValue().mean();
      if (mean != null) {
        qualityByTopic.put(e.getKey(), mean);
      }
    }
    this.knowledgeGraph = knowledgeGraph;
    this.goals = goals;
    this.weekly = weekly;
    this.sessionCount = sessionCount;
    this.dailyBounds = dailyBounds;
  }

  static ExportFacts collect(
      ExportScope scope,
      ExportSource source,
      RollupRows rows,
      GoalService goalService,
      EmbeddedGraph graph,
      Buckets buckets)
      throws SQLException, IOException {
    long @Nullable [] dailyBounds =
        scope.all()
            ? source.range(
                "SELECT min(period_start_utc), max(period_start_utc) FROM aggregated_metrics"
                    + " WHERE interval_type = 'daily'")
            : null;
    RollupTotals totals = new RollupTotals();
    if (scope.all()) {
      rows.monthly().forEach(totals::add); // kept forever; daily rows may have been purged
    } else {
      rows.daily(scope, null, totals::add);
    }
    GoalService.GoalsView view = goalService.view();
    ObjectNode summary = summary(totals, view, source.range(ExportSource.ACTIVITY_RANGE), buckets);
    ObjectNode feedback = feedbackSummary(source, totals);
    KnowledgeGraph.Stats stats = graph.stats();
    ObjectNode kg = Json.MAPPER.valueToTree(stats);
    return new ExportFacts(
        summary,
        feedback,
        totals,
        kg,
        goals(source, goalService),
        rows.weekly(scope),
        source.count(ExportSource.SESSION_COUNT),
        dailyBounds);
  }

  private static ObjectNode summary(
      RollupTotals t, GoalService.GoalsView view, long @Nullable [] activity, Buckets buckets) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("total_sessions", t.sessions);
    n.put("total_exchanges", t.exchanges);
    n.put("total_duration_minutes", t.durationMs / 60_000.0);
    n.put(
        "avg_session_duration_minutes",
        t.sessions == 0 ? null : t.durationMs / 60_000.0 / t.sessions);
    n.put("avg_exchanges_per_session", t.engagement());
    n.put("total_quality_scores", t.qualityCount);
    n.put("avg_quality", t.quality());
    n.put("total_feedback", t.feedback);
    n.put("positive_feedback_rate", t.feedback == 0 ? null : (double) t.positive / t.feedback);
    n.put("correction_rate", t.exchanges == 0 ? null : (double) t.corrections / t.exchanges);
    n.put("unique_topics", t.topics().size());
    n.put("current_streak_days", view.streak().current());
    n.put("best_streak_days", view.streak().best());
    n.put("first_activity", activity == null ? null : local(activity[0], buckets));
    n.put("last_activity", activity == null ? null : local(activity[1], buckets));
    return n;
  }

  /** Feedback of the period by type, from the raw events (exact, including ratings). */
  private static ObjectNode feedbackSummary(ExportSource source, RollupTotals t)
      throws SQLException, IOException {
    TreeMap<String, Long> byType = new TreeMap<>();
    TreeMap<String, Long> ratings = new TreeMap<>();
    long[] acc = new long[5]; // total, positive, negative, rating sum, rating count
    source.stream(
        ExportSource.FEEDBACK_TYPES,
        rs -> {
          String type = rs.getString(1);
          int rating = rs.getInt(2);
          boolean rated = !rs.wasNull();
          long count = rs.getLong(3);
          byType.merge(type, count, Long::sum);
          acc[0] += count;
          int polarity = FeedbackKind.polarity(type, rated ? rating : null);
          if (polarity == FeedbackKind.POSITIVE) {
            acc[1] += count;
          } else if (polarity == FeedbackKind.NEGATIVE) {
            acc[2] += count;
          }
          if (type.equals("rating") && rated) {
            acc[3] += rating * count;
            acc[4] += count;
            ratings.merge(Integer.toString(rating), count, Long::sum);
          }
        });
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("total", acc[0]);
    n.put("positive", acc[1]);
    n.put("negative", acc[2]);
    n.put("positive_rate", acc[0] == 0 ? null : (double) acc[1] / acc[0]);
    n.put("corrections", byType.getOrDefault("correction", 0L));
    n.put("clarifications", byType.getOrDefault("clarification", 0L));
    n.put("correction_rate", t.exchanges == 0 ? null : (double) t.corrections / t.exchanges);
    n.put("avg_rating", acc[4] == 0 ? null : (double) acc[3] / acc[4]);
    n.set("ratings", Json.MAPPER.valueToTree(ratings));
    n.set("by_type", Json.MAPPER.valueToTree(byType));
    return n;
  }

  /**
   * Every goal (enabled or not) with its live progress, plus its creation and update times so an
   * import can restore it as it was.
   */
  private static List<ObjectNode> goals(ExportSource source, GoalService goalService)
      throws SQLException, IOException {
    List<ObjectNode> out = new ArrayList<>();
    source.each(
        ExportSource.GOALS,
        rs -> {
          try {
            ObjectNode n = Json.MAPPER.valueToTree(goalService.get(rs.getString(1)));
            n.put("created_at", Times.utc(rs.getLong(2)));
            n.put("updated_at", Times.utc(rs.getLong(3)));
            out.add(n);
          } catch (ApiException.NotFound deletedMeanwhile) {
            // deleted after the snapshot began: not part of the export
          }
        });
    return out;
  }

  static String local(long epochMs, Buckets buckets) {
    return Times.iso(
        epochMs,
        buckets.zone().getRules().getOffset(Instant.ofEpochMilli(epochMs)).getTotalSeconds());
  }

  /** {@code topic_distribution}: mentions per topic. */
  ObjectNode topicDistribution() {
    return Json.MAPPER.valueToTree(topicMentions);
  }

  ObjectNode qualityByTopicNode() {
    return Json.MAPPER.valueToTree(qualityByTopic);
  }

  ArrayNode goalsNode() {
    ArrayNode a = Json.MAPPER.createArrayNode();
    goals.forEach(a::add);
    return a;
  }
}
