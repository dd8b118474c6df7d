package io.learnlytics.dashboard;

import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.TopicQuality;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums a set of disjoint rollup rows into the totals of their union — exactly, because every field
 * used here is a count or a (count, sum) pair: sessions count in the bucket of their start, means
 * are re-weighted by their counts (never a mean of means), topics are unioned.
 */
final class Totals {
  long sessions;
  long exchanges;
  long sessionExchanges;
  long durationMs;
  long qualityCount;
  double qualitySum;
  long feedback;
  long positive;
  final TreeMap<String, Long> topics = new TreeMap<>();
  final TreeMap<String, Long> topicSessions = new TreeMap<>();
  final TreeMap<String, TopicQuality> topicQuality = new TreeMap<>();

  static Totals of(Collection<Rollup> rows) {
    Totals t = new Totals();
    rows.forEach(t::add);
    return t;
  }

  void add(Rollup r) {
    sessions += r.sessionCount();
    exchanges += r.exchangeCount();
    if (r.avgExchangesPerSession() != null) {
      sessionExchanges += Math.round(r.avgExchangesPerSession() * r.sessionCount());
    }
    durationMs += r.totalDurationMs();
    if (r.avgQualityComposite() != null) {
      qualityCount += r.qualityCount();
      qualitySum += r.avgQualityComposite() * r.qualityCount();
    }
    feedback += r.feedbackCount();
    positive += r.positiveFeedbackCount();
    merge(topics, r.topicDistribution());
    merge(topicSessions, r.topicSessions());
    r.topicQuality().forEach((k, v) -> topicQuality.merge(k, v, TopicQuality::plus));
  }

  /** Mean composite quality weighted by score count, or null without scores. */
  Double quality() {
    return qualityCount == 0 ? null : qualitySum / qualityCount;
  }

  /** Exchanges per session over the sessions started in the period, or null without sessions. */
  Double engagement() {
    return sessions == 0 ? null : (double) sessionExchanges / sessions;
  }

  private static void merge(Map<String, Long> into, Map<String, Long> from) {
    from.forEach((k, v) -> into.merge(k, v, Long::sum));
  }
}
