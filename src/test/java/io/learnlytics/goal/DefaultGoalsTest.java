package io.learnlytics.goal;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.store.Database;
import io.learnlytics.testing.TestStores;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultGoalsTest {
  @TempDir Path dir;

  @Test
  void the_java_list_is_what_migration_v5_gave_the_default_learner() {
    try (Database db = TestStores.open(dir.resolve("fresh.db"))) {
      assertThat(new GoalStore(db).all()).containsExactlyInAnyOrderElementsOf(DefaultGoals.ALL);
      assertThat(DefaultGoals.ALL).hasSize(6);
      // the default learner has them already: nothing to add
      int added = db.writer().withHandle(h -> DefaultGoals.insert(h, Database.DEFAULT_LEARNER));
      assertThat(added).isZero();
    }
  }

  @Test
  void a_new_learner_gets_the_six_once_and_a_deleted_one_back() {
    try (Database db = TestStores.open(dir.resolve("fresh.db"))) {
      Database bob = db.forLearner("bob");
      GoalStore store = new GoalStore(bob);
      assertThat(store.all()).isEmpty();

      assertThat(store.addDefaults()).isEqualTo(6);
      assertThat(store.all()).containsExactlyInAnyOrderElementsOf(DefaultGoals.ALL);
      assertThat(store.addDefaults()).isZero();

      assertThat(store.delete("50_topics")).isTrue();
      assertThat(store.addDefaults()).isEqualTo(1);
      assertThat(store.all()).containsExactlyInAnyOrderElementsOf(DefaultGoals.ALL);
      // the default learner's six are untouched
      assertThat(new GoalStore(db).all()).containsExactlyInAnyOrderElementsOf(DefaultGoals.ALL);
      List<String> perLearner =
          db.reader()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT learner_id, count(*) FROM goal_definitions"
                                  + " GROUP BY learner_id ORDER BY learner_id")
                          .map((rs, ctx) -> rs.getString(1) + "=" + rs.getInt(2))
                          .list());
      assertThat(perLearner).containsExactly("bob=6", "default=6");
    }
  }
}
