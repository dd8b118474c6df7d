package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/analytics/streak} and {@code PUT /api/analytics/streak/protection} over HTTP: the
 * explanation, protection taking effect at once (the cached answer is dropped), the learner twin,
 * and 400s that name the field and the allowed values.
 */
class StreakApiTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @TempDir Path dir;
  TestServer server;
  MovableClock clock;

  @BeforeEach
  void start() {
    clock = new MovableClock("2025-11-12T11:00:00Z", BERLIN); // Wednesday noon in Berlin
    server = TestServer.at(dir, BERLIN, clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Response put(String path, String body) {
    return server.putJson(path, body);
  }

  void sessionOn(int day) {
    String ts = String.format("2025-11-%02dT09:00:00Z", day);
    String body =
        "{\"kind\":\"exchange\",\"id\":\"x"
            + day
            + "\",\"session_id\":\"s"
            + day
            + "\",\"timestamp\":\""
            + ts
            + "\",\"duration_ms\":60000,\"topics\":[\"algebra\"]}";
    assertThat(server.postJson("/api/events", body).status()).isEqualTo(200);
  }

  @Test
  void the_streak_explains_its_break_and_protection_applies_from_today() {
    for (int day : new int[] {3, 4, 5, 6, 7, 8, 10, 11}) { // Sunday the 9th missed
      sessionOn(day);
    }
    server.app().rollups().refreshDirty();
    JsonNode s = server.get("/api/analytics/streak").json();
    assertThat(s.at("/current/days").asInt()).isEqualTo(2);
    assertThat(s.at("/current/today").asText()).isEqualTo("pending");
    assertThat(s.at("/current/learning_day/hours_left").asDouble()).isEqualTo(12.0);
    assertThat(s.at("/best/days").asInt()).isEqualTo(6);
    assertThat(s.at("/last_break/date").asText()).isEqualTo("2025-11-09");
    assertThat(s.at("/last_break/reason").asText())
        .startsWith("No session on Sunday 9 November 2025");
    assertThat(s.at("/protection/enabled").asBoolean()).isFalse();
    assertThat(s.at("/meta/learning_date").asText()).isEqualTo("2025-11-12");

    Response set =
        put(
            "/api/analytics/streak/protection",
            "{\"freezes_per_month\":2,\"rest_days\":[\"sunday\"],\"min_minutes\":1}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().at("/protection/rest_days/0").asText()).isEqualTo("sunday");
    JsonNode after = server.get("/api/analytics/streak").json();
    assertThat(after.at("/protection/enabled").asBoolean()).isTrue();
    assertThat(after.at("/protection/freezes_left_this_month").asInt()).isEqualTo(2);
    // the 9th broke the streak before protection existed, and stays broken
    assertThat(after.at("/last_break/date").asText()).isEqualTo("2025-11-09");
    assertThat(
            server.get("/api/learners/default/analytics/streak").json().at("/current/days").asInt())
        .isEqualTo(2);

    clock.now = Instant.parse("2025-11-15T11:00:00Z"); // Saturday: the 12th to 14th missed
    JsonNode later = server.get("/api/analytics/streak").json();
    assertThat(later.at("/meta/learning_date").asText()).isEqualTo("2025-11-15");
    assertThat(later.at("/last_break/date").asText()).isEqualTo("2025-11-14");
    assertThat(later.at("/last_break/reason").asText())
        .endsWith("No freeze left for November (2 of 2 used).");
  }

  @Test
  void bad_protection_settings_are_400s_naming_the_field() {
    assertError(
        put("/api/analytics/streak/protection", "{\"freezes_per_month\":40}"), "freezes_per_month");
    assertError(
        put("/api/analytics/streak/protection", "{\"rest_days\":[\"funday\"]}"), "rest_days");
    assertError(put("/api/analytics/streak/protection", "{\"rest_days\":\"sunday\"}"), "rest_days");
    assertError(
        put(
            "/api/analytics/streak/protection",
            "{\"rest_days\":[\"monday\",\"tuesday\",\"wednesday\",\"thursday\",\"friday\","
                + "\"saturday\",\"sunday\"]}"),
        "rest_days");
    assertError(put("/api/analytics/streak/protection", "{\"min_minutes\":-1}"), "min_minutes");
    assertError(put("/api/analytics/streak/protection", "{\"holidays\":1}"), "holidays");
    assertError(put("/api/analytics/streak/protection", "[1]"), "body");
  }

  private static void assertError(Response r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo(field);
  }
}
