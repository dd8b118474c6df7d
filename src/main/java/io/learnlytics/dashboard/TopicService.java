package io.learnlytics.dashboard;

import io.learnlytics.graph.EmbeddedGraph;
import io.learnlytics.graph.GraphUnavailableException;
import io.learnlytics.graph.KnowledgeGraph;
import io.learnlytics.rollup.ComparisonWindow;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Period;
import io.learnlytics.rollup.RollupTotals;
import io.learnlytics.rollup.TopicQuality;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/analytics/topics}: mentions per topic (doughnut-ready), top topics with their
 * sessions and quality, trending topics (last 30 days against the 30 before), and the knowledge
 * graph's size and strongest connections.
 */
public final class TopicService {
  static final String[] PALETTE = {
    "#4F46E5", "#10B981", "#F59E0B", "#EC4899", "#06B6D4", "#8B5CF6", "#EF4444", "#84CC16",
    "#F97316", "#14B8A6", "#6366F1", "#A855F7"
  };
  public static final int TRENDING_DAYS = 30;
  static final int TRENDING_LIMIT = 10;

  /** New topics first, then by growth, fastest first. */
  private static final Comparator<Trending> NEW_THEN_FASTEST =
      Comparator.comparing(Trending::isNew)
          .reversed()
          .thenComparing(t -> t.growth() == null ? 0 : -t.growth())
          .thenComparing(Trending::name);

  static final int GAPS = 5;
  static final int CLUSTERS = 5;

  private final Rows rows;
  private final EmbeddedGraph local;
  private final KnowledgeGraph graph;

  TopicService(Rows rows, EmbeddedGraph local, KnowledgeGraph graph) {
    this.rows = rows;
    this.local = local;
    this.graph = graph;
  }

  public KnowledgeGraph graph() {
    return graph;
  }

  public Topics topics(Period period, int limit) {
    Instant now = rows.clock.instant();
    RollupTotals totals = totals(period, now);
    List<Map.Entry<String, Long>> ranked =
        totals.topics().entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(limit)
            .toList();
    List<TopTopic> top = ranked.stream().map(e -> topTopic(totals, e)).toList();
    Meta meta = rows.meta(period.id(), now, null, null);
    LocalDate today = rows.buckets.learningDate(now.toEpochMilli());
    return new Topics(
        new Distribution(doughnut(ranked)),
        top,
        trending(now),
        graphPanel(),
        progress(period, today, limit),
        Mastery.fading(
            rows.days(today.minusDays(Mastery.FADING_LOOKBACK_DAYS - 1L), today),
            rows.buckets,
            today),
        meta);
  }

  /** Per-topic progress over the period's learning days (for all: from the first day with data). */
  private List<Mastery.TopicProgress> progress(Period period, LocalDate today, int limit) {
    List<io.learnlytics.rollup.Rollup> days =
        period.isAll()
            ? rows.level(Level.DAILY, Long.MIN_VALUE, Long.MAX_VALUE)
            : rows.days(today.minusDays(period.days() - 1L), today);
    LocalDate first =
        period.isAll()
            ? days.isEmpty() ? today : rows.buckets.learningDate(days.get(0).periodStartUtc())
            : today.minusDays(period.days() - 1L);
    return Mastery.progress(days, rows.buckets, first, today, limit);
  }

  private RollupTotals totals(Period period, Instant now) {
    if (period.isAll()) {
      return RollupTotals.of(rows.level(Level.MONTHLY, Long.MIN_VALUE, Long.MAX_VALUE));
    }
    return RollupTotals.of(
        rows.current(ComparisonWindow.of(rows.buckets, period.days(), now.toEpochMilli())));
  }

