package io.learnlytics.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.App;
import io.learnlytics.goal.GoalService;
import io.learnlytics.graph.EmbeddedGraph;
import io.learnlytics.graph.KnowledgeGraph;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.RollupMetrics;
import io.learnlytics.store.Database;
import io.learnlytics.support.Json;
import io.learnlytics.testing.LearnerCopy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two learners in one file export as two files do: the default learner holds {@link
 * ExportFixture}'s history, alice {@link #ALICE}, which reuses its event, session and relation ids
 * and concept names with other content. Each learner's export from the shared file must equal the
 * export of the same data alone in a fresh file, apart from the export's id, time and checksum.
 */
class ExportLearnersTest {
  /** Alice's tables copied into the shared file: all of them. */
  static final List<String> ALICE_TABLES = LearnerCopy.ALL;

  private static final String DEFAULT = Database.DEFAULT_LEARNER;

  static final String ALICE =
      """
      [
       {"kind":"exchange","id":"e1","session_id":"s1","timestamp":"2025-11-17T08:00:00+01:00",
        "user_text":"Alice asks about proofs","agent_text":"Induction.","duration_ms":9000,
        "topics":["proofs","recursion"]},
       {"kind":"exchange","id":"e2","session_id":"s1","timestamp":"2025-11-17T08:03:00+01:00",
        "user_text":"And strong induction?","duration_ms":3000,"topics":["proofs"]},
       {"kind":"exchange","id":"e3","session_id":"s2","timestamp":"2025-11-20T11:00:00+01:00",
        "agent_text":"Trees are graphs.","topics":["graphs","trees"]},
       {"kind":"quality","id":"q1","exchange_id":"e1","composite":0.35},
       {"kind":"feedback","id":"f1","exchange_id":"e2","timestamp":"2025-11-17T08:04:00+01:00",
        "type":"rating","rating":2,"comment":"too short"},
       {"kind":"relation","id":"r1","source":"recursion","target":"proofs","type":"RELATES_TO",
        "strength":0.3,"timestamp":"2025-11-17T08:05:00+01:00"},
       {"kind":"relation","id":"r2","source":"trees","target":"graphs","type":"BUILDS_ON"}
      ]
      """;

  @TempDir static Path dir;
  static App alone;
  static App aliceAlone;
  static App shared;

  @BeforeAll
  static void load() {
    ExportFixture.history(dir, "default.db").close();
    try (App alice = ExportFixture.app(dir, "alice.db")) {
      LearnerCopy.shareTopics(dir.resolve("default.db"), alice.db());
      ExportFixture.ingest(alice, ALICE);
      alice.goals().evaluate();
    }
    try (App both = ExportFixture.app(dir, "both.db")) {
      LearnerCopy.copy(dir.resolve("default.db"), both.db(), DEFAULT, LearnerCopy.ALL);
      LearnerCopy.copy(dir.resolve("alice.db"), both.db(), "alice", ALICE_TABLES);
    }
    alone = ExportFixture.app(dir, "default.db");
    aliceAlone = ExportFixture.app(dir, "alice.db");
    shared = ExportFixture.app(dir, "both.db");
  }

  @AfterAll
  static void close() {
    alone.close();
    aliceAlone.close();
    shared.close();
  }

  /**
   * The export service of {@code learner} on {@code app}'s file, built as the app builds its own.
   */
  static ExportService exports(App app, String learner) {
    Database view = app.db().forLearner(learner);
    RollupEngine rollups =
        new RollupEngine(
            view,
            app.rollups().buckets(),
            app.clock(),
            RollupMetrics.unregistered(),
            app.config().retention());
    return new ExportService(
        view, rollups, new GoalService(view, rollups, app.clock()), app.clock(), new ExportSlots());
  }

  @Test
  void eachLearnersJsonExportOfAFileOfTwoIsTheExportOfTheirDataAlone() {
    for (String period : List.of("all", "30d", "7d")) {
      JsonNode defaultShared = own(exports(shared, Database.DEFAULT_LEARNER), period);
      JsonNode aliceShared = own(exports(shared, "alice"), period);
      assertThat(defaultShared)
          .isEqualTo(own(exports(alone, Database.DEFAULT_LEARNER), period))
          .isNotEqualTo(aliceShared);
      assertThat(aliceShared).isEqualTo(own(exports(aliceAlone, Database.DEFAULT_LEARNER), period));
    }
  }

