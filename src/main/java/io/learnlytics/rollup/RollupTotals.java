package io.learnlytics.rollup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Sums a set of disjoint rollup rows into the totals of their union — exactly, because every field
 * used here is a count or a (count, sum) pair: sessions count in the bucket of their start, means
 * are re-weighted by their counts (never a mean of means), topics are unioned.
 */
public final class RollupTotals {
  public long sessions;
  public long exchanges;
  public long sessionExchanges;
  public long durationMs;
  public long qualityCount;
  public double qualitySum;
  public long feedback;
  public long positive;
  public long corrections;
  // Topic maps are merged only when asked for: most readers (progress, trends) never need them,
  // and merging a year of daily maps cost more than the rest of such an answer.
  private final List<Rollup> rows = new ArrayList<>();
  private @Nullable TreeMap<String, Long> topics;
  private @Nullable TreeMap<String, Long> topicSessions;
  private @Nullable TreeMap<String, TopicQuality> topicQuality;

  public static RollupTotals of(Collection<Rollup> rows) {
    RollupTotals t = new RollupTotals();
    rows.forEach(t::add);
    return t;
  }

  public void add(Rollup r) {
    addActivity(r.activity());
    addQuality(r.quality());
    feedback += r.feedback().count();
    positive += r.feedback().positive();
    corrections += r.feedback().corrections();
    rows.add(r);
    topics = null;
    topicSessions = null;
    topicQuality = null;
  }

  private void addActivity(Rollup.Activity a) {
    sessions += a.sessions();
    exchanges += a.exchanges();
    if (a.exchangesPerSession() != null) {
      sessionExchanges += Math.round(a.exchangesPerSession() * a.sessions());
    }
    durationMs += a.durationMs();
  }

  private void addQuality(Rollup.Quality q) {
    if (q.composite() != null) {
      qualityCount += q.count();
      qualitySum += q.composite() * q.count();
    }
  }

  /** Exchanges mentioning each topic. */
  public TreeMap<String, Long> topics() {
    if (topics == null) {
      topics = sum(Rollup.Topics::distribution);
    }
    return topics;
  }

  /** Sessions (started in these buckets) mentioning each topic. */
  public TreeMap<String, Long> topicSessions() {
    if (topicSessions == null) {
      topicSessions = sum(Rollup.Topics::sessions);
    }
    return topicSessions;
  }

  /** Count and sum of the composite quality of scores whose exchange mentions each topic. */
  public TreeMap<String, TopicQuality> topicQuality() {
    if (topicQuality == null) {
      Map<String, double[]> sums = new HashMap<>(); // {count, sum}: sums added in row order
      JsonText.QualitySink add =
          (name, count, sum) -> {
            double[] s = sums.computeIfAbsent(name, k -> new double[2]);
            s[0] += count;
            s[1] += sum;
          };
      for (Rollup r : rows) {
        Map<String, TopicQuality> quality = r.topics().quality();
        if (quality instanceof LazyMap<?> lazy) {
          JsonText.readQuality(lazy.json(), add); // no map per row
        } else {
          quality.forEach((k, v) -> add.add(k, v.count(), v.sum()));
        }
      }
      topicQuality = new TreeMap<>();
      sums.forEach((k, s) -> topicQuality.put(k, new TopicQuality((long) s[0], s[1])));
    }
    return topicQuality;
  }

  /** One topic column summed over the rows, read straight from stored JSON where it can be. */
  private TreeMap<String, Long> sum(Function<Rollup.Topics, Map<String, Long>> column) {
    Map<String, long[]> sums = new HashMap<>();
    for (Rollup r : rows) {
      Map<String, Long> m = column.apply(r.topics());
      if (m instanceof LazyMap<?> lazy) {
        JsonText.addCounts(lazy.json(), sums);
      } else {
        m.forEach((k, v) -> sums.computeIfAbsent(k, x -> new long[1])[0] += v);
      }
    }
    TreeMap<String, Long> out = new TreeMap<>();
    sums.forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  /** Mean composite quality weighted by score count, or null without scores. */
  public @Nullable Double quality() {
    return qualityCount == 0 ? null : qualitySum / qualityCount;
  }

  /** Exchanges per session over the sessions started in the period, or null without sessions. */
  public @Nullable Double engagement() {
    return sessions == 0 ? null : (double) sessionExchanges / sessions;
  }
}
