package io.learnlytics.export.source;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.goal.GoalService;
import io.learnlytics.goal.StoredAchievement;
import io.learnlytics.graph.EmbeddedGraph;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupTotals;
import io.learnlytics.rollup.Span;
import io.learnlytics.rollup.TopicQuality;
import io.learnlytics.support.Json;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The small sections of an export, computed before anything is streamed: the summary and feedback
 * summary, topic totals, knowledge-graph statistics, goal progress, the weekly rows, and the counts
 * of the streamed sections that come after {@code row_counts} in the document. Their size depends
 * on the number of topics, goals and weeks, not on the number of events. The json and csv writers
 * read them; they are computed here, once per export.
 */
public final class ExportFacts {
  private final ObjectNode summary;
  private final ObjectNode feedbackSummary;
  private final TreeMap<String, Long> topicMentions;
  private final TreeMap<String, Long> topicSessions;
  private final TreeMap<String, Double> qualityByTopic = new TreeMap<>();
  private final ObjectNode knowledgeGraph;
  private final List<ObjectNode> goals;
  private final List<StoredAchievement> achievements;
  private final List<Rollup> weekly;
  private final long sessionCount;
  private final Span dailySpan;

  private ExportFacts(
      ObjectNode summary,
      ObjectNode feedbackSummary,
      RollupTotals totals,
      ObjectNode knowledgeGraph,
      List<ObjectNode> goals,
      List<StoredAchievement> achievements,
      List<Rollup> weekly,
      long sessionCount,
      Span dailySpan) {
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
    this.achievements = achievements;
    this.weekly = weekly;
    this.sessionCount = sessionCount;
    this.dailySpan = dailySpan;
  }

  /** Computes the facts of {@code scope} from the snapshot of {@code source}. */
  public static ExportFacts collect(
      ExportScope scope,
      ExportSource source,
      RollupRows rows,
      GoalService goalService,
      EmbeddedGraph graph,
      Buckets buckets)
      throws SQLException, IOException {
    Span daily = rows.dailySpan(scope);
    RollupTotals totals = totals(scope, rows, daily);
    return new ExportFacts(
        summary(totals, goalService.view(), source.range(ExportSource.ACTIVITY_RANGE), buckets),
        feedbackSummary(source, totals),
        totals,
        Json.MAPPER.valueToTree(graph.stats()),
        goals(goalService),
        goalService.achievementsUnlocked(scope.fromUtc(), scope.toUtc()),
        rows.weekly(scope),
        source.count(ExportSource.SESSION_COUNT),
        daily);
  }

  /**
   * The period's totals: for {@code all} from the monthly rows (kept forever, while daily rows may
   * have been purged), otherwise from the daily rows.
   */
  private static RollupTotals totals(ExportScope scope, RollupRows rows, Span daily)
      throws IOException {
    RollupTotals totals = new RollupTotals();
    if (scope.all()) {
      rows.monthly().forEach(totals::add);
    } else {
      rows.daily(daily, totals::add);
    }
    return totals;
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
    FeedbackTally tally = new FeedbackTally();
    source.stream(
        ExportSource.FEEDBACK_TYPES,
        rs -> {
          int rating = rs.getInt(2);
          tally.add(rs.getString(1), rs.wasNull() ? null : rating, rs.getLong(3));
        });
    return tally.node(t);
  }

  /**
   * Every goal (enabled or not) with its live progress, plus its creation and update times so an
   * import can restore it as it was.
   */
  private static List<ObjectNode> goals(GoalService goalService) {
    List<ObjectNode> out = new ArrayList<>();
    for (GoalService.StoredGoal g : goalService.everyGoal()) {
      ObjectNode n = Json.MAPPER.valueToTree(g.goal());
      n.put("created_at", Times.utc(g.createdAt().toEpochMilli()));
      n.put("updated_at", Times.utc(g.updatedAt().toEpochMilli()));
      out.add(n);
    }
    return out;
  }

  /**
   * {@code epochMs} as a timestamp in the learner's zone, e.g. {@code 2025-11-01T00:00:00+01:00}.
   */
  public static String local(long epochMs, Buckets buckets) {
    return Times.iso(
        epochMs,
        buckets
            .zoneAt(epochMs)
            .getRules()
            .getOffset(Instant.ofEpochMilli(epochMs))
            .getTotalSeconds());
  }

  /** {@code summary}: totals, averages, rates, streaks and first and last activity. */
  public ObjectNode summary() {
    return summary;
  }

  /** {@code feedback_summary}: feedback of the period by type, with ratings. */
  public ObjectNode feedbackSummary() {
    return feedbackSummary;
  }

  /** Mentions per topic. */
  public SortedMap<String, Long> topicMentions() {
    return topicMentions;
  }

  /** Sessions per topic. */
  public SortedMap<String, Long> topicSessions() {
    return topicSessions;
  }

  /** Mean quality per topic, for the topics with quality scores. */
  public SortedMap<String, Double> qualityByTopic() {
    return qualityByTopic;
  }

  /** {@code topic_distribution}: mentions per topic. */
  public ObjectNode topicDistribution() {
    return Json.MAPPER.valueToTree(topicMentions);
  }

  public ObjectNode qualityByTopicNode() {
    return Json.MAPPER.valueToTree(qualityByTopic);
  }

  public ObjectNode knowledgeGraph() {
    return knowledgeGraph;
  }

  /** Every goal with its live progress and its creation and update times. */
  public List<ObjectNode> goals() {
    return goals;
  }

  public ArrayNode goalsNode() {
    ArrayNode a = Json.MAPPER.createArrayNode();
    goals.forEach(a::add);
    return a;
  }

  /** Achievements unlocked in the period, in the order they were unlocked. */
  public List<StoredAchievement> achievements() {
    return achievements;
  }

  /** Weekly rows of the weeks that overlap the period. */
  public List<Rollup> weekly() {
    return weekly;
  }

  /** Sessions started in the period: the streamed sessions must come to as many. */
  public long sessionCount() {
    return sessionCount;
  }

  /** The starts of the daily rows of the period (see {@link RollupRows#daily}). */
  public Span dailySpan() {
    return dailySpan;
  }
}
