package io.learnlytics.dashboard;

import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Period;
import io.learnlytics.rollup.Rollup;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /api/analytics/velocity}: learning velocity, per week of the period — the topics first
 * studied that week (their first mention ever) and the topics mastered that week (the week their
 * mentions, counted over all history, reach {@value #MASTERED_MENTIONS}: the knowledge graph's
 * "known", the specification's {@code frequency >= 3}). Weeks are the learner's ({@code
 * --week-start}, learning days), the first cut to the period as in the progress chart. History
 * before the period comes from weekly rollups, then daily ones, so the answer reads about 52 rows a
 * year of history besides the period's days.
 */
public final class VelocityService {
  /** Mentions from which a topic counts as mastered (graph.GraphRules.KNOWN_MENTIONS). */
  static final int MASTERED_MENTIONS = 3;

  private final Rows rows;

  VelocityService(Rows rows) {
    this.rows = rows;
  }

  public Velocity velocity(Period period) {
    Instant now = rows.clock.instant();
    LocalDate today = rows.buckets.learningDate(now.toEpochMilli());
    LocalDate first = today.minusDays(period.days() - 1L);
    LocalDate firstWeek = rows.buckets.weekDate(first);
    Map<String, Long> mentions = new HashMap<>();
    long weekStartUtc = rows.buckets.dayStart(firstWeek);
    rows.level(Level.WEEKLY, Long.MIN_VALUE, weekStartUtc).forEach(r -> add(mentions, r));
    rows.level(Level.DAILY, weekStartUtc, rows.buckets.dayStart(first))
        .forEach(r -> add(mentions, r));
    TreeMap<LocalDate, Week> weeks = new TreeMap<>();
    for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
      LocalDate start = rows.buckets.weekDate(d);
      LocalDate from = start.isBefore(first) ? first : start;
      weeks.computeIfAbsent(
          start, s -> new Week(from.toString(), new TreeSet<>(), new TreeSet<>()));
    }
    for (Rollup r : rows.days(first, today)) {
      LocalDate date = rows.buckets.learningDate(r.periodStartUtc());
      Week week = Objects.requireNonNull(weeks.get(rows.buckets.weekDate(date)), "a week per day");
      r.topics().distribution().forEach((name, n) -> count(mentions, week, name, n));
    }
    return answer(period, now, new ArrayList<>(weeks.values()));
  }

  private static void add(Map<String, Long> mentions, Rollup r) {
    r.topics().distribution().forEach((name, n) -> mentions.merge(name, n, Long::sum));
  }

  private static void count(Map<String, Long> mentions, Week week, String name, long n) {
    long before = mentions.getOrDefault(name, 0L);
    long after = before + n;
    mentions.put(name, after);
    if (before == 0 && after > 0) {
      week.newTopics().add(name);
    }
    if (before < MASTERED_MENTIONS && after >= MASTERED_MENTIONS) {
      week.mastered().add(name);
    }
  }

  private Velocity answer(Period period, Instant now, List<Week> weeks) {
    List<String> labels = new ArrayList<>();
    List<Integer> fresh = new ArrayList<>();
    List<Integer> mastered = new ArrayList<>();
    int freshTotal = 0;
    int masteredTotal = 0;
    for (Week w : weeks) {
      labels.add(w.weekStart());
      fresh.add(w.newTopics().size());
      mastered.add(w.mastered().size());
      freshTotal += w.newTopics().size();
      masteredTotal += w.mastered().size();
    }
    Chart chart =
        new Chart(
            labels,
            List.of(
                new Chart.Dataset("New topics", fresh, "#4F46E5", "#4F46E5", null),
                new Chart.Dataset("Mastered", mastered, "#10B981", "#10B981", null)));
    Meta meta = rows.meta(period.id(), now, null, "weekly");
    return new Velocity(chart, weeks, freshTotal, masteredTotal, MASTERED_MENTIONS, meta);
  }

  /**
   * One week of the period: {@code weekStart} is its first learning date in the period; the names
   * of the topics first studied and mastered in it, sorted.
   */
  public record Week(String weekStart, TreeSet<String> newTopics, TreeSet<String> mastered) {}

  public record Velocity(
      Chart chart,
      List<Week> weeks,
      int newTopics,
      int mastered,
      int masteredAtMentions,
      Meta meta) {}
}
