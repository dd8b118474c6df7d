package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.testing.Cli;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import io.learnlytics.testing.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: {@code DELETE /api/events/{id}} and {@code forget} remove events and everything derived
 * from them, so that afterwards the database looks as if the event had never been sent.
 */
class EventDeleteTest {
  @TempDir Path dir;

  static final String E1 =
      """
      {"kind":"exchange","id":"e1","session_id":"s1","timestamp":"2025-11-18T09:00:00Z",
       "duration_ms":1000,"topics":["alpha","beta"]}""";
  static final String REST =
      """
      [{"kind":"exchange","id":"e2","session_id":"s1","timestamp":"2025-11-18T09:10:00Z",
        "duration_ms":2000,"topics":["beta"]},
       {"kind":"exchange","id":"e3","session_id":"s1","timestamp":"2025-11-18T09:20:00Z",
        "duration_ms":3000,"topics":["gamma"]},
       {"kind":"exchange","id":"e4","session_id":"s2","timestamp":"2025-11-19T22:30:00Z",
        "topics":["delta"]},
       {"kind":"quality","id":"q2","exchange_id":"e2","composite":0.5},
       {"kind":"feedback","id":"f2","exchange_id":"e2","timestamp":"2025-11-18T09:11:00Z","type":"thumbs_down"},
       {"kind":"relation","id":"r1","source":"alpha","target":"zeta","type":"BUILDS_ON"}]""";
  static final String OF_E1 =
      """
      [{"kind":"quality","id":"q1","exchange_id":"e1","composite":0.9},
       {"kind":"feedback","id":"f1","exchange_id":"e1","timestamp":"2025-11-18T09:01:00Z","type":"thumbs_up"}]""";

