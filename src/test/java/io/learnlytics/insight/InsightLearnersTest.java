package io.learnlytics.insight;

import static io.learnlytics.insight.InsightFixture.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.store.Database;
import io.learnlytics.testing.LearnerRows;
import io.learnlytics.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Insights (and the milestone rule's state) of two learners in one file are each exactly what the
 * same learner's data gives alone in a fresh file, also when both learners have the same facts and
 * so the same dedupe keys.
 *
 * <p>The insight tables under test are in the shared file; each learner's history (the rollups and
 * graph the rules read) comes from an {@link InsightFixture} of its own, so these tests check the
 * insight package's statements alone, whatever the rollups do.
 */
class InsightLearnersTest {
  static final String ALICE = "alice";
  static final String[] TOPICS = {"python", "rust", "ownership", "sql", "graphs"};

  @TempDir Path dir;
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void two_learners_in_one_file_equal_each_alone_in_a_fresh_file() {
    InsightFixture aliceHistory = history("alice", 1);
    InsightFixture defaultHistory = history("default", 2);
    Database shared = database("shared.db");
    Learner alice =
        new Learner(shared.forLearner(ALICE), database("alice.db").forLearner(ALICE), aliceHistory);
    Learner dflt = new Learner(shared, database("default.db"), defaultHistory);

    play(alice, dflt, aliceHistory, defaultHistory);

    assertThat(alice.snapshot()).isEqualTo(alice.snapshotAlone());
    assertThat(dflt.snapshot()).isEqualTo(dflt.snapshotAlone());
    assertThat(alice.snapshot().rows()).isNotEmpty().isNotEqualTo(dflt.snapshot().rows());
    assertThat(dflt.snapshot().rows()).isNotEmpty();
    assertThat(alice.snapshot().state()).hasSize(2);
  }

  @Test
  void the_same_facts_for_two_learners_are_two_insights_each_learners_own() {
    InsightFixture history = history("both", 3);
    Database shared = database("shared.db");
    Learner alice =
        new Learner(shared.forLearner(ALICE), database("alice.db").forLearner(ALICE), history);
    Learner dflt = new Learner(shared, database("default.db"), history);

    play(alice, dflt, history, history);

    assertThat(alice.snapshot()).isEqualTo(alice.snapshotAlone());
    assertThat(dflt.snapshot()).isEqualTo(dflt.snapshotAlone());
    List<String> aliceKeys = keys(alice.togetherDb);
    assertThat(aliceKeys).isNotEmpty().isEqualTo(keys(shared));
    List<String> aliceIds = ids(alice.together);
    assertThat(aliceIds).isNotEmpty().doesNotContainAnyElementsOf(ids(dflt.together));
  }

  @Test
  void dismiss_and_seen_never_touch_another_learners_insight() {
    InsightFixture history = history("both", 4);
    Database shared = database("shared.db");
    InsightService dflt = service(shared, history);
    InsightService alice = service(shared.forLearner(ALICE), history);
    dflt.generate();
    alice.generate();
    InsightList before = dflt.list(1000, null, null);
    String theirs = before.insights().get(0).id();

    assertThat(alice.dismiss(theirs)).isFalse(); // another learner's id is not found
    assertThat(alice.markSeen()).isEqualTo(alice.list(1000, null, null).total());
    assertThat(dflt.list(1000, null, null)).isEqualTo(before);
    assertThat(before.newSinceLastVisit()).isEqualTo(before.total()).isPositive();

    assertThat(dflt.dismiss(theirs)).isTrue();
    assertThat(dflt.list(1000, null, null).total()).isEqualTo(before.total() - 1);
    assertThat(alice.list(1000, null, null).total()).isEqualTo(before.total());
  }

  @Test
  void the_default_learners_ids_are_as_before_learners_and_another_learners_differ() {
    String key = "milestone:sessions:10";
    assertThat(InsightStore.id(Database.DEFAULT_LEARNER, key)).isEqualTo(InsightStore.id(key));
    assertThat(InsightStore.id(ALICE, key))
        .matches("ins_[0-9a-f]{12}")
        .isEqualTo(InsightStore.id(ALICE, key))
        .isNotEqualTo(InsightStore.id(key))
        .isNotEqualTo(InsightStore.id("bob", key));
  }

