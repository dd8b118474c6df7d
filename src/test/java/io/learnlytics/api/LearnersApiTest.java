package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learners over real HTTP: adding one with a calendar, the 400s and 404s, and two learners whose
 * events have the same ids in one database each seeing only their own data on every route.
 */
class LearnersApiTest {
  static final ZoneId ZONE = ZoneId.of("Europe/London");

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.at(dir, ZONE, new MovableClock("2025-11-20T12:00:00Z", ZONE));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Response put(String path, String body) {
    return server.putJson(path, body);
  }

  static String exchange(String id, String session, String timestamp, String topic) {
    return "{\"kind\":\"exchange\",\"id\":\""
        + id
        + "\",\"session_id\":\""
        + session
        + "\",\"timestamp\":\""
        + timestamp
        + "\",\"duration_ms\":60000,\"topics\":[\""
        + topic
        + "\"]}";
  }

  @Test
  void put_adds_a_learner_with_a_calendar_then_changes_it_while_they_have_no_events() {
    Response created =
        put(
            "/api/learners/alice",
            "{\"zone\":\"America/Los_Angeles\",\"day_start_hour\":4,\"week_start\":\"sunday\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("zone").asText()).isEqualTo("America/Los_Angeles");
    assertThat(created.json().at("/effective/day_start_hour").asInt()).isEqualTo(4);

    Response changed = put("/api/learners/alice", "{\"zone\":\"Asia/Tokyo\"}");
    assertThat(changed.status()).isEqualTo(200);
    JsonNode alice = server.get("/api/learners/alice").json();
    assertThat(alice.get("zone").asText()).isEqualTo("Asia/Tokyo");
    assertThat(alice.get("day_start_hour").isNull()).isTrue();
    assertThat(alice.at("/effective/zone").asText()).isEqualTo("Asia/Tokyo");
    assertThat(alice.at("/effective/week_start").asText()).isEqualTo("monday");

    JsonNode all = server.get("/api/learners").json().get("learners");
    assertThat(all).hasSize(2);
    assertThat(all.get(0).get("id").asText()).isEqualTo("alice");
    assertThat(all.get(1).get("id").asText()).isEqualTo("default");
    assertThat(all.get(1).get("zone").isNull()).isTrue();
    assertThat(all.get(1).at("/effective/zone").asText()).isEqualTo("Europe/London");
  }

  @Test
  void bad_settings_are_400_naming_the_field_and_the_allowed_values() {
    assertThat(field(put("/api/learners/alice", "{\"zone\":\"Mars/Olympus\"}"))).isEqualTo("zone");
    assertThat(field(put("/api/learners/alice", "{\"zone\":\"+02:00\"}"))).isEqualTo("zone");
    assertThat(field(put("/api/learners/alice", "{\"day_start_hour\":24}")))
        .isEqualTo("day_start_hour");
    Response week = put("/api/learners/alice", "{\"week_start\":\"Sunday\"}");
    assertThat(field(week)).isEqualTo("week_start");
    assertThat(week.body()).contains("monday").contains("sunday");
    assertThat(field(put("/api/learners/alice", "{\"colour\":\"red\"}"))).isEqualTo("colour");
    assertThat(field(put("/api/learners/alice", "[]"))).isEqualTo("body");
    assertThat(field(put("/api/learners/-alice", "{}"))).isEqualTo("learner");
    assertThat(field(put("/api/learners/" + "a".repeat(65), "{}"))).isEqualTo("learner");
    assertThat(server.get("/api/learners/alice").status()).isEqualTo(404);
  }

  @Test
  void an_unknown_learner_is_404_on_every_learner_route() {
    for (String path :
        new String[] {
          "/api/learners/bob",
          "/api/learners/bob/analytics/overview",
          "/api/learners/bob/analytics/goals",
          "/api/learners/bob/analytics/insights",
          "/api/learners/bob/analytics/export?format=json",
          "/api/learners/..%2Fdefault/analytics/overview"
        }) {
      Response r = server.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().at("/error/code").asText()).as(path).isEqualTo("not_found");
    }
    Response post =
        server.postJson(
            "/api/learners/bob/events", exchange("e1", "s1", "2025-11-20T09:00:00Z", "x"));
    assertThat(post.status()).isEqualTo(404);
    // the answer of a route that does not exist (TokenAuth): a learner's token cannot tell a
    // learner it may not see from one that does not exist
    assertThat(
            server.get("/api/learners/bob/analytics/overview").json().at("/error/message").asText())
        .isEqualTo("no route for GET /api/learners/bob/analytics/overview");
  }

