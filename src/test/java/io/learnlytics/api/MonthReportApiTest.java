package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.SessionEvents;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly report over real HTTP, held against a direct count of the events sent. The learner is
 * in Europe/Berlin, today is 2025-12-16; October holds the 25-hour fall-back day (Oct 26), and
 * sessions at 23:30 on Oct 31 and 00:30 on Nov 1 (local) fall on either side of the month's edge,
 * which in UTC is 23:00 on Oct 31.
 */
class MonthReportApiTest {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final LocalDate TODAY = LocalDate.of(2025, 12, 16);
  static final String[] TOPICS = {"recursion", "graphs", "sorting", "python", "sql", "regex"};

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock(at(TODAY, 14, 0), ZONE);
  private final SessionEvents events = new SessionEvents();
  private final List<Session> sessions = new ArrayList<>();
  private TestServer server;

  private record Session(LocalDate day, int exchanges, double quality, String topic) {}

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void a_month_and_the_month_before_equal_a_direct_count_of_the_sessions_sent() {
    Random random = new Random(20);
    for (int i = 0; i < 160; i++) {
      LocalDate day = TODAY.minusDays(1 + random.nextInt(120));
      String topic = TOPICS[random.nextInt(random.nextInt(10) < 8 ? 3 : TOPICS.length)];
      session(at(day, random.nextInt(24), random.nextInt(60)), 1 + random.nextInt(4), topic);
    }
    session(ZonedDateTime.of(2025, 10, 26, 2, 30, 0, 0, ZONE).toInstant(), 2, "graphs");
    session(at(LocalDate.of(2025, 10, 31), 23, 30), 3, "recursion");
    session(at(LocalDate.of(2025, 11, 1), 0, 30), 2, "recursion");
    session(at(LocalDate.of(2025, 11, 10), 12, 0), 1, "haskell"); // first studied in November
    session(at(LocalDate.of(2025, 12, 1), 12, 0), 1, "haskell");
    start();

    JsonNode nov = get("/api/analytics/month");
    assertThat(withoutMeta(get("/api/analytics/month?month=2025-11"))).isEqualTo(withoutMeta(nov));
    assertThat(nov.get("month").asText()).isEqualTo("2025-11");
    assertThat(nov.get("from").asText()).isEqualTo("2025-11-01");
    assertThat(nov.get("to").asText()).isEqualTo("2025-11-30");
    assertThat(nov.get("complete").asBoolean()).isTrue();
    assertMonth(nov.get("summary"), YearMonth.of(2025, 11));
    assertMonth(nov.get("previous"), YearMonth.of(2025, 10));
    long now = count(YearMonth.of(2025, 11));
    long before = count(YearMonth.of(2025, 10));
    assertThat(nov.at("/changes/sessions/change").asDouble())
        .isCloseTo((now - before) * 100.0 / before, org.assertj.core.data.Offset.offset(0.051));
    assertThat(nov.get("new_topics"))
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(newTopics(YearMonth.of(2025, 11)));
    assertThat(nov.at("/top_topics/0/sessions").asLong())
        .isEqualTo(
            topicSessions(YearMonth.of(2025, 11)).values().stream().max(Long::compare).get());
    assertThat(nov.at("/meta/timezone").asText()).isEqualTo("Europe/Berlin");
    assertMonth(get("/api/analytics/month?month=2025-10").get("summary"), YearMonth.of(2025, 10));
  }

