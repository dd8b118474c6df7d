package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsApiTest {
  @TempDir Path dir;
  TestServer server;

  static final String EXCHANGE =
      """
      {"kind":"exchange","id":"e1","session_id":"s1","timestamp":"2025-11-18T09:30:00+01:00",
       "user_text":"what is recursion?","agent_text":"a function calling itself","duration_ms":4000,
       "topics":["recursion","functions","recursion"],"metadata":{"b":2,"a":1}}""";

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void exchange_is_stored_with_utc_instant_and_original_offset() {
    Response r = server.postJson("/api/events", EXCHANGE);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
    assertThat(r.json().get("duplicates").asInt()).isZero();
    Map<String, Object> row = row("SELECT * FROM exchanges WHERE id = 'e1'");
    assertThat(row)
        .containsEntry("ts_utc", 1763454600000L) // 2025-11-18T08:30:00Z
        .containsEntry("utc_offset_s", 3600)
        .containsEntry("session_id", "s1")
        .containsEntry("duration_ms", 4000)
        .containsEntry("topics", "[\"recursion\",\"functions\"]")
        .containsEntry("metadata", "{\"a\":1,\"b\":2}");
    assertThat(count("concepts")).isEqualTo(2);
  }

  @Test
  void sessions_are_derived_from_their_exchanges_in_any_arrival_order() {
    String late =
        """
        [{"kind":"exchange","id":"e2","session_id":"s1","timestamp":"2025-11-18T08:40:00Z","duration_ms":5000},
         {"kind":"exchange","id":"e0","session_id":"s1","timestamp":"2025-11-18T08:20:00Z","duration_ms":1000}]""";
    server.postJson("/api/events", EXCHANGE);
    server.postJson("/api/events", late);

    Map<String, Object> s = row("SELECT * FROM sessions WHERE session_id = 's1'");
    assertThat(s)
        .containsEntry("start_utc", 1763454000000L) // 08:20Z, the late first exchange
        .containsEntry("last_utc", 1763455200000L) // 08:40Z
        .containsEntry("last_duration_ms", 5000)
        .containsEntry("exchange_count", 3);
  }

  @Test
  void feedback_of_every_type_is_accepted_and_rating_needs_a_value() {
    String ok =
        """
        [{"kind":"feedback","id":"f1","exchange_id":"e1","timestamp":"2025-11-18T08:31:00Z","type":"thumbs_up"},
         {"kind":"feedback","id":"f2","exchange_id":"e1","timestamp":"2025-11-18T08:31:00Z","type":"rating","rating":4},
         {"kind":"feedback","id":"f3","exchange_id":"e1","timestamp":"2025-11-18T08:31:00Z","type":"correction","comment":"no"}]""";
    assertThat(server.postJson("/api/events", ok).json().get("accepted").asInt()).isEqualTo(3);
    assertThat(row("SELECT rating FROM feedback WHERE id = 'f2'")).containsEntry("rating", 4);

    Response bad =
        server.postJson(
            "/api/events",
            """
            {"kind":"feedback","id":"f4","exchange_id":"e1","timestamp":"2025-11-18T08:31:00Z","type":"rating"}""");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(detail(bad, 0).get("field").asText()).isEqualTo("rating");
  }

  @Test
  void quality_without_composite_gets_the_renormalised_weighted_mean_and_its_exchange_time() {
    server.postJson("/api/events", EXCHANGE);
    Response r =
        server.postJson(
            "/api/events",
            """
            {"kind":"quality","id":"q1","exchange_id":"e1","relevance":1.0,"clarity":0.5}""");

    assertThat(r.status()).isEqualTo(200);
    Map<String, Object> q = row("SELECT * FROM quality_scores WHERE id = 'q1'");
    // (0.30 * 1.0 + 0.15 * 0.5) / (0.30 + 0.15)
    assertThat((Double) q.get("composite"))
        .isCloseTo(0.8333333, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(q).containsEntry("ts_utc", 1763454600000L).containsEntry("utc_offset_s", 3600);
  }

  @Test
  void quality_without_timestamp_for_an_unknown_exchange_is_rejected() {
    Response r =
        server.postJson(
            "/api/events",
            """
            {"kind":"quality","id":"q1","exchange_id":"nope","composite":0.5}""");

    assertThat(r.status()).isEqualTo(400);
    assertThat(detail(r, 0).get("field").asText()).isEqualTo("timestamp");
    assertThat(count("quality_scores")).isZero();
  }

  @Test
  void relation_creates_its_concepts() {
    Response r =
        server.postJson(
            "/api/events",
            """
            {"kind":"relation","id":"r1","source":"recursion","target":"functions","type":"BUILDS_ON","strength":0.8}""");

    assertThat(r.status()).isEqualTo(200);
    assertThat(row("SELECT type, strength FROM concept_relations WHERE id = 'r1'"))
        .containsEntry("type", "BUILDS_ON")
        .containsEntry("strength", 0.8);
    assertThat(count("concepts")).isEqualTo(2);
  }

  @Test
  void ndjson_body_is_accepted() {
    String ndjson =
        """
        {"kind":"exchange","id":"a","session_id":"s","timestamp":"2025-01-01T10:00:00Z"}

        {"kind":"exchange","id":"b","session_id":"s","timestamp":"2025-01-01T10:01:00Z"}
        """;
    Response r = server.post("/api/events", ndjson, "application/x-ndjson");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
  }

  @Test
  void resending_the_same_event_is_an_idempotent_duplicate() {
    server.postJson("/api/events", EXCHANGE);
    Response again = server.postJson("/api/events", "[" + EXCHANGE + "," + EXCHANGE + "]");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("accepted").asInt()).isZero();
    assertThat(again.json().get("duplicates").asInt()).isEqualTo(2);
    assertThat(row("SELECT exchange_count FROM sessions")).containsEntry("exchange_count", 1);
    assertThat(row("SELECT frequency FROM concepts WHERE name = 'recursion'"))
        .containsEntry("frequency", 1);
  }

  @Test
  void the_same_event_twice_in_one_new_batch_is_stored_once_and_counted_once_as_duplicate() {
    Response first = server.postJson("/api/events", "[" + EXCHANGE + "," + EXCHANGE + "]");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("accepted").asInt()).isEqualTo(1);
    assertThat(first.json().get("duplicates").asInt()).isEqualTo(1);
    assertThat(count("exchanges")).isEqualTo(1);
    assertThat(row("SELECT exchange_count FROM sessions")).containsEntry("exchange_count", 1);
    assertThat(row("SELECT frequency FROM concepts WHERE name = 'recursion'"))
        .containsEntry("frequency", 1);
  }

  @Test
  void same_id_with_different_content_is_reported_as_a_conflict_and_not_applied() {
    server.postJson("/api/events", EXCHANGE);
    String changed = EXCHANGE.replace("\"duration_ms\":4000", "\"duration_ms\":9999");
    String fresh =
        """
        {"kind":"exchange","id":"e9","session_id":"s9","timestamp":"2025-11-18T10:00:00Z"}""";
    Response r = server.postJson("/api/events", "[" + fresh + "," + changed + "]");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
    JsonNode conflict = r.json().get("conflicts").get(0);
    assertThat(conflict.get("index").asInt()).isEqualTo(1);
    assertThat(conflict.get("id").asText()).isEqualTo("e1");
    assertThat(conflict.get("kind").asText()).isEqualTo("exchange");
    assertThat(row("SELECT duration_ms FROM exchanges WHERE id = 'e1'"))
        .containsEntry("duration_ms", 4000);
  }

  @Test
  void a_batch_with_one_invalid_event_writes_nothing_and_names_every_problem() {
    String batch =
        """
        [{"kind":"exchange","id":"ok","session_id":"s","timestamp":"2025-01-01T10:00:00Z"},
         {"kind":"exchange","id":"bad","session_id":"s","timestamp":"2025-01-01T10:00:00Z","duration_ms":-1},
         {"kind":"feedback","id":"f","exchange_id":"ok","timestamp":"2025-01-01T10:00:00Z","type":"love"}]""";
    Response r = server.postJson("/api/events", batch);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("invalid_input");
    assertThat(detail(r, 0).get("index").asInt()).isEqualTo(1);
    assertThat(detail(r, 0).get("field").asText()).isEqualTo("duration_ms");
    assertThat(detail(r, 1).get("index").asInt()).isEqualTo(2);
    assertThat(detail(r, 1).get("field").asText()).isEqualTo("type");
    assertThat(detail(r, 1).get("message").asText()).contains("thumbs_up").contains("follow_up");
    assertThat(count("exchanges")).isZero();
    assertThat(count("sessions")).isZero();
  }

  @Test
  void timestamp_without_offset_is_rejected_with_a_hint() {
    Response r =
        server.postJson(
            "/api/events",
            """
            {"kind":"exchange","id":"e","session_id":"s","timestamp":"2025-01-01T10:00:00"}""");

    assertThat(r.status()).isEqualTo(400);
    assertThat(detail(r, 0).get("field").asText()).isEqualTo("timestamp");
    assertThat(detail(r, 0).get("message").asText()).contains("no UTC offset").contains("Z");
    assertThat(count("exchanges")).isZero();
  }

  @Test
  void unknown_kind_and_unknown_field_name_the_allowed_values() {
    Response kind = server.postJson("/api/events", "{\"kind\":\"click\",\"id\":\"x\"}");
    assertThat(detail(kind, 0).get("message").asText())
        .contains("exchange, feedback, quality, relation");

    Response field =
        server.postJson(
            "/api/events",
            """
            {"kind":"exchange","id":"e","session_id":"s","timestamp":"2025-01-01T10:00:00Z","duration":5}""");
    assertThat(detail(field, 0).get("field").asText()).isEqualTo("duration");
    assertThat(detail(field, 0).get("message").asText()).contains("duration_ms");
  }

  @Test
  void malformed_json_and_non_object_bodies_are_400() {
    assertThat(server.postJson("/api/events", "{\"kind\":").status()).isEqualTo(400);
    assertThat(server.postJson("/api/events", "42").status()).isEqualTo(400);
    assertThat(server.postJson("/api/events", "").json().at("/error/details/0/field").asText())
        .isEqualTo("body");
    Response nd = server.post("/api/events", "{\"kind\":1}\nnot json\n", "application/x-ndjson");
    assertThat(nd.status()).isEqualTo(400);
    assertThat(detail(nd, 0).get("message").asText()).contains("line 2");
    assertThat(detail(nd, 0).get("field").asText()).isEqualTo("body");
  }

  @Test
  void body_over_16_mib_is_413() {
    String big = "[" + " ".repeat(16 * 1024 * 1024) + "]";
    Response r = server.postJson("/api/events", big);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("payload_too_large");
    assertThat(r.json().at("/error/message").asText()).contains("16 MiB");
  }

  @Test
  void more_than_50000_events_is_413() {
    String one = "{\"kind\":\"exchange\"}";
    String body = "[" + String.join(",", java.util.Collections.nCopies(50_001, one)) + "]";
    Response r = server.postJson("/api/events", body);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().at("/error/message").asText()).contains("50000");
  }

  @Test
  void unknown_route_is_a_json_404() {
    Response r = server.get("/api/nope");

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("not_found");
  }

  @Test
  void health_reports_version_database_and_counts() {
    server.postJson("/api/events", EXCHANGE);
    JsonNode h = server.get("/api/health").json();

    assertThat(h.get("status").asText()).isEqualTo("ok");
    assertThat(h.get("version").asText()).isNotBlank().isNotEqualTo("unknown");
    assertThat(h.get("database").asText()).isEqualTo(server.db().location().toString());
    assertThat(h.at("/counts/exchanges").asLong()).isEqualTo(1);
    assertThat(h.at("/counts/sessions").asLong()).isEqualTo(1);
  }

  private JsonNode detail(Response r, int i) {
    return r.json().at("/error/details/" + i);
  }

  private long count(String table) {
    return server
        .db()
        .reader()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }

  /**
   * The one row {@code sql} selects. Integers that fit are Integers, as SQLite returns them
   * (PostgreSQL's BIGINT columns come back as Long).
   */
  private Map<String, Object> row(String sql) {
    List<Map<String, Object>> rows =
        server.db().reader().withHandle(h -> h.createQuery(sql).mapToMap().list());
    assertThat(rows).hasSize(1);
    Map<String, Object> row = new java.util.LinkedHashMap<>();
    rows.get(0)
        .forEach(
            (k, v) ->
                row.put(
                    k,
                    v instanceof Long n && n == n.intValue() ? Integer.valueOf(n.intValue()) : v));
    return row;
  }
}
