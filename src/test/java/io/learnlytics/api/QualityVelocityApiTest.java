package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestServer;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /quality} and {@code /velocity} against a direct computation from the raw events posted:
 * seeded random history over 80 days, with scores that leave dimensions out, every feedback type,
 * and "now" on Berlin's fall-back day (25 hours, two 02:00 hours), which is in every period.
 */
class QualityVelocityApiTest {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final Instant NOW = Instant.parse("2025-10-26T13:30:00Z");
  static final LocalDate TODAY = LocalDate.of(2025, 10, 26);
  static final String[] DIMS = {"relevance", "helpfulness", "accuracy", "clarity", "engagement"};
  static final String[] TYPES = {
    "thumbs_up",
    "thumbs_down",
    "copy",
    "share",
    "rating",
    "correction",
    "clarification",
    "follow_up"
  };

  record Score(Instant at, double[] dims) {} // a dimension < 0: left out

  record Feedback(Instant at, String type, int rating) {}

  record Exchange(Instant at, List<String> topics) {}

  static TestServer server;
  static final List<Score> SCORES = new ArrayList<>();
  static final List<Feedback> FEEDBACK = new ArrayList<>();
  static final List<Exchange> EXCHANGES = new ArrayList<>();

  @BeforeAll
  static void start(@org.junit.jupiter.api.io.TempDir Path dir) {
    server = TestServer.at(dir, ZONE, new MovableClock(NOW, ZONE));
    Random rnd = new Random(20);
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 900; i++) {
      // the last 80 days, with every tenth exchange in the fall-back night's repeated hours
      Instant at =
          i % 10 == 0
              ? Instant.parse("2025-10-25T23:00:00Z").plusSeconds(rnd.nextInt(7200))
              : NOW.minusSeconds(60 + rnd.nextInt(80 * 86_400));
      exchange(sb, rnd, i, at);
    }
    server.postJson("/api/events", sb.append("]").toString());
    while (server.app().rollups().refreshDirty() > 0) {
      // until every dirty bucket is recomputed
    }
  }

  static void exchange(StringBuilder sb, Random rnd, int i, Instant at) {
    TreeSet<String> topics = new TreeSet<>();
    for (int k = rnd.nextInt(3); k >= 0; k--) {
      topics.add("topic " + (char) ('a' + (int) Math.abs(rnd.nextGaussian() * 6) % 26));
    }
    EXCHANGES.add(new Exchange(at, List.copyOf(topics)));
    sb.append(i == 0 ? "" : ",")
        .append("{\"kind\":\"exchange\",\"id\":\"x" + i + "\",\"session_id\":\"s" + i / 3 + "\",")
        .append("\"timestamp\":\"" + at + "\",\"topics\":[\"" + String.join("\",\"", topics))
        .append("\"]}");
    if (rnd.nextInt(10) < 7) {
      double[] dims = new double[5];
      StringBuilder q = new StringBuilder(",{\"kind\":\"quality\",\"id\":\"q" + i + "\"");
      q.append(",\"exchange_id\":\"x" + i + "\",\"composite\":0.5");
      for (int d = 0; d < 5; d++) {
        dims[d] = rnd.nextInt(10) < 7 ? rnd.nextInt(1001) / 1000.0 : -1;
        q.append(dims[d] < 0 ? "" : ",\"" + DIMS[d] + "\":" + dims[d]);
      }
      SCORES.add(new Score(at, dims));
      sb.append(q).append('}');
    }
    if (rnd.nextInt(10) < 6) {
      String type = TYPES[rnd.nextInt(TYPES.length)];
      int rating = 1 + rnd.nextInt(5);
      Instant ft = at.plusSeconds(30);
      if (ft.isAfter(NOW)) {
        ft = at;
      }
      FEEDBACK.add(new Feedback(ft, type, type.equals("rating") ? rating : 0));
      sb.append(",{\"kind\":\"feedback\",\"id\":\"f" + i + "\",\"exchange_id\":\"x" + i + "\"")
          .append(",\"timestamp\":\"" + ft + "\",\"type\":\"" + type + "\"")
          .append(type.equals("rating") ? ",\"rating\":" + rating : "")
          .append('}');
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"7d", "30d"})
  void the_radar_is_each_dimensions_mean_over_the_scores_carrying_it(String period) {
    JsonNode q = server.get("/api/analytics/quality?period=" + period).json();
    int days = Integer.parseInt(period.replace("d", ""));
    Instant from = TODAY.minusDays(days - 1L).atStartOfDay(ZONE).toInstant();
    JsonNode cmp = q.at("/meta/comparison");
    assertThat(Instant.parse(cmp.at("/current/from").asText())).isEqualTo(from);
    Instant pFrom = Instant.parse(cmp.at("/previous/from").asText());
    Instant pTo = Instant.parse(cmp.at("/previous/to").asText());
    assertThat(pFrom).isEqualTo(TODAY.minusDays(2L * days - 1).atStartOfDay(ZONE).toInstant());

    for (int d = 0; d < 5; d++) {
      double[] cur = mean(d, from, NOW.plusSeconds(1));
      double[] prev = mean(d, pFrom, pTo);
      JsonNode row = q.at("/dimensions/" + d);
      assertThat(row.get("name").asText()).isEqualTo(DIMS[d]);
      assertThat(row.get("scores").asLong()).isEqualTo((long) cur[0]).isPositive();
      assertThat(row.get("mean").asDouble()).isEqualTo(round(cur[1] / cur[0]));
      assertThat(q.at("/radar/datasets/0/data/" + d).asDouble()).isEqualTo(round(cur[1] / cur[0]));
      assertThat(row.get("previous_scores").asLong()).isEqualTo((long) prev[0]).isPositive();
      assertThat(q.at("/radar/datasets/1/data/" + d).asDouble())
          .isEqualTo(round(prev[1] / prev[0]));
    }
    assertThat(q.at("/radar/labels/0").asText()).isEqualTo("Relevance");
  }

  @ParameterizedTest
  @ValueSource(strings = {"7d", "30d"})
  void the_feedback_bars_count_each_kind_of_the_raw_feedback(String period) {
    JsonNode q = server.get("/api/analytics/quality?period=" + period).json();
    JsonNode cmp = q.at("/meta/comparison");
    Instant from = Instant.parse(cmp.at("/current/from").asText());
    long[] cur = kinds(from, NOW.plusSeconds(1));
    long[] prev =
        kinds(
            Instant.parse(cmp.at("/previous/from").asText()),
            Instant.parse(cmp.at("/previous/to").asText()));
    String[] names = {"total", "positive", "negative", "corrections", "clarifications", "other"};
    for (int k = 0; k < names.length; k++) {
      assertThat(q.at("/feedback_counts/" + names[k]).asLong()).as(names[k]).isEqualTo(cur[k]);
      assertThat(q.at("/previous_feedback_counts/" + names[k]).asLong()).isEqualTo(prev[k]);
      if (k > 0) {
        assertThat(q.at("/feedback/datasets/0/data/" + (k - 1)).asLong()).isEqualTo(cur[k]);
        assertThat(q.at("/feedback/datasets/1/data/" + (k - 1)).asLong()).isEqualTo(prev[k]);
      }
    }
    assertThat(cur[0]).isPositive();
    assertThat(cur[5]).isPositive(); // follow_up and rating 3
  }

  @ParameterizedTest
  @ValueSource(strings = {"7d", "30d", "90d"})
  void velocity_counts_topics_first_studied_and_reaching_3_mentions_per_week(String period) {
    JsonNode v = server.get("/api/analytics/velocity?period=" + period).json();
    LocalDate first = TODAY.minusDays(Integer.parseInt(period.replace("d", "")) - 1L);
    Map<String, TreeMap<LocalDate, Integer>> byDay = new HashMap<>();
    for (Exchange x : EXCHANGES) {
      LocalDate day = x.at().atZone(ZONE).toLocalDate();
      x.topics()
          .forEach(t -> byDay.computeIfAbsent(t, k -> new TreeMap<>()).merge(day, 1, Integer::sum));
    }
    TreeMap<LocalDate, TreeSet<String>> fresh = new TreeMap<>();
    TreeMap<LocalDate, TreeSet<String>> mastered = new TreeMap<>();
    byDay.forEach(
        (topic, days) -> {
          int total = 0;
          for (Map.Entry<LocalDate, Integer> e : days.entrySet()) {
            if (total == 0) {
              add(fresh, first, e.getKey(), topic);
            }
            if (total < 3 && total + e.getValue() >= 3) {
              add(mastered, first, e.getKey(), topic);
            }
            total += e.getValue();
          }
        });
    List<String> labels = new ArrayList<>();
    for (LocalDate w = monday(first); !w.isAfter(TODAY); w = w.plusWeeks(1)) {
      labels.add((w.isBefore(first) ? first : w).toString());
    }
    assertThat(v.at("/chart/labels").toString()).isEqualTo(toJson(labels));
    for (int i = 0; i < labels.size(); i++) {
      LocalDate week = monday(LocalDate.parse(labels.get(i)));
      JsonNode w = v.at("/weeks/" + i);
      assertThat(w.get("new_topics").toString())
          .isEqualTo(toJson(new ArrayList<>(fresh.getOrDefault(week, new TreeSet<>()))));
      assertThat(w.get("mastered").toString())
          .isEqualTo(toJson(new ArrayList<>(mastered.getOrDefault(week, new TreeSet<>()))));
      assertThat(v.at("/chart/datasets/0/data/" + i).asInt()).isEqualTo(w.get("new_topics").size());
      assertThat(v.at("/chart/datasets/1/data/" + i).asInt()).isEqualTo(w.get("mastered").size());
    }
    assertThat(v.get("new_topics").asInt())
        .isEqualTo(fresh.values().stream().mapToInt(TreeSet::size).sum());
    assertThat(v.get("mastered").asInt())
        .isEqualTo(mastered.values().stream().mapToInt(TreeSet::size).sum());
    if (period.equals("90d")) {
      assertThat(v.get("new_topics").asInt()).isPositive();
      assertThat(v.get("mastered").asInt()).isPositive();
    }
  }

  static void add(
      TreeMap<LocalDate, TreeSet<String>> weeks, LocalDate first, LocalDate day, String t) {
    if (!day.isBefore(first) && !day.isAfter(TODAY)) {
      weeks.computeIfAbsent(monday(day), k -> new TreeSet<>()).add(t);
    }
  }

  static LocalDate monday(LocalDate d) {
    return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  static String toJson(List<String> names) {
    return names.isEmpty() ? "[]" : "[\"" + String.join("\",\"", names) + "\"]";
  }

  /** {count, sum} of dimension {@code d} over the scores in {@code [from, to)}. */
  static double[] mean(int d, Instant from, Instant to) {
    double[] out = new double[2];
    for (Score s : SCORES) {
      if (!s.at().isBefore(from) && s.at().isBefore(to) && s.dims()[d] >= 0) {
        out[0]++;
        out[1] += s.dims()[d];
      }
    }
    return out;
  }

  /** {total, positive, negative, corrections, clarifications, other} in {@code [from, to)}. */
  static long[] kinds(Instant from, Instant to) {
    long[] n = new long[6];
    for (Feedback f : FEEDBACK) {
      if (f.at().isBefore(from) || !f.at().isBefore(to)) {
        continue;
      }
      n[0]++;
      boolean rating = f.type().equals("rating");
      if (List.of("thumbs_up", "copy", "share").contains(f.type()) || rating && f.rating() >= 4) {
        n[1]++;
      } else if (f.type().equals("thumbs_down") || rating && f.rating() <= 2) {
        n[2]++;
      } else if (f.type().equals("correction")) {
        n[3]++;
      } else if (f.type().equals("clarification")) {
        n[4]++;
      } else {
        n[5]++;
      }
    }
    return n;
  }

  static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