  @Test
  void the_best_streak_is_cut_at_the_months_edges_and_the_month_in_progress_is_not_complete() {
    for (int i = 0; i < 6; i++) { // Oct 29 .. Nov 3
      session(at(LocalDate.of(2025, 10, 29).plusDays(i), 18, 0), 1, "sql");
    }
    for (int i = 0; i < 2; i++) { // Nov 20, 21
      session(at(LocalDate.of(2025, 11, 20).plusDays(i), 18, 0), 1, "sql");
    }
    start();

    JsonNode nov = get("/api/analytics/month?month=2025-11");
    assertThat(nov.at("/best_streak/days").asInt()).isEqualTo(3);
    assertThat(nov.at("/best_streak/start").asText()).isEqualTo("2025-11-01");
    assertThat(nov.at("/best_streak/end").asText()).isEqualTo("2025-11-03");
    assertThat(nov.get("new_topics")).isEmpty(); // sql was first studied in October
    assertThat(get("/api/analytics/month?month=2025-10").at("/best_streak/days").asInt())
        .isEqualTo(3);
    JsonNode dec = get("/api/analytics/month?month=2025-12");
    assertThat(dec.get("complete").asBoolean()).isFalse();
    assertThat(dec.at("/summary/sessions").asLong()).isZero();
    assertThat(dec.get("best_streak").isNull()).isTrue();
    assertThat(dec.at("/changes/sessions/direction").asText()).isEqualTo("down");
    assertThat(dec.at("/changes/sessions/change").asDouble()).isEqualTo(-100.0);
  }

  @Test
  void a_month_that_is_not_yyyy_mm_or_lies_ahead_is_a_400_naming_the_field() {
    start();
    for (String bad : List.of("2026-01", "2025-13", "November", "2025-11-01", "1969-12")) {
      Response r = server.get("/api/analytics/month?month=" + bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().at("/error/details/0/field").asText()).as(bad).isEqualTo("month");
      assertThat(r.body()).as(bad).contains("YYYY-MM, from 1970-01 to 2025-12");
    }
  }

  private void assertMonth(JsonNode summary, YearMonth month) {
    List<Session> in = in(month);
    assertThat(summary.get("month").asText()).isEqualTo(month.toString());
    assertThat(summary.get("sessions").asLong()).isEqualTo(in.size());
    assertThat(summary.get("exchanges").asLong())
        .isEqualTo(in.stream().mapToLong(Session::exchanges).sum());
    assertThat(summary.get("days_learned").asLong())
        .isEqualTo(in.stream().map(Session::day).distinct().count());
    assertThat(summary.get("topics").asLong()).isEqualTo(topicSessions(month).size());
    double qSum = in.stream().mapToDouble(s -> s.quality * s.exchanges).sum();
    long qCount = in.stream().mapToLong(Session::exchanges).sum();
    assertThat(summary.get("quality").asDouble())
        .isCloseTo(qSum / qCount, org.assertj.core.data.Offset.offset(0.00006));
  }

  /** The answer without {@code meta}, which says whether it came from the cache. */
  private static JsonNode withoutMeta(JsonNode answer) {
    ObjectNode copy = answer.deepCopy();
    copy.remove("meta");
    return copy;
  }

  private List<Session> in(YearMonth month) {
    return sessions.stream().filter(s -> YearMonth.from(s.day).equals(month)).toList();
  }

  private long count(YearMonth month) {
    return in(month).size();
  }

  private Map<String, Long> topicSessions(YearMonth month) {
    Map<String, Long> out = new TreeMap<>();
    in(month).forEach(s -> out.merge(s.topic, 1L, Long::sum));
    return out;
  }

  private List<String> newTopics(YearMonth month) {
    Set<String> earlier = new TreeSet<>();
    sessions.stream()
        .filter(s -> s.day.isBefore(month.atDay(1)))
        .forEach(s -> earlier.add(s.topic));
    return topicSessions(month).keySet().stream().filter(t -> !earlier.contains(t)).toList();
  }

  /** A session of {@code exchanges} exchanges on {@code topic}, all scored alike. */
  private void session(Instant start, int exchanges, String topic) {
    double quality = 0.5 + (sessions.size() % 5) / 10.0;
    sessions.add(new Session(start.atZone(ZONE).toLocalDate(), exchanges, quality, topic));
    events.session(start, exchanges, quality, topic);
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
}