  /**
   * The same steps for both learners, together and alone: generate on several days, dismiss alice's
   * first insight, mark the default learner's seen, generate again.
   */
  static void play(Learner alice, Learner dflt, InsightFixture... histories) {
    for (int day = 0; day < 10; day += 3) {
      for (InsightFixture h : histories) {
        h.now(TODAY.plusDays(day), 15);
      }
      assertThat(alice.together.generate()).isEqualTo(alice.alone.generate());
      assertThat(dflt.together.generate()).isEqualTo(dflt.alone.generate());
    }
    String first = alice.together.recent(1).get(0).id();
    alice.both(s -> assertThat(s.dismiss(first)).isTrue());
    dflt.both(InsightService::markSeen);
    for (InsightFixture h : histories) {
      h.advance(Duration.ofDays(1));
    }
    alice.both(InsightService::generate);
    dflt.both(InsightService::generate);
  }

  /** Everything the insight package keeps or answers for one learner. */
  record Snapshot(InsightList listed, List<List<Object>> rows, List<List<Object>> state) {
    static Snapshot of(InsightService s, Database db) {
      return new Snapshot(
          s.list(1000, null, null),
          LearnerRows.of(
              db,
              "SELECT id, insight_type, title, description, importance, data, dedupe_key,"
                  + " generated_utc, expires_utc, viewed_utc, dismissed_utc"
                  + " FROM analytics_insights WHERE learner_id = ? ORDER BY dedupe_key"),
          LearnerRows.of(
              db,
              "SELECT name, value, updated_utc FROM insight_state"
                  + " WHERE learner_id = ? ORDER BY name"));
    }
  }

  /** One learner's services: in the shared file, and alone in a file of its own. */
  static final class Learner {
    final Database togetherDb;
    final Database aloneDb;
    final InsightService together;
    final InsightService alone;

    Learner(Database togetherDb, Database aloneDb, InsightFixture history) {
      this.togetherDb = togetherDb;
      this.aloneDb = aloneDb;
      this.together = service(togetherDb, history);
      this.alone = service(aloneDb, history);
    }

    void both(Consumer<InsightService> step) {
      step.accept(together);
      step.accept(alone);
    }

    Snapshot snapshot() {
      return Snapshot.of(together, togetherDb);
    }

    Snapshot snapshotAlone() {
      return Snapshot.of(alone, aloneDb);
    }
  }

  static InsightService service(Database db, InsightFixture history) {
    return new InsightService(db, history.app.rollups(), history.clock, history.app.graph());
  }

  Database database(String name) {
    Database db = TestStores.open(dir.resolve(name));
    open.add(db);
    return db;
  }

  /**
   * Nine weeks of a learner's history in its own fixture: on most days a session at a random hour
   * with random length, quality, corrections and topics, and a few relations between the topics.
   */
  InsightFixture history(String name, long seed) {
    InsightFixture f = new InsightFixture(dir.resolve(name));
    open.add(f);
    Random r = new Random(seed);
    for (int d = 63; d >= 1; d--) {
      if (r.nextInt(10) < 7) {
        String[] topics = {TOPICS[r.nextInt(TOPICS.length)], TOPICS[r.nextInt(TOPICS.length)]};
        double quality = 0.4 + r.nextInt(60) / 100.0;
        f.session(
            TODAY.minusDays(d), 8 + r.nextInt(12), 1 + r.nextInt(4), quality, r.nextInt(2), topics);
      }
    }
    f.relation(TOPICS[r.nextInt(2)], TOPICS[2 + r.nextInt(3)], "BUILDS_ON", 0.8);
    f.relation(TOPICS[2], TOPICS[3], "RELATES_TO", 0.9);
    f.load();
    return f;
  }

  static List<String> keys(Database db) {
    return LearnerRows.of(
            db, "SELECT dedupe_key FROM analytics_insights WHERE learner_id = ? ORDER BY 1")
        .stream()
        .map(row -> (String) row.get(0))
        .toList();
  }

  static List<String> ids(InsightService s) {
    return s.list(1000, null, null).insights().stream().map(Insight::id).toList();
  }
}
