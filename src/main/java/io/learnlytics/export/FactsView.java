package io.learnlytics.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.rollup.Rollup;
import java.util.List;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * What the json and csv writers read of an export's {@link ExportFacts}: the sections computed
 * before anything is streamed. Read-only; the facts are computed in this package.
 */
public final class FactsView {
  private final ExportFacts facts;

  FactsView(ExportFacts facts) {
    this.facts = facts;
  }

  /** {@code summary}: totals, averages, rates, streaks and first and last activity. */
  public ObjectNode summary() {
    return facts.summary;
  }

  /** {@code feedback_summary}: feedback of the period by type, with ratings. */
  public ObjectNode feedbackSummary() {
    return facts.feedbackSummary;
  }

  /** Mentions per topic. */
  public SortedMap<String, Long> topicMentions() {
    return facts.topicMentions;
  }

  /** Sessions per topic. */
  public SortedMap<String, Long> topicSessions() {
    return facts.topicSessions;
  }

  /** Mean quality per topic, for the topics with quality scores. */
  public SortedMap<String, Double> qualityByTopic() {
    return facts.qualityByTopic;
  }

  /** {@code topic_distribution}: mentions per topic. */
  public ObjectNode topicDistribution() {
    return facts.topicDistribution();
  }

  public ObjectNode qualityByTopicNode() {
    return facts.qualityByTopicNode();
  }

  public ObjectNode knowledgeGraph() {
    return facts.knowledgeGraph;
  }

  /** Every goal with its live progress and its creation and update times. */
  public List<ObjectNode> goals() {
    return facts.goals;
  }

  public ArrayNode goalsNode() {
    return facts.goalsNode();
  }

  /** Weekly rows of the weeks that overlap the period. */
  public List<Rollup> weekly() {
    return facts.weekly;
  }

  /** Sessions started in the period: the streamed sessions must come to as many. */
  public long sessionCount() {
    return facts.sessionCount;
  }

  /** For {@code all}: the first and last daily row start, or null (see {@link RollupRows}). */
  public long @Nullable [] dailyBounds() {
    return facts.dailyBounds;
  }
}
