package io.learnlytics.dashboard;

import io.learnlytics.graph.ConceptGraph;
import io.learnlytics.rollup.ComparisonWindow;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.RollupTotals;
import io.learnlytics.rollup.TopicQuality;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
  static final int TRENDING_DAYS = 30;
  static final int TRENDING_LIMIT = 10;

  private final Rows rows;
  private final ConceptGraph graph;

  TopicService(Rows rows, ConceptGraph graph) {
    this.rows = rows;
    this.graph = graph;
  }

  public Topics topics(String period, int limit) {
    Instant now = rows.clock.instant();
    RollupTotals totals =
        period.equals("all")
            ? RollupTotals.of(rows.level(Level.MONTHLY, Long.MIN_VALUE, Long.MAX_VALUE))
            : RollupTotals.of(
                rows.current(
                    ComparisonWindow.of(
                        rows.buckets, Period.parse(period).days(), now.toEpochMilli())));
    List<Map.Entry<String, Long>> ranked =
        totals.topics().entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(limit)
            .toList();
    List<String> labels = ranked.stream().map(Map.Entry::getKey).toList();
    List<Long> data = ranked.stream().map(Map.Entry::getValue).toList();
    List<String> colors = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      colors.add(PALETTE[i % PALETTE.length]);
    }
    Chart doughnut =
        new Chart(labels, List.of(new Chart.Dataset("Mentions", data, null, colors, null)));
    List<TopTopic> top =
        ranked.stream()
            .map(
                e ->
                    new TopTopic(
                        e.getKey(),
                        totals.topicSessions().getOrDefault(e.getKey(), 0L),
                        e.getValue(),
                        OverviewService.round(
                            totals
                                .topicQuality()
                                .getOrDefault(e.getKey(), new TopicQuality(0, 0))
                                .mean(),
                            4)))
            .toList();
    Meta meta =
        new Meta(period, rows.buckets.zone().getId(), now, false, rows.asOf(now), null, null);
    return new Topics(new Distribution(doughnut), top, trending(now), graph.stats(), meta);
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
    Map<String, LocalDate> firstSeen = graph.firstSeen(rows.buckets);
    return cur.topics().entrySet().stream()
        .filter(e -> e.getValue() > prev.topics().getOrDefault(e.getKey(), 0L))
        .map(
            e -> {
              long before = prev.topics().getOrDefault(e.getKey(), 0L);
              Double growth =
                  before == 0
                      ? null
                      : OverviewService.round((e.getValue() - before) * 100.0 / before, 1);
              LocalDate first = firstSeen.get(e.getKey());
              boolean isNew = first != null && !first.isBefore(w.firstDay());
              return new Trending(
                  e.getKey(),
                  growth,
                  isNew,
                  e.getValue(),
                  before,
                  first == null ? null : first.toString());
            })
        .sorted(
            Comparator.comparing(Trending::isNew)
                .reversed()
                .thenComparing(t -> t.growth() == null ? 0 : -t.growth())
                .thenComparing(Trending::name))
        .limit(TRENDING_LIMIT)
        .toList();
  }

  public record Topics(
      Distribution distribution,
      List<TopTopic> topTopics,
      List<Trending> trending,
      ConceptGraph.Stats knowledgeGraph,
      Meta meta) {}

  public record Distribution(Chart chart) {}

  /** {@code sessions}: sessions started in the period that mention the topic. */
  public record TopTopic(String name, long sessions, long mentions, Double quality) {}

  /**
   * {@code growth}: percent change in mentions, null when the 30 days before had none (a new or a
   * returning topic); {@code isNew}: first mentioned ever in the last 30 days.
   */
  public record Trending(
      String name,
      Double growth,
      boolean isNew,
      long mentions,
      long previousMentions,
      String firstSeen) {}
}
