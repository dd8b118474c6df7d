package io.learnlytics.rollup;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes every rollup field directly from the raw history, the slow obvious way: filter the
 * events of the bucket, then count, sum, sort. Shares nothing with the engine but {@link Buckets}
 * (bucket membership, tested on its own).
 */
final class Oracle {
  private final History h;
  private final Buckets buckets;
  private final Map<String, long[]> sessions = new HashMap<>(); // id -> {start, duration, count}

  Oracle(History h, Buckets buckets) {
    this.h = h;
    this.buckets = buckets;
    Map<String, List<History.Exchange>> bySession =
        h.exchanges.stream().collect(Collectors.groupingBy(History.Exchange::session));
    bySession.forEach(
        (id, xs) -> {
          long start = xs.stream().mapToLong(History.Exchange::ts).min().orElseThrow();
          long last = xs.stream().mapToLong(History.Exchange::ts).max().orElseThrow();
          long lastDuration =
              xs.stream()
                  .filter(x -> x.ts() == last)
                  .mapToLong(History.Exchange::durationMs)
                  .max()
                  .orElseThrow();
          sessions.put(id, new long[] {start, last - start + lastDuration, xs.size()});
        });
  }

  /** The start of every bucket of {@code level} that holds at least one event or session start. */
  TreeSet<Long> bucketStarts(Level level) {
    TreeSet<Long> out = new TreeSet<>();
    h.exchanges.forEach(x -> out.add(buckets.start(level, x.ts())));
    h.quality.forEach(q -> out.add(buckets.start(level, q.effectiveTs())));
    h.feedback.forEach(f -> out.add(buckets.start(level, f.ts())));
    return out;
  }

  /** Every field, trends included (against the previous bucket, when it has data). */
  Rollup rollup(Level level, long start) {
    Rollup current = direct(level, start);
    if (level == Level.HOURLY) {
      return current;
    }
    long previousStart = buckets.start(level, start - 1);
    Rollup previous =
        bucketStarts(level).contains(previousStart) ? direct(level, previousStart) : null;
    return current.withTrend(Trend.between(previous, current));
  }

