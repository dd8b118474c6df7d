package io.learnlytics.dashboard;

import io.learnlytics.graph.EmbeddedGraph;
import io.learnlytics.graph.GraphUnavailableException;
import io.learnlytics.graph.KnowledgeGraph;
import io.learnlytics.rollup.ComparisonWindow;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Period;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.TopicQuality;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/analytics/topics/detail}: one topic over a period. Its sessions, mentions and
 * answer quality per bucket (daily up to 30 days, weekly beyond, like the progress chart) come from
 * the daily rollups' topic maps; its prerequisites (the learning path) and direct relations from
 * the knowledge graph.
 */
public final class TopicDetailService {
  static final int RELATED_LIMIT = 12;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

  private final Rows rows;
  private final EmbeddedGraph local;
  private final KnowledgeGraph graph;

  TopicDetailService(Rows rows, EmbeddedGraph local, KnowledgeGraph graph) {
    this.rows = rows;
    this.local = local;
    this.graph = graph;
  }

  /** The topic over {@code period}; empty when no exchange ever mentioned it. */
  public Optional<TopicDetail> detail(String name, Period period) {
    Optional<Long> mentionsEver = local.mentions(name);
    if (mentionsEver.isEmpty()) {
      return Optional.empty();
    }
    Instant now = rows.clock.instant();
    ComparisonWindow w = ComparisonWindow.of(rows.buckets, period.days(), now.toEpochMilli());
    Level level = ProgressService.autoGranularity(period);
    Map<Long, Bucket> buckets = buckets(w, level);
    Totals totals = tally(name, rows.current(w), level, buckets, mentionsEver.get());
    List<LocalDate> dates =
        buckets.keySet().stream()
            .map(s -> rows.buckets.learningDate(Math.max(s, w.currentFromUtc())))
            .toList();
    return Optional.of(
        new TopicDetail(
            name,
            totals,
            chart(buckets, dates),
            dates.stream().map(LocalDate::toString).toList(),
            graph(name),
            rows.meta(period.id(), now, null, level.id())));
  }

  /** Adds each day's share of the topic to its bucket; returns the period's totals. */
  private Totals tally(
      String name, List<Rollup> days, Level level, Map<Long, Bucket> buckets, long ever) {
    Bucket total = new Bucket();
    LocalDate last = null;
    for (Rollup r : days) {
      Bucket b = buckets.get(rows.buckets.start(level, r.periodStartUtc()));
      Bucket one = Bucket.of(r, name);
      if (one.mentions > 0) {
        last = rows.buckets.learningDate(r.periodStartUtc());
      }
      if (b != null) {
        b.add(one);
      }
      total.add(one);
    }
    return new Totals(
        total.sessions,
        total.mentions,
        OverviewService.round(total.quality.mean(), 4),
        total.quality.count(),
        ever,
        last == null ? null : last.toString());
  }

  /** Every bucket of {@code level} overlapping the period, by start, empty. */
  private Map<Long, Bucket> buckets(ComparisonWindow w, Level level) {
    Map<Long, Bucket> out = new LinkedHashMap<>();
    for (long s = rows.buckets.start(level, w.currentFromUtc());
        s < w.dayAfterTodayUtc();
        s = rows.buckets.end(level, s)) {
      out.put(s, new Bucket());
    }
    return out;
  }

  private static Chart chart(Map<Long, Bucket> buckets, List<LocalDate> dates) {
    List<Long> sessions = new ArrayList<>();
    List<Double> quality = new ArrayList<>();
    for (Bucket b : buckets.values()) {
      sessions.add(b.sessions);
      quality.add(OverviewService.round(b.quality.mean(), 4));
    }
    return new Chart(
        dates.stream().map(DAY::format).toList(),
        List.of(
            new Chart.Dataset("Sessions", sessions, null, Metric.SESSIONS.color, "y-sessions"),
            new Chart.Dataset("Answer quality", quality, Metric.QUALITY.color, null, "y-quality")));
  }

  /** Prerequisites and relations; says so instead of failing when the graph is down. */
  private Related graph(String name) {
    List<Neighbour> related =
        local.neighbours(name, RELATED_LIMIT).stream().map(c -> Neighbour.of(name, c)).toList();
    try {
      List<KnowledgeGraph.PathStep> steps = graph.path(name).orElse(List.of());
      List<KnowledgeGraph.PathStep> before =
          steps.isEmpty() ? List.of() : steps.subList(0, steps.size() - 1);
      return new Related(true, null, before, related);
    } catch (GraphUnavailableException e) {
      return new Related(false, e.getMessage(), List.of(), related);
    }
  }

  /** A topic's share of one or more rollup rows. */
  private static final class Bucket {
    long sessions;
    long mentions;
    TopicQuality quality = new TopicQuality(0, 0);

    static Bucket of(Rollup r, String name) {
      Bucket b = new Bucket();
      b.sessions = r.topics().sessions().getOrDefault(name, 0L);
      b.mentions = r.topics().distribution().getOrDefault(name, 0L);
      b.quality = r.topics().quality().getOrDefault(name, b.quality);
      return b;
    }

    void add(Bucket o) {
      sessions += o.sessions;
      mentions += o.mentions;
      quality = quality.plus(o.quality);
    }
  }

  /**
   * {@code chart}: sessions (bars) and answer quality (mean composite of the scores of exchanges
   * that mention the topic, 0 to 1; null in a bucket without scores) per bucket; {@code dates}: the
   * first learning date of each bucket inside the period.
   */
  public record TopicDetail(
      String name, Totals totals, Chart chart, List<String> dates, Related graph, Meta meta) {}

  /**
   * Over the period: sessions and mentions, answer quality and how many scores it rests on; {@code
   * mentionsEver}: all history (the knowledge graph's count); {@code lastStudied}: the last
   * learning date in the period with a mention.
   */
  public record Totals(
      long sessions,
      long mentions,
      @Nullable Double quality,
      long qualityScores,
      long mentionsEver,
      @Nullable String lastStudied) {}

  /**
   * {@code prerequisites}: what to study before the topic, in order (the learning path without the
   * topic itself); {@code related}: direct relations, strongest first.
   */
  public record Related(
      boolean available,
      @Nullable String error,
      List<KnowledgeGraph.PathStep> prerequisites,
      List<Neighbour> related) {}

  /**
   * A concept related to the topic: {@code relation} is {@code prerequisite} (the topic builds on
   * it), {@code builds_on_this} (it builds on the topic) or {@code related}.
   */
  public record Neighbour(String concept, String relation, double strength, long observations) {
    static Neighbour of(String topic, KnowledgeGraph.Connection c) {
      boolean outgoing = c.source().equals(topic);
      String other = outgoing ? c.target() : c.source();
      String relation;
      if (!"BUILDS_ON".equals(c.type())) {
        relation = "related";
      } else {
        relation = outgoing ? "prerequisite" : "builds_on_this";
      }
      return new Neighbour(other, relation, c.strength(), c.observations());
    }
  }
}
