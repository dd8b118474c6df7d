package io.learnlytics.dashboard;

import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Rollup;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the learner has studied, per topic, from daily rollups: sessions, the last learning day with
 * the topic, and whether the later half of the period had more sessions on it than the earlier
 * half; and fading topics, studied in the last {@value #FADING_LOOKBACK_DAYS} days but not in the
 * last {@value #FADING_DAYS}.
 */
final class Mastery {
  /** A topic fades when its last session is this many learning days ago or more. */
  static final int FADING_DAYS = 14;

  /** How far back a fading topic must have been active. */
  static final int FADING_LOOKBACK_DAYS = 90;

  /** Sessions in the look-back that make a topic "active before". */
  static final int FADING_MIN_SESSIONS = 2;

  static final int FADING_LIMIT = 5;

  private Mastery() {}

  /** Per topic: sessions of each half of {@code first..today}, and the last day studied. */
  private record Tally(long earlier, long later, LocalDate last) {
    long sessions() {
      return earlier + later;
    }
  }

  /**
   * Per-topic progress over the days {@code first..today} (the later half starts at the middle day;
   * an odd middle day counts in the later half), most sessions first, at most {@code limit}.
   */
  static List<TopicProgress> progress(
      List<Rollup> days, Buckets buckets, LocalDate first, LocalDate today, int limit) {
    long span = ChronoUnit.DAYS.between(first, today) + 1;
    LocalDate middle = first.plusDays(span / 2);
    Map<String, Tally> tallies = tally(days, buckets, middle);
    return tallies.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Tally>>comparingLong(e -> -e.getValue().sessions())
                .thenComparing(Map.Entry::getKey))
        .limit(limit)
        .map(e -> topicProgress(e.getKey(), e.getValue()))
        .toList();
  }

  private static TopicProgress topicProgress(String name, Tally t) {
    String trend = t.later > t.earlier ? "up" : t.later < t.earlier ? "down" : "flat";
    return new TopicProgress(name, t.sessions(), t.last.toString(), trend, t.earlier, t.later);
  }

  /**
   * Sessions per topic before and from {@code middle}, and each topic's last day with a mention.
   */
  private static Map<String, Tally> tally(List<Rollup> days, Buckets buckets, LocalDate middle) {
    Map<String, Tally> out = new HashMap<>();
    for (Rollup r : days) {
      LocalDate date = buckets.learningDate(r.periodStartUtc());
      boolean later = !date.isBefore(middle);
      for (Map.Entry<String, Long> e : r.topics().distribution().entrySet()) {
        long sessions = r.topics().sessions().getOrDefault(e.getKey(), 0L);
        Tally t = out.get(e.getKey());
        Tally add = new Tally(later ? 0 : sessions, later ? sessions : 0, date);
        out.put(
            e.getKey(),
            t == null
                ? add
                : new Tally(
                    t.earlier + add.earlier,
                    t.later + add.later,
                    date.isAfter(t.last) ? date : t.last));
      }
    }
    return out;
  }

  /**
   * Topics with at least {@value #FADING_MIN_SESSIONS} sessions in the rows (the last {@value
   * #FADING_LOOKBACK_DAYS} days) whose last mention is {@value #FADING_DAYS} days before {@code
   * today} or longer; most sessions first, then the longest unstudied.
   */
  static List<Fading> fading(List<Rollup> days, Buckets buckets, LocalDate today) {
    List<Fading> out = new ArrayList<>();
    tally(days, buckets, LocalDate.MAX)
        .forEach(
            (name, t) -> {
              long since = ChronoUnit.DAYS.between(t.last, today);
              if (t.sessions() >= FADING_MIN_SESSIONS && since >= FADING_DAYS) {
                out.add(new Fading(name, t.sessions(), t.last.toString(), since));
              }
            });
    out.sort(
        Comparator.comparingLong((Fading f) -> -f.sessions())
            .thenComparingLong(f -> -f.daysSince())
            .thenComparing(Fading::name));
    return out.size() > FADING_LIMIT ? List.copyOf(out.subList(0, FADING_LIMIT)) : out;
  }

  /**
   * {@code sessions}: sessions in the period that mention the topic; {@code lastStudied}: the last
   * learning day in the period with a mention; {@code trend}: {@code up} when the later half had
   * more of those sessions than the earlier half, {@code down} when fewer, else {@code flat}.
   */
  public record TopicProgress(
      String name,
      long sessions,
      String lastStudied,
      String trend,
      long earlierSessions,
      long laterSessions) {}

  /** {@code sessions}: in the look-back; {@code daysSince}: learning days since last studied. */
  public record Fading(String name, long sessions, String lastStudied, long daysSince) {}
}
