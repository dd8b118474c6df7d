package io.learnlytics.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.sync.SyncService.TableReport;
import io.learnlytics.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: Learnlytics reads the voice learning assistant's databases itself, read-only and
 * incrementally, with stable ids, and never drops a row silently.
 */
class SyncTest {
  @TempDir Path dir;

  private static TableReport report(List<TableReport> reports, String table) {
    return reports.stream().filter(r -> r.table().equals(table)).findFirst().orElseThrow();
  }

  private static SyncService sync(App app, VoiceAgentFixture agent) {
    return new SyncService(
        VoiceAgentSource.folder(agent.dir), app.ingest(), app.db(), Clock.systemUTC());
  }

  private static long count(App app, String sql) {
    return app.db().reader().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private VoiceAgentFixture fixture() throws Exception {
    VoiceAgentFixture agent = new VoiceAgentFixture(Files.createDirectories(dir.resolve("agent")));
    agent.create(false);
    agent.capture(
        "s1",
        "2025-11-18 09:30:00.123456",
        "What is recursion?",
        "A function that calls itself.",
        "{\"topics\":[\"recursion\",\"functions\"],\"duration_ms\":4000,\"model\":\"tutor-1\"}");
    agent.capture("s1", "2025-11-18 09:31:00", "And a base case?", "Where it stops.", null);
    agent.capture("s2", "2025-11-18 20:00:00", "Graphs?", "Nodes and edges.", "{not json");
    VoiceAgentFixture.exec(
        agent.feedback(),
        false,
        "INSERT INTO explicit_feedback (session_id, exchange_id, rating, helpful, comment, timestamp)"
            + " VALUES ('s1', 1, 5, NULL, 'clear', '2025-11-18 09:32:00'),"
            + " ('s1', 2, NULL, 0, NULL, '2025-11-18 09:33:00')",
        "INSERT INTO implicit_feedback (session_id, exchange_id, copied, shared, follow_up, timestamp)"
            + " VALUES ('s1', 1, 1, 0, 1, '2025-11-18 09:34:00')",
        "INSERT INTO corrections (session_id, original, corrected, timestamp)"
            + " VALUES ('s2', 'edges', 'arcs', '2025-11-18 20:01:00')");
    VoiceAgentFixture.exec(
        agent.analytics(),
        false,
        "INSERT INTO analytics_quality (session_id, exchange_id, composite, relevance, clarity,"
            + " completeness, timestamp) VALUES ('s1', 1, 0.8, 0.9, 0.7, 0.5, '2025-11-18 09:30:05'),"
            + " ('s2', 3, 0.6, NULL, NULL, NULL, '2025-11-18 20:00:05')");
    return agent;
  }

  @Test
  void every_table_syncs_with_stable_ids_and_naive_times_read_as_utc() throws Exception {
    VoiceAgentFixture agent = fixture();
    try (TestServer server = TestServer.start(dir)) {
      List<TableReport> first = sync(server.app(), agent).pass();

      assertThat(report(first, "captures").eventsAccepted()).isEqualTo(3);
      assertThat(report(first, "captures").metadataDropped()).isEqualTo(1);
      assertThat(report(first, "explicit_feedback").eventsAccepted()).isEqualTo(2);
      assertThat(report(first, "implicit_feedback").eventsAccepted())
          .isEqualTo(2); // copy, follow_up
      assertThat(report(first, "corrections").eventsAccepted()).isEqualTo(1);
      assertThat(report(first, "analytics_quality").eventsAccepted()).isEqualTo(2);
      Map<String, Object> ex =
          server
              .db()
              .reader()
              .withHandle(
                  h ->
                      h.createQuery("SELECT * FROM exchanges WHERE id = 'cap-1'").mapToMap().one());
      assertThat(ex)
          .containsEntry("ts_utc", 1763458200123L) // 2025-11-18T09:30:00.123Z
          .containsEntry("utc_offset_s", 0)
          .containsEntry("session_id", "s1")
          .containsEntry("duration_ms", 4000)
          .containsEntry("topics", "[\"recursion\",\"functions\"]");
      assertThat(
              count(
                  server.app(),
                  "SELECT count(*) FROM feedback WHERE type = 'rating' AND rating = 5"))
          .isEqualTo(1);
      assertThat(count(server.app(), "SELECT count(*) FROM feedback WHERE type = 'thumbs_down'"))
          .isEqualTo(1);

      List<TableReport> again = sync(server.app(), agent).pass();
      assertThat(again).allMatch(r -> r.eventsAccepted() == 0 && r.rowsRead() == 0);
      List<TableReport> rescan = sync(server.app(), agent).pass(true);
      assertThat(report(rescan, "captures").duplicates()).isEqualTo(3);
      assertThat(rescan).allMatch(r -> r.eventsAccepted() == 0 && r.edits() == 0);
    }
  }

  @Test
  void an_edit_in_the_source_is_reported_on_rescan_and_late_rows_are_counted() throws Exception {
    VoiceAgentFixture agent = fixture();
    try (TestServer server = TestServer.start(dir)) {
      sync(server.app(), agent).pass();
      VoiceAgentFixture.exec(
          agent.captures(), false, "UPDATE captures SET agent_text = 'changed' WHERE id = 2");
      agent.capture("s0", "2025-11-01 08:00:00", "late?", "yes", null);

      TableReport tail = report(sync(server.app(), agent).pass(), "captures");
      TableReport rescan = report(sync(server.app(), agent).pass(true), "captures");

      assertThat(tail.eventsAccepted()).isEqualTo(1);
      assertThat(tail.late()).isEqualTo(1);
      assertThat(rescan.edits()).isEqualTo(1);
      JsonNode captures = null;
      for (JsonNode s : server.get("/api/health").json().at("/sources")) {
        if (s.get("table").asText().equals("captures")) {
          captures = s;
        }
      }
      assertThat(captures).as("captures in /api/health sources").isNotNull();
      assertThat(captures.get("watermark").asLong()).isEqualTo(4);
      assertThat(captures.get("rows_read").asLong()).isEqualTo(4);
      assertThat(captures.get("edits").asLong()).isEqualTo(1);
      assertThat(captures.get("late_rows").asLong()).isEqualTo(1);
      assertThat(captures.get("lag_rows").asLong()).isZero();
    }
  }

  @Test
  void rows_that_cannot_become_events_are_skipped_counted_and_the_rest_is_stored()
      throws Exception {
    VoiceAgentFixture agent = fixture();
    agent.capture("s3", "last tuesday", "?", "!", null);
    VoiceAgentFixture.exec(
        agent.analytics(),
        false,
        "INSERT INTO analytics_quality (session_id, exchange_id, composite, timestamp)"
            + " VALUES ('s1', 2, 7.5, '2025-11-18 09:31:05')");
    try (TestServer server = TestServer.start(dir)) {
      List<TableReport> r = sync(server.app(), agent).pass();

      assertThat(report(r, "captures").skipped()).isEqualTo(1);
      assertThat(report(r, "captures").eventsAccepted()).isEqualTo(3);
      assertThat(report(r, "analytics_quality").skipped()).isEqualTo(1); // composite 7.5 is not 0-1
      assertThat(report(r, "analytics_quality").eventsAccepted()).isEqualTo(2);
      assertThat(report(r, "captures").watermark()).isEqualTo(4);
    }
  }

  @Test
  void the_assistants_files_are_never_written() throws Exception {
    VoiceAgentFixture agent = fixture();
    Map<Path, String> before = hashes(agent);
    try (TestServer server = TestServer.start(dir)) {
      sync(server.app(), agent).pass();
      sync(server.app(), agent).pass(true);
    }
    assertThat(hashes(agent)).isEqualTo(before);
    try (var files = Files.list(agent.dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "learning_captures.db", "feedback.db", "learning_analytics.db");
    }
  }

  @Test
  void missing_files_tables_and_columns_are_reported_and_picked_up_once_they_appear()
      throws Exception {
    VoiceAgentFixture agent = new VoiceAgentFixture(Files.createDirectories(dir.resolve("agent")));
    VoiceAgentFixture.exec(
        agent.captures(),
        false,
        VoiceAgentFixture.CAPTURES_DDL.replace(
            "agent_text TEXT NOT NULL,", "agent_text TEXT NOT NULL, mood TEXT,"));
    VoiceAgentFixture.exec(agent.analytics(), false, "CREATE TABLE something_else (x)");
    agent.capture("s1", "2025-11-18 09:30:00", "hi", "hello", null);
    try (TestServer server = TestServer.start(dir)) {
      List<TableReport> r = sync(server.app(), agent).pass();

      assertThat(report(r, "captures").eventsAccepted()).isEqualTo(1); // an extra column is fine
      assertThat(report(r, "explicit_feedback").status()).isEqualTo("file not found (yet)");
      assertThat(report(r, "analytics_quality").status()).isEqualTo("table not found (yet)");

      VoiceAgentFixture.exec(agent.feedback(), false, VoiceAgentFixture.FEEDBACK_DDL);
      VoiceAgentFixture.exec(
          agent.feedback(),
          false,
          "INSERT INTO explicit_feedback (exchange_id, rating, timestamp) VALUES (1, 4, '2025-11-18 09:31:00')");
      List<TableReport> later = sync(server.app(), agent).pass();
      assertThat(report(later, "explicit_feedback").eventsAccepted()).isEqualTo(1);
      assertThat(report(later, "explicit_feedback").status()).isEqualTo("ok");
    }
  }

  static Map<Path, String> hashes(VoiceAgentFixture agent) throws Exception {
    Map<Path, String> out = new java.util.HashMap<>();
    for (Path p : List.of(agent.captures(), agent.feedback(), agent.analytics())) {
      out.put(
          p,
          HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))
              + "/"
              + Files.getLastModifiedTime(p));
    }
    return out;
  }
}