  @Test
  void aliceExportsHerOwnRowsUnderTheIdsTheDefaultLearnerAlsoUses() {
    JsonNode doc = own(exports(shared, "alice"), "all");
    JsonNode events = doc.get("events");
    assertThat(events.get("exchanges").findValuesAsText("id")).containsExactly("e1", "e2", "e3");
    assertThat(events.get("exchanges").get(0).get("user_text").asText())
        .isEqualTo("Alice asks about proofs");
    assertThat(events.get("feedback").get(0).get("comment").asText()).isEqualTo("too short");
    assertThat(doc.get("quality_scores").get(0).get("composite").asDouble()).isEqualTo(0.35);
    assertThat(doc.get("sessions").findValuesAsText("session_id")).containsExactly("s1", "s2");
    KnowledgeGraph.Stats graph = new EmbeddedGraph(shared.db().forLearner("alice")).stats();
    assertThat(graph.totalConcepts()).isEqualTo(4); // recursion, proofs, graphs, trees
    JsonNode stats = doc.get("knowledge_graph_stats");
    assertThat(stats.get("total_concepts").asLong()).isEqualTo(4);
    assertThat(stats.get("total_relationships").asLong()).isEqualTo(2);
    assertThat(stats.get("strongest_connections").findValuesAsText("target"))
        .containsExactly("proofs");
    assertThat(counts(doc)).containsEntry("exchanges", 3L).containsEntry("relations", 2L);
    JsonNode mine = own(exports(shared, Database.DEFAULT_LEARNER), "all");
    assertThat(counts(mine)).containsEntry("exchanges", 5L).containsEntry("relations", 2L);
  }

  @Test
  void eachLearnersCsvSessionsAndQualityAreThoseOfTheirDataAlone() throws IOException {
    for (String learner : List.of(Database.DEFAULT_LEARNER, "alice")) {
      App single = learner.equals("alice") ? aliceAlone : alone;
      Map<String, byte[]> fromShared = csv(exports(shared, learner));
      Map<String, byte[]> fromAlone = csv(exports(single, Database.DEFAULT_LEARNER));
      for (String file : List.of("sessions.csv", "quality_scores.csv")) {
        assertThat(new String(fromShared.get(file), UTF_8))
            .as(learner + " " + file)
            .isEqualTo(new String(fromAlone.get(file), UTF_8));
      }
    }
    String aliceQuality =
        new String(csv(exports(shared, "alice")).get("quality_scores.csv"), UTF_8);
    assertThat(ExportCsvTest.column(ExportCsvTest.records(aliceQuality.getBytes(UTF_8)), "id"))
        .containsExactly("q1");
  }

  @Test
  void eachExportIsRecordedAsItsLearnersAndStillVerifies() throws IOException {
    ExportService aliceExports = exports(shared, "alice");
    byte[] json = ExportFixture.export(aliceExports, "json", "all", "");
    JsonNode doc = Json.MAPPER.readTree(json);
    String id = doc.get("export_id").asText();
    Map<String, Object> row =
        shared
            .db()
            .reader()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT learner_id, checksum, file_size_bytes FROM export_history"
                                + " WHERE id = ?")
                        .bind(0, id)
                        .mapToMap()
                        .one());
    assertThat(row)
        .containsEntry("learner_id", "alice")
        .containsEntry("checksum", doc.get("checksum").asText())
        .containsEntry("file_size_bytes", json.length);
    Path file = dir.resolve("alice-export.json");
    Files.write(file, json);
    assertThat(ExportVerifier.verify(file).ok()).isTrue();
  }

  @Test
  void backupsChecksumCoversEveryLearnerAndIsUnchangedForASingleLearner() throws IOException {
    String single = exports(alone, DEFAULT).fingerprint(OutputStream.nullOutputStream()).checksum();
    assertThat(FileFingerprint.learners(alone.db())).containsExactly(DEFAULT);
    assertThat(FileFingerprint.of(alone.db(), l -> exports(alone, l))).isEqualTo(single);

    assertThat(FileFingerprint.learners(shared.db())).containsExactly("alice", DEFAULT);
    String alices =
        exports(shared, "alice").fingerprint(OutputStream.nullOutputStream()).checksum();
    String mine = exports(shared, DEFAULT).fingerprint(OutputStream.nullOutputStream()).checksum();
    String lines = "alice\t" + alices + "\n" + DEFAULT + "\t" + mine + "\n";
    assertThat(FileFingerprint.of(shared.db(), l -> exports(shared, l)))
        .isEqualTo("sha256:" + ExportFixture.sha256Hex(lines.getBytes(UTF_8)))
        .isNotEqualTo(single);
  }

  private static Map<String, byte[]> csv(ExportService exports) throws IOException {
    return ExportCsvTest.unzip(ExportFixture.export(exports, "csv", "all", ""));
  }

  /** The export without what differs by export (id, time, checksum). */
  private static JsonNode own(ExportService exports, String period) {
    ObjectNode doc = (ObjectNode) ExportFixture.exportJson(exports, period, "").deepCopy();
    doc.remove(List.of("export_id", "generated_at", "checksum"));
    return doc;
  }

  private static Map<String, Long> counts(JsonNode doc) {
    Map<String, Long> out = new TreeMap<>();
    doc.get("row_counts").properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
    return out;
  }
}