  @Test
  void deleting_an_exchange_leaves_the_database_as_if_it_had_never_been_sent() {
    try (TestServer server = TestServer.start(dir.resolve("a"));
        TestServer never = TestServer.start(dir.resolve("b"))) {
      server.postJson("/api/events", E1);
      server.postJson("/api/events", REST);
      server.postJson("/api/events", OF_E1);
      server.app().rollups().refreshDirty();
      never.postJson("/api/events", REST);
      never.app().rollups().refreshDirty();

      Response r = server.delete("/api/events/e1");
      server.app().rollups().refreshDirty();

      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().get("deleted"))
          .hasToString("{\"exchanges\":1,\"feedback\":1,\"quality\":1,\"relations\":0}");
      for (String table :
          List.of(
              "exchanges",
              "feedback",
              "quality_scores",
              "sessions",
              "concepts",
              "concept_relations")) {
        assertThat(rows(server, table)).as(table).isEqualTo(rows(never, table));
      }
      assertThat(rollups(server)).isEqualTo(rollups(never));
      assertThat(server.get("/api/analytics/overview?period=30d").json().get("summary"))
          .isEqualTo(never.get("/api/analytics/overview?period=30d").json().get("summary"));
    }
  }

  @Test
  void a_deleted_id_is_free_again_and_a_second_delete_is_a_404() {
    try (TestServer server = TestServer.start(dir)) {
      server.postJson("/api/events", E1);

      assertThat(server.delete("/api/events/e1").status()).isEqualTo(200);
      Response again = server.delete("/api/events/e1");
      Response resent = server.postJson("/api/events", E1);

      assertThat(again.status()).isEqualTo(404);
      assertThat(again.json().at("/error/code").asText()).isEqualTo("not_found");
      assertThat(resent.json().get("accepted").asInt()).isEqualTo(1);
    }
  }

  @Test
  void an_id_stored_under_two_kinds_needs_the_kind() {
    try (TestServer server = TestServer.start(dir)) {
      server.postJson(
          "/api/events",
          """
          [{"kind":"exchange","id":"dup","session_id":"s","timestamp":"2025-11-18T09:00:00Z"},
           {"kind":"feedback","id":"dup","exchange_id":"dup","timestamp":"2025-11-18T09:00:00Z","type":"copy"}]""");

      Response ambiguous = server.delete("/api/events/dup");
      Response bogus = server.delete("/api/events/dup?kind=bogus");
      Response feedback = server.delete("/api/events/dup?kind=feedback");

      assertThat(ambiguous.status()).isEqualTo(400);
      assertThat(ambiguous.json().at("/error/details/0/field").asText()).isEqualTo("kind");
      assertThat(ambiguous.json().at("/error/details/0/message").asText())
          .contains("exchange and feedback");
      assertThat(bogus.status()).isEqualTo(400);
      assertThat(bogus.json().at("/error/details/0/message").asText())
          .contains("exchange, feedback, quality, relation");
      assertThat(feedback.json().at("/deleted/feedback").asInt()).isEqualTo(1);
      assertThat(feedback.json().at("/deleted/exchanges").asInt()).isZero();
    }
  }

  @Test
  void deleting_a_relation_removes_concepts_nothing_else_refers_to() {
    try (TestServer server = TestServer.start(dir)) {
      server.postJson("/api/events", REST);

      server.delete("/api/events/r1?kind=relation");

      List<String> names =
          server
              .db()
              .reader()
              .withHandle(
                  h ->
                      h.createQuery("SELECT name FROM concepts ORDER BY name")
                          .mapTo(String.class)
                          .list());
      assertThat(names).containsExactly("beta", "delta", "gamma");
    }
  }

  @Test
  void forget_before_a_learning_day_deletes_earlier_events_and_refreshes_rollups() {
    Path db = dir.resolve("forget.db");
    try (TestServer server = TestServer.with(dir, c -> c.withDb(db))) {
      server.postJson("/api/events", E1);
      server.postJson("/api/events", REST);
      server.postJson("/api/events", OF_E1);
      server.app().rollups().refreshDirty();
    }
    Cli.Run run =
        Cli.run(
            "forget", "--db", TestStores.arg(db), "--timezone", "UTC", "--before", "2025-11-19");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("deleted 3 exchanges, 2 feedback, 2 quality scores, 0 relations");
    try (TestServer server = TestServer.with(dir, c -> c.withDb(db))) {
      assertThat(count(server, "exchanges")).isEqualTo(1);
      assertThat(count(server, "sessions")).isEqualTo(1);
      assertThat(count(server, "dirty_buckets")).isZero();
      assertThat(server.get("/api/health").json().at("/counts/exchanges").asInt()).isEqualTo(1);
    }
  }

  private static long count(TestServer s, String table) {
    return s.db()
        .reader()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }

  private static List<Map<String, Object>> rows(TestServer s, String table) {
    String order =
        switch (table) {
          case "sessions" -> "session_id";
          case "concepts" -> "name";
          default -> "id";
        };
    String columns = table.equals("concepts") || table.startsWith("session") ? "*" : "*";
    return s
        .db()
        .reader()
        .withHandle(
            h ->
                h.createQuery("SELECT " + columns + " FROM " + table + " ORDER BY " + order)
                    .mapToMap()
                    .list())
        .stream()
        .map(EventDeleteTest::withoutBookkeeping)
        .toList();
  }

  private static Map<String, Object> withoutBookkeeping(Map<String, Object> row) {
    Map<String, Object> copy = new java.util.TreeMap<>(row);
    copy.remove("rid");
    copy.remove("ingested_utc");
    copy.remove("computed_utc");
    copy.remove("topic_ids"); // dictionary ids: each database numbers its topics in its own order
    return copy;
  }

  private static List<Map<String, Object>> rollups(TestServer s) {
    return s
        .db()
        .reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT * FROM aggregated_metrics ORDER BY interval_type, period_start_utc")
                    .mapToMap()
                    .list())
        .stream()
        .map(EventDeleteTest::withoutBookkeeping)
        .toList();
  }
}
