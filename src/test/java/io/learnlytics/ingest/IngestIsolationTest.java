package io.learnlytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.store.Database;
import io.learnlytics.support.ApiException.NotFound;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two learners in one file are two files: the same histories ingested through {@code
 * db.forLearner("alice")} and the default view of one database, interleaved, give each learner
 * exactly the rows and answers they give alone in a fresh file — although both histories use the
 * same event ids, session ids and concept names.
 */
class IngestIsolationTest {
  private static final String ALICE = "alice";

  @TempDir Path dir;

  @Test
  void two_learners_in_one_file_get_what_each_gets_alone_in_its_own_file() {
    for (long seed : new long[] {1, 2, 3}) {
      List<Function<IngestService, Object>> mine = LearnerData.history(seed);
      List<Function<IngestService, Object>> hers = LearnerData.history(seed + 100);
      try (Database shared = TestStores.open(dir.resolve("shared-" + seed + ".db"));
          Database defaultAlone = TestStores.open(dir.resolve("default-" + seed + ".db"));
          Database aliceAlone = TestStores.open(dir.resolve("alice-" + seed + ".db"))) {
        IngestService def = LearnerData.ingest(shared);
        IngestService alice = LearnerData.ingest(shared.forLearner(ALICE));
        List<Object> defAnswers = new ArrayList<>();
        List<Object> aliceAnswers = new ArrayList<>();
        for (int i = 0; i < Math.max(mine.size(), hers.size()); i++) {
          run(mine, i, def, defAnswers);
          run(hers, i, alice, aliceAnswers);
        }

        assertThat(defAnswers).isEqualTo(runAlone(mine, defaultAlone));
        assertThat(aliceAnswers).isEqualTo(runAlone(hers, aliceAlone));
        assertThat(LearnerData.rows(shared, Database.DEFAULT_LEARNER))
            .isEqualTo(LearnerData.rows(defaultAlone, Database.DEFAULT_LEARNER));
        assertThat(LearnerData.rows(shared, ALICE))
            .isEqualTo(LearnerData.rows(aliceAlone, Database.DEFAULT_LEARNER));
        assertThat(LearnerData.rows(shared, ALICE).get("exchanges")).isNotEmpty();
      }
    }
  }

  private static void run(
      List<Function<IngestService, Object>> steps, int i, IngestService s, List<Object> answers) {
    if (i < steps.size()) {
      answers.add(steps.get(i).apply(s));
    }
  }

  private static List<Object> runAlone(List<Function<IngestService, Object>> steps, Database db) {
    IngestService s = LearnerData.ingest(db);
    return steps.stream().map(step -> step.apply(s)).toList();
  }

  private static final String DEFAULTS =
      """
      [{"kind":"exchange","id":"e1","session_id":"s1","timestamp":"2026-11-18T09:00:00Z",
        "duration_ms":1000,"topics":["alpha","beta"]},
       {"kind":"exchange","id":"e2","session_id":"s1","timestamp":"2026-11-18T09:10:00Z",
        "duration_ms":2000,"topics":["beta"]},
       {"kind":"quality","id":"q1","exchange_id":"e1","composite":0.9},
       {"kind":"feedback","id":"f1","exchange_id":"e1","timestamp":"2026-11-18T09:01:00Z",
        "type":"thumbs_up"},
       {"kind":"relation","id":"r1","source":"alpha","target":"zeta","type":"BUILDS_ON"}]""";

  @Test
  void the_default_learner_is_untouched_by_another_learner_using_the_same_ids() {
    try (Database db = TestStores.open(dir.resolve("one.db"));
        Database alone = TestStores.open(dir.resolve("alone.db"))) {
      IngestService def = LearnerData.ingest(db);
      IngestService alice = LearnerData.ingest(db.forLearner(ALICE));
      assertThat(def.ingest(parse(DEFAULTS))).isEqualTo(new IngestResult(5, 0, List.of()));
      LearnerData.ingest(alone).ingest(parse(DEFAULTS));
      Map<String, List<String>> before = LearnerData.rows(db, Database.DEFAULT_LEARNER);

      // the same ids for alice are her own events, not duplicates of the default learner's
      assertThat(alice.ingest(parse(DEFAULTS.replace("0.9", "0.2"))))
          .isEqualTo(new IngestResult(5, 0, List.of()));
      // and sent again for her they are her duplicates
      assertThat(alice.ingest(parse(DEFAULTS.replace("0.9", "0.2"))))
          .isEqualTo(new IngestResult(0, 5, List.of()));
      assertThat(alice.forget("e1", null)).isEqualTo(new Erased(1, 1, 1, 0));
      assertThat(alice.forget("r1", null)).isEqualTo(new Erased(0, 0, 0, 1));
      assertThat(alice.forgetBefore(LearnerData.NOW.toEpochMilli()))
          .isEqualTo(new Erased(1, 0, 0, 0));
      assertThatThrownBy(() -> alice.forget("e2", null)).isInstanceOf(NotFound.class);

      assertThat(LearnerData.rows(db, Database.DEFAULT_LEARNER)).isEqualTo(before);
      assertThat(LearnerData.rows(db, Database.DEFAULT_LEARNER))
          .isEqualTo(LearnerData.rows(alone, Database.DEFAULT_LEARNER));
      assertThat(LearnerData.rows(db, ALICE).values()).allMatch(List::isEmpty);
      assertThat(before.get("sessions")).hasSize(1);
      assertThat(before.get("concepts")).hasSize(3);
    }
  }

  @Test
  void a_score_waits_for_its_own_learners_exchange_not_for_anothers_of_the_same_id() {
    try (Database db = TestStores.open(dir.resolve("wait.db"))) {
      IngestService def = LearnerData.ingest(db);
      IngestService alice = LearnerData.ingest(db.forLearner(ALICE));
      def.ingest(parse(DEFAULTS));
      String score =
          """
          {"kind":"quality","id":"q9","exchange_id":"e2","composite":0.4,
           "timestamp":"2026-11-18T09:11:00Z"}""";

      alice.ingest(parse(score));
      assertThat(LearnerData.rows(db, ALICE).get("quality_waiting"))
          .containsExactly("{exchange_id=e2, quality_id=q9}");
      assertThat(LearnerData.rows(db, ALICE).get("quality_scores").get(0))
          .contains("topic_ids=null");

      alice.ingest(
          parse(
              """
              {"kind":"exchange","id":"e2","session_id":"s7","timestamp":"2026-11-18T09:10:00Z",
               "topics":["gamma"]}"""));
      assertThat(LearnerData.rows(db, ALICE).get("quality_waiting")).isEmpty();
      assertThat(LearnerData.rows(db, ALICE).get("quality_scores").get(0))
          .contains("topic_ids=[gamma]"); // hers, not the default learner's e2's [beta]
      assertThat(LearnerData.rows(db, Database.DEFAULT_LEARNER).get("quality_waiting")).isEmpty();
    }
  }

  private static List<JsonNode> parse(String json) {
    try {
      JsonNode node = Json.MAPPER.readTree(json);
      List<JsonNode> out = new ArrayList<>();
      if (node.isArray()) {
        node.forEach(out::add);
      } else {
        out.add(node);
      }
      return out;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
