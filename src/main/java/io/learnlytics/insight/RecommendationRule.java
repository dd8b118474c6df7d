package io.learnlytics.insight;

import static io.learnlytics.insight.Candidate.evidence;

import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.RollupTotals;
import io.learnlytics.rollup.TopicQuality;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recommendations from the last {@value #DAYS} learning days (today included).
 *
 * <ul>
 *   <li>Peak hour: the local hour of day with the most exchanges, summed exactly from the hourly
 *       rollups of the window (not votes of each day's peak hour), recommended when more than
 *       {@value #MIN_PEAK_SESSIONS} sessions started in it. Ties go to the earlier hour.
 *   <li>Correction rate: corrections / exchanges above 15 %, with at least {@value #MIN_EXCHANGES}
 *       exchanges.
 *   <li>Topics to revisit: a topic with at least {@value #MIN_TOPIC_SCORES} quality scores whose
 *       mean (sum / count of the scores of exchanges mentioning it) is at least 0.10 below the mean
 *       of all scores — an absolute difference in quality points, not a percentage. Worst first, at
 *       most {@value #MAX_TOPICS} listed at a time.
 * </ul>
 *
 * Each is keyed by the date it was made and not repeated while the last one of its kind (for
 * topics: of that topic) is still live, so it comes back after its 14 days if still true.
 */
final class RecommendationRule implements Rule {
  static final int DAYS = 30;
  static final int MIN_PEAK_SESSIONS = 3;
  static final double CORRECTION_RATE = 0.15;
  static final int MIN_EXCHANGES = 20;
  static final int MIN_TOPIC_SCORES = 5;
  static final double TOPIC_GAP = 0.10;
  static final int MAX_TOPICS = 3;

  private final RollupEngine rollups;

  RecommendationRule(RollupEngine rollups) {
    this.rollups = rollups;
  }

  @Override
  public List<Candidate> evaluate(Moment now) {
    LocalDate first = now.today().minusDays(DAYS - 1L);
    long from = now.dayStart(first);
    long to = now.dayStart(now.today().plusDays(1));
    List<Rollup> days = rollups.list(Level.DAILY, from, to);
    String period = now.today().toString();
    Map<String, Object> window =
        evidence("from", first.toString(), "to", now.today().toString(), "days", DAYS);
    List<Candidate> out = new ArrayList<>();
    peakHour(now, rollups.list(Level.HOURLY, from, to), window, period, out);
    RollupTotals sums = RollupTotals.of(days);
    correctionRate(sums, window, period, out);
    revisit(days, sums, window, period, out);
    return out;
  }

  private static void peakHour(
      Moment now,
      List<Rollup> hours,
      Map<String, Object> window,
      String period,
      List<Candidate> out) {
    long[] exchanges = new long[24];
    long[] sessions = new long[24];
    countByHour(now, hours, exchanges, sessions);
    int peak = busiest(exchanges);
    if (exchanges[peak] == 0 || sessions[peak] <= MIN_PEAK_SESSIONS) {
      return;
    }
    String range = peak + ":00–" + (peak + 1) % 24 + ":00";
    out.add(
        Candidate.of(
            "recommendation:peak_hour",
            null,
            period,
            "medium",
            "Your peak learning time is " + range,
            "Over the last 30 days you had the most exchanges ("
                + exchanges[peak]
                + ") between "
                + range.replace("–", " and ")
                + ", in "
                + sessions[peak]
                + " sessions started then: schedule sessions at that time.",
            peakEvidence(peak, exchanges, sessions, window)));
  }

  /** Adds each hourly row's exchanges and sessions to its local hour of day. */
  private static void countByHour(
      Moment now, List<Rollup> hours, long[] exchanges, long[] sessions) {
    for (Rollup r : hours) {
      int hour =
          Instant.ofEpochMilli(r.periodStartUtc())
              .atZone(now.buckets().zoneAt(r.periodStartUtc()))
              .getHour();
      exchanges[hour] += r.activity().exchanges();
      sessions[hour] += r.activity().sessions();
    }
  }

  /** The hour with the most exchanges, the earliest on a tie. */
  private static int busiest(long[] exchanges) {
    int peak = 0;
    for (int h = 1; h < 24; h++) {
      if (exchanges[h] > exchanges[peak]) {
        peak = h;
      }
    }
    return peak;
  }

  private static Map<String, Object> peakEvidence(
      int peak, long[] exchanges, long[] sessions, Map<String, Object> window) {
    return evidence(
        "peak_hour",
        peak,
        "exchanges_at_peak",
        exchanges[peak],
        "sessions_at_peak",
        sessions[peak],
        "threshold",
        MIN_PEAK_SESSIONS,
        "condition",
        "sessions_at_peak > threshold",
        "exchanges_by_hour",
        Arrays.stream(exchanges).boxed().toList(),
        "sessions_by_hour",
        Arrays.stream(sessions).boxed().toList(),
        "window",
        window);
  }

  private static void correctionRate(
      RollupTotals sums, Map<String, Object> window, String period, List<Candidate> out) {
    if (sums.exchanges < MIN_EXCHANGES) {
      return;
    }
    double rate = sums.corrections / (double) sums.exchanges;
    if (rate > CORRECTION_RATE) {
      out.add(highCorrectionRate(rate, sums, window, period));
    }
  }

  private static Candidate highCorrectionRate(
      double rate, RollupTotals sums, Map<String, Object> window, String period) {
    String pct = Math.round(rate * 100) + "%";
    return Candidate.of(
        "recommendation:correction_rate",
        null,
        period,
        "medium",
        "High correction rate (" + pct + ")",
        pct
            + " of your exchanges in the last 30 days were corrected ("
            + sums.corrections
            + " of "
            + sums.exchanges
            + "): try breaking complex topics into smaller questions.",
        evidence(
            "correction_rate", rate,
            "corrections", sums.corrections,
            "exchanges", sums.exchanges,
            "threshold", CORRECTION_RATE,
            "min_exchanges", MIN_EXCHANGES,
            "window", window));
  }

  private static void revisit(
      List<Rollup> days,
      RollupTotals sums,
      Map<String, Object> window,
      String period,
      List<Candidate> out) {
    Double overall = sums.quality();
    if (overall == null) {
      return;
    }
    for (Map.Entry<String, TopicQuality> e : weakTopics(topicQuality(days), overall)) {
      out.add(revisit(e.getKey(), e.getValue(), overall, sums, window, period));
    }
  }

  private static Map<String, TopicQuality> topicQuality(List<Rollup> days) {
    Map<String, TopicQuality> topics = new TreeMap<>();
    for (Rollup r : days) {
      if (r.topics().quality() != null) {
        r.topics().quality().forEach((t, q) -> topics.merge(t, q, TopicQuality::plus));
      }
    }
    return topics;
  }

  /** Topics with enough scores whose quality trails the overall by the gap, weakest first. */
  private static List<Map.Entry<String, TopicQuality>> weakTopics(
      Map<String, TopicQuality> topics, double overall) {
    List<Map.Entry<String, TopicQuality>> weak = new ArrayList<>();
    for (Map.Entry<String, TopicQuality> e : topics.entrySet()) {
      TopicQuality q = e.getValue();
      // the tolerance keeps a gap of exactly 0.10 from failing on rounding
      if (q.count() >= MIN_TOPIC_SCORES && mean(q) <= overall - TOPIC_GAP + 1e-9) {
        weak.add(e);
      }
    }
    weak.sort(Comparator.comparingDouble(e -> mean(e.getValue())));
    return weak;
  }

  /** Mean quality of a topic with scores (every weak topic has {@value #MIN_TOPIC_SCORES}). */
  private static double mean(TopicQuality q) {
    return q.sum() / q.count();
  }

  private static Candidate revisit(
      String topic,
      TopicQuality q,
      double overall,
      RollupTotals sums,
      Map<String, Object> window,
      String period) {
    double mean = mean(q);
    return Candidate.of(
            "recommendation:revisit",
            topic,
            period,
            "medium",
            "Consider revisiting '" + topic + "'",
            revisitText(topic, mean, q.count(), overall),
            evidence(
                "topic", topic,
                "topic_quality", mean,
                "topic_scores", q.count(),
                "overall_quality", overall,
                "overall_scores", sums.qualityCount,
                "gap", overall - mean,
                "min_gap", TOPIC_GAP,
                "min_scores", MIN_TOPIC_SCORES,
                "window", window))
        .withMaxLive(MAX_TOPICS);
  }

  private static String revisitText(String topic, double mean, long scores, double overall) {
    return String.format(
        Locale.ROOT,
        "Your quality on '%s' averaged %.2f over %d scores in the last 30 days,"
            + " %.2f below your overall %.2f.",
        topic,
        mean,
        scores,
        overall - mean,
        overall);
  }
}
