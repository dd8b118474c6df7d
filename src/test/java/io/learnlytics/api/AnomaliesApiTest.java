package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.insight.Insight;
import io.learnlytics.support.Json;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/analytics/anomalies} over real HTTP. Europe/Berlin, now Tuesday 2025-12-16 14:00
 * local, so yesterday is Monday Dec 15. The history: the 8 Mondays before it (Oct 20 .. Dec 8), two
 * sessions each of three exchanges scored 0.70 .. 0.75, nothing on other days.
 */
class AnomaliesApiTest {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final LocalDate TODAY = LocalDate.of(2025, 12, 16);
  static final LocalDate YESTERDAY = TODAY.minusDays(1);
  static final double[] MONDAY_QUALITY = {0.70, 0.72, 0.74, 0.71, 0.73, 0.75, 0.70, 0.72};

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock(at(TODAY, 14), ZONE);
  private final List<JsonNode> events = new ArrayList<>();
  private TestServer server;
  private int seq;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void a_day_with_three_times_the_usual_sessions_is_listed_with_its_evidence() {
    mondays(8);
    for (int h = 8; h < 14; h++) {
      session(YESTERDAY, h, 1, 0.72);
    }
    start();

    JsonNode body = get("/api/analytics/anomalies?period=30d&metric=sessions");

    assertThat(body.get("anomalies")).hasSize(1);
    JsonNode a = body.at("/anomalies/0");
    assertThat(a.get("date").asText()).isEqualTo("2025-12-15");
    assertThat(a.get("metric").asText()).isEqualTo("sessions");
    assertThat(a.get("value").asDouble()).isEqualTo(6.0);
    assertThat(a.get("baseline_median").asDouble()).isEqualTo(2.0);
    assertThat(a.get("baseline_mad").asDouble()).isEqualTo(0.0);
    assertThat(a.get("min_mad").asDouble()).isEqualTo(0.5);
    assertThat(a.get("robust_z").asDouble()).isEqualTo(5.396); // 0.6745 * 4 / 0.5
    assertThat(a.get("direction").asText()).isEqualTo("high");
    assertThat(a.get("threshold").asDouble()).isEqualTo(3.5);
    assertThat(a.get("rule").asText()).isEqualTo("robust_z");
    assertThat(a.get("baseline_days")).hasSize(8);
    assertThat(a.at("/baseline_days/0").asText()).isEqualTo("2025-12-08");
    assertThat(a.get("baseline_values").toString()).isEqualTo("[2.0,2.0,2.0,2.0,2.0,2.0,2.0,2.0]");
    JsonNode meta = body.get("meta");
    // Nov 17 .. Dec 15: each has 4 or more same weekdays since Oct 20; today is not judged
    assertThat(meta.get("from").asText()).isEqualTo("2025-11-17");
    assertThat(meta.get("to").asText()).isEqualTo("2025-12-15");
    assertThat(meta.get("days").asInt()).isEqualTo(29);
    assertThat(meta.get("judged_days").asInt()).isEqualTo(29);
    assertThat(meta.get("flagged_days").asInt()).isEqualTo(1);
    assertThat(meta.get("min_observations").asInt()).isEqualTo(4);
    assertThat(meta.get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(meta.get("method").asText()).contains("median").contains("MAD");
    assertThat(meta.get("cached").asBoolean()).isFalse();
  }

  @Test
  void the_insight_about_yesterday_and_the_history_entry_for_yesterday_are_the_same_evidence() {
    mondays(8);
    session(YESTERDAY, 9, 3, 0.98).session(YESTERDAY, 18, 3, 0.98);
    session(YESTERDAY, 10, 1, 0.98).session(YESTERDAY, 11, 1, 0.98);
    session(YESTERDAY, 12, 1, 0.98).session(YESTERDAY, 13, 1, 0.98);
    start();
    server.app().insights().generate();

    List<Insight> found = server.app().insights().list(100, "anomaly", null).insights();
    assertThat(found).hasSize(2); // exceptional quality, unusually many sessions
    for (Insight i : found) {
      String metric = (String) i.data().get("metric");
      JsonNode history = get("/api/analytics/anomalies?period=7d&metric=" + metric);
      JsonNode entry = only(history.get("anomalies"), "2025-12-15");
      assertThat(entry).as(metric).isEqualTo(Json.MAPPER.valueToTree(i.data()));
    }
  }

  @Test
  void a_missed_monday_is_flagged_by_the_rare_empty_day_rule_and_quality_days_need_scores() {
    mondays(8);
    session(TODAY, 9, 1, null);
    start();

    JsonNode sessions = get("/api/analytics/anomalies?metric=sessions&period=90d");
    JsonNode entry = only(sessions.get("anomalies"), "2025-12-15");
    assertThat(entry.get("rule").asText()).isEqualTo("rare_day_without_sessions");
    assertThat(entry.get("direction").asText()).isEqualTo("low");
    assertThat(entry.get("baseline_days_without_sessions").asInt()).isZero();
    // 90d = Sep 18 .. Dec 15, cut at the first day (Oct 20): 57 days; judged from Nov 17 (29)
    assertThat(sessions.at("/meta/from").asText()).isEqualTo("2025-10-20");
    assertThat(sessions.at("/meta/days").asInt()).isEqualTo(57);
    assertThat(sessions.at("/meta/judged_days").asInt()).isEqualTo(29);

    JsonNode quality = get("/api/analytics/anomalies?metric=quality&period=all");
    assertThat(quality.get("anomalies")).isEmpty();
    // scored days: the 8 Mondays; judged: those with 4 earlier scored Mondays (Nov 17 .. Dec 8)
    assertThat(quality.at("/meta/judged_days").asInt()).isEqualTo(4);
    assertThat(quality.at("/meta/min_mad").asDouble()).isEqualTo(0.03);
  }

  @Test
  void exchanges_and_duration_have_their_own_floors_and_the_learner_twin_answers_the_same() {
    mondays(8);
    session(YESTERDAY, 9, 20, null); // 20 exchanges, 38.5 minutes; usual: 6 and 9 minutes
    start();

    JsonNode exchanges = get("/api/analytics/anomalies?metric=exchanges&period=7d");
    JsonNode e = only(exchanges.get("anomalies"), "2025-12-15");
    assertThat(e.get("value").asDouble()).isEqualTo(20.0);
    assertThat(e.get("min_mad").asDouble()).isEqualTo(2.0);
    JsonNode duration = get("/api/learners/default/analytics/anomalies?metric=duration&period=7d");
    JsonNode d = only(duration.get("anomalies"), "2025-12-15");
    assertThat(d.get("min_mad").asDouble()).isEqualTo(5.0);
    assertThat(d.get("direction").asText()).isEqualTo("high");
  }

  @Test
  void a_cached_answer_is_not_served_after_the_learners_midnight() {
    mondays(8);
    start();
    assertThat(get("/api/analytics/anomalies").at("/meta/to").asText()).isEqualTo("2025-12-15");
    assertThat(get("/api/analytics/anomalies").at("/meta/cached").asBoolean()).isTrue();

    clock.now = clock.now.plus(Duration.ofDays(1));

    JsonNode next = get("/api/analytics/anomalies");
    assertThat(next.at("/meta/to").asText()).isEqualTo("2025-12-16");
    assertThat(next.at("/meta/cached").asBoolean()).isFalse();
  }

  @Test
  void a_learner_without_history_gets_no_anomalies_and_no_judged_days() {
    start();

    JsonNode body = get("/api/analytics/anomalies?period=all");

    assertThat(body.get("anomalies")).isEmpty();
    assertThat(body.at("/meta/judged_days").asInt()).isZero();
    assertThat(body.at("/meta/from").isMissingNode()).isTrue();
  }

  // ---------------------------------------------------------------- fixture

  /** {@code weeks} Mondays before yesterday, each with two sessions of three scored exchanges. */
  private void mondays(int weeks) {
    for (int k = 1; k <= weeks; k++) {
      double q = MONDAY_QUALITY[k - 1];
      session(YESTERDAY.minusWeeks(k), 9, 3, q).session(YESTERDAY.minusWeeks(k), 18, 3, q);
    }
  }

  /** A session at {@code hour}:00 with exchanges 3 minutes apart of 30 s each, scored or not. */
  private AnomaliesApiTest session(LocalDate day, int hour, int exchanges, Double quality) {
    String session = "s" + (++seq);
    for (int i = 0; i < exchanges; i++) {
      String id = "e" + (++seq);
      ObjectNode e =
          Json.MAPPER
              .createObjectNode()
              .put("kind", "exchange")
              .put("id", id)
              .put("session_id", session)
              .put("timestamp", at(day, hour).plus(Duration.ofMinutes(2L * i)).toString())
              .put("duration_ms", 30_000);
      events.add(e);
      if (quality != null) {
        events.add(
            Json.MAPPER
                .createObjectNode()
                .put("kind", "quality")
                .put("id", "q" + (++seq))
                .put("exchange_id", id)
                .put("composite", quality));
      }
    }
    return this;
  }

  private void start() {
    server = TestServer.at(dir, ZONE, clock);
    if (!events.isEmpty()) {
      server.app().ingest().ingest(List.copyOf(events));
    }
    server.app().rollups().refreshDirty();
  }

  private static java.time.Instant at(LocalDate day, int hour) {
    return day.atTime(LocalTime.of(hour, 0)).atZone(ZONE).toInstant();
  }

  private JsonNode get(String path) {
    Response r = server.get(path);
    assertThat(r.status()).as("%s -> %s", path, r.body()).isEqualTo(200);
    return r.json();
  }

  /** The one entry of {@code anomalies} dated {@code date}. */
  private static JsonNode only(JsonNode anomalies, String date) {
    List<JsonNode> on = new ArrayList<>();
    anomalies.forEach(a -> on.add(a));
    List<JsonNode> matching = on.stream().filter(a -> a.get("date").asText().equals(date)).toList();
    assertThat(matching).as(anomalies.toString()).hasSize(1);
    return matching.get(0);
  }
}
