package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.SessionEvents;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topic drill-down, the rhythm (hour of day and weekday) and the year in review over real HTTP,
 * each value held against a direct computation from the events the test sent. Europe/Berlin, now
 * Tuesday 2025-12-16 14:00 local; the 90-day period (Sep 18 .. Dec 16) holds the fall-back day Oct
 * 26, when 02:00-03:00 happens twice.
 */
class ExploreApiTest {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final LocalDate TODAY = LocalDate.of(2025, 12, 16);
  static final String[] TOPICS = {"recursion", "graphs", "sorting", "python"};

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock(at(TODAY, 14, 0), ZONE);
  private final SessionEvents events = new SessionEvents();
  private final List<Sent> sent = new ArrayList<>();
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ---------------------------------------------------------------- rhythm

  @Test
  void hours_and_weekdays_equal_a_direct_count_of_the_events_including_the_fall_back_day() {
    randomHistory(new Random(18), 120, 400);
    // 02:30 summer time and 02:30 winter time on Oct 26 are both local hour 2 of a Sunday
    session(
        ZonedDateTime.of(2025, 10, 26, 2, 30, 0, 0, ZONE).withEarlierOffsetAtOverlap().toInstant(),
        2,
        0.8,
        "graphs");
    session(
        ZonedDateTime.of(2025, 10, 26, 2, 30, 0, 0, ZONE).withLaterOffsetAtOverlap().toInstant(),
        2,
        0.6,
        "graphs");
    start();

    JsonNode body = get("/api/analytics/rhythm?period=90d");

    LocalDate first = TODAY.minusDays(89);
    long[] sessions = new long[24];
    long[] exchanges = new long[24];
    double[] qSum = new double[24];
    long[] qCount = new long[24];
    long[] daySessions = new long[7];
    Set<String> seen = new HashSet<>();
    for (Sent s : sent) {
      ZonedDateTime local = s.at.atZone(ZONE);
      if (local.toLocalDate().isBefore(first)) {
        continue;
      }
      exchanges[local.getHour()]++;
      if (s.quality != null) {
        qSum[local.getHour()] += s.quality;
        qCount[local.getHour()]++;
      }
      if (seen.add(s.session)) { // the first exchange sent is the session's start
        sessions[local.getHour()]++;
        daySessions[local.getDayOfWeek().getValue() - 1]++;
      }
    }
    assertThat(longs(body.at("/hours/datasets/0/data"))).containsExactly(sessions);
    assertThat(longs(body.at("/hours/datasets/1/data"))).containsExactly(exchanges);
    for (int h = 0; h < 24; h++) {
      JsonNode q = body.at("/hours/datasets/2/data/" + h);
      if (qCount[h] == 0) {
        assertThat(q.isNull()).as("hour %d", h).isTrue();
      } else {
        assertThat(q.asDouble()).as("hour %d", h).isCloseTo(qSum[h] / qCount[h], within());
      }
    }
    assertThat(longs(body.at("/weekdays/datasets/0/data"))).containsExactly(daySessions);
    assertThat(body.at("/hours/labels/0").asText()).isEqualTo("00");
    assertThat(body.at("/weekdays/labels/0").asText()).isEqualTo("Mon");
    assertThat(body.at("/hourly/complete").asBoolean()).isTrue();
    assertThat(body.at("/meta/timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(body.at("/best/text").asText()).startsWith("You learn most on ");
  }

  @Test
  void the_best_time_names_the_busiest_weekday_and_its_busiest_three_hours() {
    LocalDate tuesday = TODAY.minusWeeks(1);
    for (int i = 0; i < 3; i++) {
      session(at(tuesday.minusWeeks(i), 19, 10), 1, null, "graphs");
    }
    session(at(tuesday, 8, 0), 1, null, "graphs");
    session(at(TODAY.minusDays(3), 20, 0), 1, null, "graphs"); // a Saturday
    start();

    JsonNode best = get("/api/analytics/rhythm?period=30d").get("best");

    assertThat(best.get("text").asText())
        .isEqualTo("You learn most on Tuesday evenings (18:00-21:00)");
    assertThat(best.get("weekday").asText()).isEqualTo("TUESDAY");
    assertThat(best.get("sessions").asLong()).isEqualTo(4);
    assertThat(best.get("block_sessions").asLong()).isEqualTo(3);
  }

  @Test
  void without_sessions_there_is_no_best_time_and_a_bad_period_is_a_400() {
    start();
    JsonNode body = get("/api/analytics/rhythm");
    assertThat(body.get("best").isNull()).isTrue();
    assertThat(longs(body.at("/hours/datasets/0/data"))).containsOnly(0L).hasSize(24);

    Response bad = server.get("/api/analytics/rhythm?period=2y");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("period");
  }

  @Test
  void hours_dropped_by_retention_are_reported_and_a_first_day_starting_late_is_not() {
    session(at(TODAY.minusDays(20), 10, 0), 1, 0.7, "graphs");
    session(at(TODAY.minusDays(5), 10, 0), 1, 0.7, "graphs");
    start();
    assertThat(get("/api/analytics/rhythm?period=30d").at("/hourly/complete").asBoolean()).isTrue();

    // as an older, shorter retention would have left it: no hourly rows before 10 days ago
    long cut = at(TODAY.minusDays(10), 0, 0).toEpochMilli();
    server
        .db()
        .writer()
        .useHandle(
            h ->
                h.execute(
                    "DELETE FROM aggregated_metrics WHERE interval_type = 'hourly'"
                        + " AND period_start_utc < ?",
                    cut));
    clock.advanceSeconds(86_400); // a new learning day: a new cache key
    JsonNode body = get("/api/analytics/rhythm?period=30d");
    assertThat(body.at("/hourly/complete").asBoolean()).isFalse();
    assertThat(body.at("/hourly/from").asText()).isEqualTo(TODAY.minusDays(5).toString());
    assertThat(body.at("/hourly/note").asText()).contains(TODAY.minusDays(5).toString());
    assertThat(sum(longs(body.at("/hours/datasets/0/data")))).isEqualTo(1);
  }

  // ---------------------------------------------------------------- topic drill-down

  @Test
  void a_topics_days_equal_a_direct_count_and_its_graph_neighbours_are_listed() {
    randomHistory(new Random(7), 40, 150);
    relation("recursion", "functions", "BUILDS_ON", 0.9);
    relation("functions", "variables", "BUILDS_ON", 0.8);
    relation("trees", "recursion", "BUILDS_ON", 0.7);
    relation("recursion", "sorting", "RELATES_TO", 0.5);
    start();

    JsonNode body = get("/api/analytics/topics/detail?name=recursion&period=30d");

    LocalDate first = TODAY.minusDays(29);
    long[] sessions = new long[30];
    double[] qSum = new double[30];
    long[] qCount = new long[30];
    Set<String> counted = new HashSet<>();
    long mentions = 0;
    for (Sent s : sent) {
      LocalDate day = s.at.atZone(ZONE).toLocalDate();
      if (day.isBefore(first) || !s.topics.contains("recursion")) {
        continue;
      }
      int i = (int) (day.toEpochDay() - first.toEpochDay());
      mentions++;
      if (s.quality != null) {
        qSum[i] += s.quality;
        qCount[i]++;
      }
      if (counted.add(s.session)) {
        sessions[i]++;
      }
    }
    assertThat(body.get("name").asText()).isEqualTo("recursion");
    assertThat(body.at("/meta/granularity").asText()).isEqualTo("daily");
    assertThat(body.get("dates")).hasSize(30);
    assertThat(body.at("/dates/0").asText()).isEqualTo(first.toString());
    assertThat(longs(body.at("/chart/datasets/0/data"))).containsExactly(sessions);
    for (int i = 0; i < 30; i++) {
      JsonNode q = body.at("/chart/datasets/1/data/" + i);
      if (qCount[i] == 0) {
        assertThat(q.isNull()).as("day %d", i).isTrue();
      } else {
        assertThat(q.asDouble()).as("day %d", i).isCloseTo(qSum[i] / qCount[i], within());
      }
    }
    assertThat(body.at("/totals/mentions").asLong()).isEqualTo(mentions);
    assertThat(body.at("/totals/sessions").asLong()).isEqualTo(sum(sessions));
    List<String> prerequisites = new ArrayList<>();
    body.at("/graph/prerequisites").forEach(p -> prerequisites.add(p.get("concept").asText()));
    assertThat(prerequisites).containsExactly("variables", "functions");
    List<String> related = new ArrayList<>();
    body.at("/graph/related")
        .forEach(r -> related.add(r.get("concept").asText() + ":" + r.get("relation").asText()));
    assertThat(related)
        .containsExactly("functions:prerequisite", "trees:builds_on_this", "sorting:related");
  }

  @Test
  void ninety_days_are_weekly_and_add_up_to_the_period_and_an_unknown_topic_is_a_404() {
    randomHistory(new Random(11), 100, 200);
    start();

    JsonNode body = get("/api/analytics/topics/detail?name=graphs&period=90d");
    assertThat(body.at("/meta/granularity").asText()).isEqualTo("weekly");
    assertThat(sum(longs(body.at("/chart/datasets/0/data"))))
        .isEqualTo(body.at("/totals/sessions").asLong());
    LocalDate first = TODAY.minusDays(89);
    long mentions =
        sent.stream()
            .filter(s -> s.topics.contains("graphs"))
            .filter(s -> !s.at.atZone(ZONE).toLocalDate().isBefore(first))
            .count();
    assertThat(body.at("/totals/mentions").asLong()).isEqualTo(mentions);
    assertThat(body.at("/dates/0").asText()).isEqualTo(first.toString());

    Response missing = server.get("/api/analytics/topics/detail?name=alchemy");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().at("/error/message").asText()).contains("alchemy");
    assertThat(server.get("/api/analytics/topics/detail").status()).isEqualTo(400);
    Response twin =
        server.get("/api/learners/default/analytics/topics/detail?name=graphs&period=90d");
    assertThat(twin.json().get("chart")).isEqualTo(body.get("chart"));
  }

  // ---------------------------------------------------------------- year in review

  @Test
  void the_year_has_its_totals_best_streak_top_topics_and_most_improved_topic() {
    LocalDate firstDay = TODAY.minusDays(364);
    session(at(firstDay.minusDays(1), 10, 0), 3, 0.9, "python"); // the day before: not counted
    // first half: recursion at 0.50, graphs at 0.80; second half: recursion 0.90, graphs 0.70
    for (int i = 0; i < 5; i++) {
      session(at(firstDay.plusDays(i), 10, 0), 3, 0.5, "recursion");
      session(at(firstDay.plusDays(20 + i), 10, 0), 3, 0.8, "graphs");
    }
    for (int i = 0; i < 9; i++) { // Dec 8 .. Dec 16: a 9-day streak up to today
      session(at(TODAY.minusDays(i), 9, 0), 3, 0.9, "recursion");
      session(at(TODAY.minusDays(i), 15, 0), 1, 0.7, "graphs");
    }
    start();

    JsonNode body = get("/api/analytics/year");

    assertThat(body.get("from").asText()).isEqualTo(firstDay.toString());
    assertThat(body.get("to").asText()).isEqualTo(TODAY.toString());
    assertThat(body.get("second_half_from").asText()).isEqualTo(firstDay.plusDays(182).toString());
    JsonNode t = body.get("totals");
    assertThat(t.get("sessions").asLong()).isEqualTo(5 + 5 + 18);
    assertThat(t.get("exchanges").asLong()).isEqualTo(15 + 15 + 27 + 9);
    // each session: exchanges 2 minutes apart plus the last one's 30 s
    assertThat(t.get("minutes").asLong()).isEqualTo(Math.round((10 * 4.5 + 9 * 4.5 + 9 * 0.5)));
    assertThat(t.get("days_learned").asLong()).isEqualTo(5 + 5 + 9);
    assertThat(body.at("/best_streak/days").asInt()).isEqualTo(9);
    assertThat(body.at("/best_streak/end").asText()).isEqualTo(TODAY.toString());
    assertThat(body.at("/top_topics/0/name").asText()).isEqualTo("recursion");
    assertThat(body.at("/top_topics/0/sessions").asLong()).isEqualTo(14);
    assertThat(body.at("/top_topics/1/name").asText()).isEqualTo("graphs");
    assertThat(body.at("/top_topics/1/sessions").asLong()).isEqualTo(14);
    assertThat(body.at("/top_topics/0/mentions").asLong()).isEqualTo(15 + 27);
    assertThat(body.at("/most_improved/name").asText()).isEqualTo("recursion");
    assertThat(body.at("/most_improved/before").asDouble()).isEqualTo(0.5);
    assertThat(body.at("/most_improved/after").asDouble()).isEqualTo(0.9);
    // both grew from 5 to 9 sessions: the tie goes to the first by name
    assertThat(body.at("/fastest_growing/name").asText()).isEqualTo("graphs");
    assertThat(body.at("/fastest_growing/before").asDouble()).isEqualTo(5);
    assertThat(body.at("/fastest_growing/after").asDouble()).isEqualTo(9);
    assertThat(body.at("/meta/period").asText()).isEqualTo("365d");
  }

  @Test
  void an_empty_year_has_zero_totals_and_nothing_to_rank() {
    start();
    JsonNode body = get("/api/analytics/year");
    assertThat(body.at("/totals/sessions").asLong()).isZero();
    assertThat(body.get("best_streak").isNull()).isTrue();
    assertThat(body.get("top_topics")).isEmpty();
    assertThat(body.get("most_improved").isNull()).isTrue();
  }

  // ---------------------------------------------------------------- fixture

  private record Sent(String session, Instant at, @Nullable Double quality, List<String> topics) {}

  /** {@code count} sessions at random hours over the last {@code days} days, seeded. */
  private void randomHistory(Random random, int count, int days) {
    for (int i = 0; i < count; i++) {
      LocalDate day = TODAY.minusDays(1 + random.nextInt(days));
      Instant start = at(day, random.nextInt(24), random.nextInt(60));
      String topic = TOPICS[random.nextInt(TOPICS.length)];
      Double q = random.nextInt(4) == 0 ? null : Math.round(random.nextDouble() * 100) / 100.0;
      session(start, 1 + random.nextInt(4), q, topic);
    }
  }

  private void session(Instant start, int exchanges, @Nullable Double quality, String topic) {
    SessionEvents.Session session = events.session(start, exchanges, quality, topic);
    for (Instant t : session.exchanges()) {
      sent.add(new Sent(session.id(), t, quality, List.of(topic)));
    }
  }

  private void relation(String source, String target, String type, double strength) {
    events.relation(source, target, type, strength);
  }

  private void start() {
    server = TestServer.at(dir, ZONE, clock);
    if (!events.all().isEmpty()) {
      server.app().ingest().ingest(events.all());
    }
    server.app().rollups().refreshDirty();
  }

  private static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
  }

  private JsonNode get(String path) {
    Response r = server.get(path);
    assertThat(r.status()).as("%s -> %s", path, r.body()).isEqualTo(200);
    return r.json();
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-4);
  }

  static {
    assertThat(DayOfWeek.MONDAY.getValue()).isEqualTo(1);
  }
}