  /**
   * A learner with events changes zone from now on: the response lists the setting they had and
   * until when.
   */
  @Test
  void a_learner_with_events_changes_their_calendar_forward() {
    put("/api/learners/alice", "{\"zone\":\"Europe/Berlin\",\"day_start_hour\":4}");
    Response sent =
        server.postJson(
            "/api/learners/alice/events", exchange("e1", "s1", "2025-11-20T09:00:00Z", "x"));
    assertThat(sent.status()).isEqualTo(200);
    Response moved = put("/api/learners/alice", "{\"zone\":\"Asia/Tokyo\"}");
    assertThat(moved.status()).isEqualTo(200);
    JsonNode alice = server.get("/api/learners/alice").json();
    assertThat(alice.at("/effective/zone").asText()).isEqualTo("Asia/Tokyo");
    assertThat(alice.at("/effective/day_start_hour").asInt()).isZero(); // the server's
    JsonNode before = alice.at("/calendar_history/0");
    assertThat(before.get("until").asText()).isEqualTo("2025-11-20T12:00:00Z");
    assertThat(before.get("zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(before.get("day_start_hour").asInt()).isEqualTo(4);
    assertThat(before.get("week_start").asText()).isEqualTo("monday");
    assertThat(alice.get("calendar_history")).hasSize(1);
  }

  /**
   * The default learner and alice send events with the same ids (alice's in another zone); each
   * sees only their own on every data route, and deleting alice's event leaves default's.
   */
  @Test
  void two_learners_with_the_same_event_ids_each_see_only_their_own_data() {
    put("/api/learners/alice", "{\"zone\":\"America/Los_Angeles\"}");
    String mine =
        exchange("e1", "s1", "2025-11-19T09:00:00Z", "algebra")
            + "\n"
            + exchange("e2", "s1", "2025-11-19T09:05:00Z", "algebra");
    String hers =
        exchange("e1", "s9", "2025-11-18T20:00:00Z", "rust")
            + "\n"
            + exchange("e2", "s9", "2025-11-18T20:05:00Z", "rust")
            + "\n"
            + exchange("e3", "s10", "2025-11-19T20:00:00Z", "rust");
    assertThat(
            server.post("/api/events", mine, "application/x-ndjson").json().get("accepted").asInt())
        .isEqualTo(2);
    JsonNode sent = server.post("/api/learners/alice/events", hers, "application/x-ndjson").json();
    assertThat(sent.get("accepted").asInt()).isEqualTo(3);
    assertThat(sent.get("duplicates").asInt()).isZero();
    server.app().workspace("alice").orElseThrow().rollups().refreshDirty();
    server.app().rollups().refreshDirty();

    JsonNode me = server.get("/api/analytics/overview?period=7d").json();
    JsonNode her = server.get("/api/learners/alice/analytics/overview?period=7d").json();
    assertThat(me.at("/summary/total_exchanges").asInt()).isEqualTo(2);
    assertThat(me.at("/summary/total_sessions").asInt()).isEqualTo(1);
    assertThat(her.at("/summary/total_exchanges").asInt()).isEqualTo(3);
    assertThat(her.at("/summary/total_sessions").asInt()).isEqualTo(2);
    assertThat(server.get("/api/analytics/topics?period=7d").body())
        .contains("algebra")
        .doesNotContain("rust");
    assertThat(server.get("/api/learners/alice/analytics/topics?period=7d").body())
        .contains("rust")
        .doesNotContain("algebra");
    String herExport =
        server.get("/api/learners/alice/analytics/export?format=json&period=all").body();
    assertThat(herExport).contains("rust").doesNotContain("algebra");

    assertThat(server.delete("/api/learners/alice/events/e1").status()).isEqualTo(200);
    server.app().workspace("alice").orElseThrow().rollups().refreshDirty();
    assertThat(
            server
                .get("/api/learners/alice/analytics/overview?period=7d")
                .json()
                .at("/summary/total_exchanges")
                .asInt())
        .isEqualTo(2);
    assertThat(
            server
                .get("/api/analytics/overview?period=7d")
                .json()
                .at("/summary/total_exchanges")
                .asInt())
        .isEqualTo(2);
  }

  @Test
  void a_new_learner_has_the_six_default_goals_of_their_own() {
    put("/api/learners/alice", "{}");
    JsonNode goals = server.get("/api/learners/alice/analytics/goals").json();
    assertThat(goals.get("active_goals")).hasSize(6);
    assertThat(server.delete("/api/learners/alice/analytics/goals/weekly_sessions").status())
        .isEqualTo(204);
    assertThat(server.get("/api/learners/alice/analytics/goals").json().get("active_goals"))
        .hasSize(5);
    assertThat(server.get("/api/analytics/goals").json().get("active_goals")).hasSize(6);
    assertThat(server.get("/api/analytics/goals/weekly_sessions").status()).isEqualTo(200);
  }

  private static String field(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    return r.json().at("/error/details/0/field").asText();
  }
}