  private Rollup direct(Level level, long start) {
    long end = buckets.end(level, start);
    List<History.Exchange> xs = h.exchanges.stream().filter(x -> in(x.ts(), start, end)).toList();
    List<History.Quality> qs =
        h.quality.stream().filter(q -> in(q.effectiveTs(), start, end)).toList();
    List<History.Feedback> fs = h.feedback.stream().filter(f -> in(f.ts(), start, end)).toList();
    List<long[]> ss = sessions.values().stream().filter(s -> in(s[0], start, end)).toList();

    TreeMap<String, Long> topics = new TreeMap<>();
    xs.forEach(x -> x.topics().forEach(t -> topics.merge(t, 1L, Long::sum)));
    List<Long> durations = new ArrayList<>(ss.stream().map(s -> s[1]).sorted().toList());
    long totalDuration = durations.stream().mapToLong(Long::longValue).sum();
    double[] composites = qs.stream().mapToDouble(History.Quality::effectiveComposite).toArray();
    long positive = fs.stream().filter(Oracle::positive).count();
    long negative = fs.stream().filter(Oracle::negative).count();
    return new Rollup(
        level,
        start,
        end,
        buckets.localLabel(start),
        new Rollup.Activity(
            ss.size(),
            xs.size(),
            totalDuration,
            ss.isEmpty() ? null : (double) totalDuration / ss.size(),
            median(durations),
            ss.isEmpty() ? null : ss.stream().mapToLong(s -> s[2]).sum() / (double) ss.size(),
            level == Level.HOURLY ? null : peakHour(xs),
            level == Level.WEEKLY || level == Level.MONTHLY ? weekdays(xs) : null),
        new Rollup.Quality(
            qs.size(),
            mean(composites),
            mean(qs, History.Quality::relevance),
            mean(qs, History.Quality::helpfulness),
            mean(qs, History.Quality::accuracy),
            mean(qs, History.Quality::clarity),
            mean(qs, History.Quality::engagement),
            populationStdDev(composites)),
        new Rollup.Feedback(
            fs.size(),
            positive,
            negative,
            fs.isEmpty() ? null : (double) positive / fs.size(),
            fs.stream().filter(f -> f.type().equals("correction")).count(),
            fs.stream().filter(f -> f.type().equals("clarification")).count()),
        new Rollup.Topics(
            topics.size(),
            topics.entrySet().stream()
                .sorted(
                    Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(5)
                .map(Map.Entry::getKey)
                .toList(),
            new LinkedHashMap<>(topics),
            topicSessions(start, end),
            topicQuality(qs)),
        Trend.NONE);
  }

  /** Mean of one quality dimension over the scores that have it. */
  private static Double mean(
      List<History.Quality> qs, Function<History.Quality, Double> dimension) {
    return mean(qs.stream().map(dimension).filter(v -> v != null).mapToDouble(v -> v).toArray());
  }

  private Map<String, Long> topicSessions(long start, long end) {
    TreeMap<String, Long> out = new TreeMap<>();
    h.exchanges.stream()
        .collect(Collectors.groupingBy(History.Exchange::session))
        .forEach(
            (id, xs) -> {
              if (in(sessions.get(id)[0], start, end)) {
                xs.stream()
                    .flatMap(x -> x.topics().stream())
                    .distinct()
                    .forEach(t -> out.merge(t, 1L, Long::sum));
              }
            });
    return new LinkedHashMap<>(out);
  }

  private Map<String, TopicQuality> topicQuality(List<History.Quality> qs) {
    Map<String, History.Exchange> byId =
        h.exchanges.stream().collect(Collectors.toMap(History.Exchange::id, x -> x));
    TreeMap<String, TopicQuality> out = new TreeMap<>();
    for (History.Quality q : qs) {
      for (String t : byId.get(q.exchangeId()).topics()) {
        out.merge(t, new TopicQuality(1, q.effectiveComposite()), TopicQuality::plus);
      }
    }
    return new LinkedHashMap<>(out);
  }

  private Integer peakHour(List<History.Exchange> xs) {
    long[] byHour = new long[24];
    xs.forEach(
        x -> byHour[Instant.ofEpochMilli(x.ts()).atZone(buckets.zoneAt(x.ts())).getHour()]++);
    int best = -1;
    for (int i = 0; i < 24; i++) {
      if (byHour[i] > 0 && (best < 0 || byHour[i] > byHour[best])) {
        best = i;
      }
    }
    return best < 0 ? null : best;
  }

  private Map<String, Long> weekdays(List<History.Exchange> xs) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      out.put(d.getDisplayName(TextStyle.FULL, Locale.ENGLISH), 0L);
    }
    xs.forEach(
        x ->
            out.merge(
                buckets
                    .learningDate(x.ts())
                    .getDayOfWeek()
                    .getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                1L,
                Long::sum));
    return out;
  }

  private static boolean positive(History.Feedback f) {
    return switch (f.type()) {
      case "thumbs_up", "copy", "share" -> true;
      case "rating" -> f.rating() >= 4;
      default -> false;
    };
  }

  private static boolean negative(History.Feedback f) {
    return f.type().equals("thumbs_down") || (f.type().equals("rating") && f.rating() <= 2);
  }

  private static boolean in(long t, long start, long end) {
    return t >= start && t < end;
  }

  private static Double mean(double[] v) {
    if (v.length == 0) {
      return null;
    }
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  private static Double populationStdDev(double[] v) {
    Double m = mean(v);
    if (m == null) {
      return null;
    }
    double ss = 0;
    for (double d : v) {
      ss += (d - m) * (d - m);
    }
    return Math.sqrt(ss / v.length);
  }

  private static Double median(List<Long> sorted) {
    int n = sorted.size();
    if (n == 0) {
      return null;
    }
    return n % 2 == 1
        ? (double) sorted.get(n / 2)
        : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
