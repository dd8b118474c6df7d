package io.learnlytics.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnlytics.App;
import io.learnlytics.config.Ingest;
import io.learnlytics.ingest.IngestResult;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.store.Counts;
import io.learnlytics.store.Database;
import io.learnlytics.support.Json;
import io.learnlytics.sync.SyncService.TableReport;
import io.learnlytics.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assistant's database feeds the default learner, through the ingest of the view the sync was
 * given: another learner's events with the same ids neither block nor receive synced rows.
 */
class SyncLearnerTest {
  @TempDir Path dir;

  private static IngestService ingestFor(Database view) {
    return new IngestService(
        view,
        Clock.systemUTC(),
        new Buckets(ZoneId.of("UTC"), 0, DayOfWeek.MONDAY),
        Ingest.DEFAULT);
  }

  private VoiceAgentFixture agent() throws Exception {
    VoiceAgentFixture agent = new VoiceAgentFixture(Files.createDirectories(dir.resolve("agent")));
    agent.create(false);
    agent.capture("s1", "2025-11-18 09:30:00", "What is recursion?", "Calls itself.", null);
    agent.capture("s1", "2025-11-18 09:31:00", "Base case?", "Where it stops.", null);
    return agent;
  }

  @Test
  void a_sync_writes_only_through_the_ingest_of_its_own_view() throws Exception {
    VoiceAgentFixture agent = agent();
    try (TestServer server = TestServer.start(dir.resolve("server"))) {
      App app = server.app();
      IngestService alice = ingestFor(app.db().forLearner("alice"));

      assertThatThrownBy(
              () ->
                  new SyncService(
                      VoiceAgentSource.folder(agent.dir), alice, app.db(), Clock.systemUTC()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'alice'");
    }
  }

  @Test
  void synced_rows_go_to_the_default_learner_whatever_another_learner_stored_under_their_ids()
      throws Exception {
    VoiceAgentFixture agent = agent();
    try (TestServer server = TestServer.start(dir.resolve("server"))) {
      App app = server.app();
      Database aliceView = app.db().forLearner("alice");
      // alice already has events under the ids the sync gives the two captures
      IngestResult hers =
          ingestFor(aliceView)
              .ingest(
                  List.of(
                      Json.MAPPER.readTree(
                          "{\"kind\":\"exchange\",\"id\":\"cap-1\",\"session_id\":\"s1\","
                              + "\"timestamp\":\"2025-11-18T10:00:00Z\"}"),
                      Json.MAPPER.readTree(
                          "{\"kind\":\"exchange\",\"id\":\"cap-2\",\"session_id\":\"s9\","
                              + "\"timestamp\":\"2025-11-18T11:00:00Z\"}")));
      assertThat(hers.accepted()).isEqualTo(2);
      Map<String, Long> aliceBefore = Counts.of(aliceView);
      assertThat(Counts.isEmpty(app.db())).isTrue(); // hers are not the default learner's
      assertThat(Counts.isEmpty(aliceView)).isFalse();

      List<TableReport> reports =
          new SyncService(VoiceAgentSource.folder(agent.dir), app.ingest(), app.db(), app.clock())
              .pass();

      TableReport captures =
          reports.stream().filter(r -> r.table().equals("captures")).findFirst().orElseThrow();
      assertThat(captures.eventsAccepted()).isEqualTo(2);
      assertThat(captures.duplicates()).isZero();
      assertThat(captures.edits()).isZero();
      assertThat(Counts.of(app.db())).containsEntry("exchanges", 2L).containsEntry("sessions", 1L);
      assertThat(Counts.of(aliceView)).isEqualTo(aliceBefore);
      assertThat(aliceBefore).containsEntry("exchanges", 2L).containsEntry("sessions", 2L);
    }
  }
}