  /** Mentions per topic, each slice its colour from the palette in turn. */
  private static Chart doughnut(List<Map.Entry<String, Long>> ranked) {
    List<String> labels = ranked.stream().map(Map.Entry::getKey).toList();
    List<Long> data = ranked.stream().map(Map.Entry::getValue).toList();
    List<String> colors = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      colors.add(PALETTE[i % PALETTE.length]);
    }
    return new Chart(labels, List.of(new Chart.Dataset("Mentions", data, null, colors, null)));
  }

  private static TopTopic topTopic(RollupTotals totals, Map.Entry<String, Long> topic) {
    String name = topic.getKey();
    TopicQuality quality = totals.topicQuality().getOrDefault(name, new TopicQuality(0, 0));
    return new TopTopic(
        name,
        totals.topicSessions().getOrDefault(name, 0L),
        topic.getValue(),
        OverviewService.round(quality.mean(), 4));
  }

  /**
   * The knowledge-graph panel; when the graph's store is down it says so, and nothing else fails.
   */
  GraphPanel graphPanel() {
    try {
      KnowledgeGraph.Stats stats = graph.stats();
      return new GraphPanel(
          graph.backend(),
          true,
          null,
          stats.totalConcepts(),
          stats.totalRelationships(),
          stats.strongestConnections(),
          graph.coverage(),
          graph.gaps(GAPS),
          graph.clusters(CLUSTERS));
    } catch (GraphUnavailableException e) {
      return new GraphPanel(
          graph.backend(),
          false,
          e.getMessage(),
          null,
          null,
          List.of(),
          null,
          List.of(),
          List.of());
    }
  }

  /**
   * A learning path toward {@code target}: its prerequisites (transitively) in study order, then
   * the target; {@code next} is the first step not yet known. Empty when the graph has no such
   * concept.
   */
  public java.util.Optional<LearningPath> path(String target) {
    return graph
        .path(target)
        .map(
            steps ->
                new LearningPath(
                    target,
                    graph.backend(),
                    steps,
                    steps.stream()
                        .filter(s -> !s.known())
                        .map(KnowledgeGraph.PathStep::concept)
                        .findFirst()
                        .orElse(null)));
  }

  /**
   * Topics mentioned more in the last 30 days than in the 30 before. A topic is new when its first
   * mention ever falls in the last 30 days; one studied before that and back after a pause is
   * returning (no growth figure: there is nothing to compare with), not new. New topics first.
   */
  private List<Trending> trending(Instant now) {
    ComparisonWindow w = ComparisonWindow.of(rows.buckets, TRENDING_DAYS, now.toEpochMilli());
    RollupTotals cur = RollupTotals.of(rows.current(w));
    RollupTotals prev = RollupTotals.of(rows.previous(w));
    List<Map.Entry<String, Long>> growing =
        cur.topics().entrySet().stream()
            .filter(e -> e.getValue() > prev.topics().getOrDefault(e.getKey(), 0L))
            .toList();
    Map<String, LocalDate> firstSeen = firstSeen(growing);
    return growing.stream()
        .map(e -> trending(e, prev.topics().getOrDefault(e.getKey(), 0L), firstSeen, w))
        .sorted(NEW_THEN_FASTEST)
        .limit(TRENDING_LIMIT)
        .toList();
  }

  /** The learning date of each topic's first mention ever. */
  private Map<String, LocalDate> firstSeen(List<Map.Entry<String, Long>> topics) {
    Map<String, LocalDate> out = new java.util.HashMap<>();
    local
        .firstSeenUtc(topics.stream().map(Map.Entry::getKey).toList())
        .forEach((k, v) -> out.put(k, rows.buckets.learningDate(v)));
    return out;
  }

  private static Trending trending(
      Map.Entry<String, Long> topic,
      long before,
      Map<String, LocalDate> firstSeen,
      ComparisonWindow w) {
    Double growth =
        before == 0 ? null : OverviewService.round((topic.getValue() - before) * 100.0 / before, 1);
    LocalDate first = firstSeen.get(topic.getKey());
    boolean isNew = first != null && !first.isBefore(w.firstDay());
    return new Trending(
        topic.getKey(),
        growth,
        isNew,
        topic.getValue(),
        before,
        first == null ? null : first.toString());
  }

  public record Topics(
      Distribution distribution,
      List<TopTopic> topTopics,
      List<Trending> trending,
      GraphPanel knowledgeGraph,
      List<Mastery.TopicProgress> topicProgress,
      List<Mastery.Fading> fading,
      Meta meta) {}

  /**
   * The graph panel: {@code available} false (with {@code error}) when the graph's store cannot be
   * reached. {@code coverage}: known (≥ 3 mentions) of all concepts; {@code knowledgeGaps}:
   * prerequisites of studied concepts with fewer than 3 mentions; {@code clusters}: connected
   * groups.
   */
  public record GraphPanel(
      String backend,
      boolean available,
      @Nullable String error,
      @Nullable Long totalConcepts,
      @Nullable Long totalRelationships,
      List<KnowledgeGraph.Connection> strongestConnections,
      KnowledgeGraph.@Nullable Coverage coverage,
      List<KnowledgeGraph.Gap> knowledgeGaps,
      List<KnowledgeGraph.Cluster> clusters) {}

  /** {@code next}: the first step not yet known (null when all are). */
  public record LearningPath(
      String target, String backend, List<KnowledgeGraph.PathStep> steps, @Nullable String next) {}

  public record Distribution(Chart chart) {}

  /** {@code sessions}: sessions started in the period that mention the topic. */
  public record TopTopic(String name, long sessions, long mentions, @Nullable Double quality) {}

  /**
   * {@code growth}: percent change in mentions, null when the 30 days before had none (a new or a
   * returning topic); {@code isNew}: first mentioned ever in the last 30 days.
   */
  public record Trending(
      String name,
      @Nullable Double growth,
      boolean isNew,
      long mentions,
      long previousMentions,
      @Nullable String firstSeen) {}
}
