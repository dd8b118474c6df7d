package io.learnlytics.goal;

import static io.learnlytics.goal.GoalTestSupport.exchange;
import static io.learnlytics.goal.GoalTestSupport.json;
import static io.learnlytics.goal.GoalTestSupport.quality;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.store.Database;
import io.learnlytics.support.ApiException;
import io.learnlytics.testing.LearnerRows;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestConfig;
import io.learnlytics.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goals, progress, achievements and streaks of two learners in one file are each exactly what the
 * same learner's data gives alone in a fresh file, with the same goal ids on both learners.
 *
 * <p>The goal tables under test are in the shared file; each learner's history (the rollups the
 * goals are measured on) comes from an app of its own, so these tests check the goal package's
 * statements alone, whatever the rollups do.
 */
class GoalLearnersTest {
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final Instant END = Instant.parse("2025-11-28T20:00:00Z"); // Friday 15:00 local
  static final String ALICE = "alice";
  static final int DAYS = 21;

  @TempDir Path dir;
  final MovableClock clock = new MovableClock(END, ZONE);
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void two_learners_in_one_file_equal_each_alone_in_a_fresh_file() {
    App aliceHistory = history("alice", 1);
    App defaultHistory = history("default", 2);
    Database shared = database("shared.db");
    Learner alice =
        new Learner(shared.forLearner(ALICE), database("alice.db").forLearner(ALICE), aliceHistory);
    Learner dflt = new Learner(shared, database("default.db"), defaultHistory);

    assertThat(alice.together.addDefaultGoals()).isEqualTo(6);
    assertThat(alice.alone.addDefaultGoals()).isEqualTo(6);
    alice.both(g -> g.restore(List.of(focus(3)), List.of()));
    dflt.both(g -> g.restore(List.of(focus(8)), List.of()));
    alice.both(g -> g.update("weekly_sessions", weekly(3)));
    alice.both(g -> g.delete("daily_engagement"));
    for (int day = DAYS; day >= 0; day--) {
      clock.now = END.minus(Duration.ofDays(day));
      assertThat(alice.together.evaluate()).isEqualTo(alice.alone.evaluate());
      assertThat(dflt.together.evaluate()).isEqualTo(dflt.alone.evaluate());
    }

    assertThat(alice.snapshot()).isEqualTo(alice.snapshotAlone());
    assertThat(dflt.snapshot()).isEqualTo(dflt.snapshotAlone());
    // The two learners share goal ids but not definitions, progress or achievements.
    assertThat(target(alice.together, "weekly_sessions")).isEqualTo(3);
    assertThat(target(dflt.together, "weekly_sessions")).isEqualTo(5);
    assertThat(target(alice.together, "focus")).isEqualTo(3);
    assertThat(target(dflt.together, "focus")).isEqualTo(8);
    assertThat(ids(alice.together)).doesNotContain("daily_engagement").hasSize(6);
    assertThat(ids(dflt.together)).contains("daily_engagement").hasSize(7);
    assertThat(alice.snapshot().achievements()).isNotEmpty();
    assertThat(dflt.snapshot().achievements()).isNotEmpty();
    assertThat(alice.snapshot()).isNotEqualTo(dflt.snapshot());
  }

  @Test
  void another_learner_with_the_same_goal_ids_leaves_the_default_learners_goals_unchanged() {
    App history = history("both", 3);
    Database shared = database("shared.db");
    GoalService dflt = new GoalService(shared, history.rollups(), clock);
    GoalService alice = new GoalService(shared.forLearner(ALICE), history.rollups(), clock);
    dflt.restore(List.of(focus(8)), List.of());
    dflt.evaluate();
    Snapshot before = Snapshot.of(dflt, shared);

    alice.addDefaultGoals();
    alice.restore(List.of(focus(2)), List.of());
    alice.evaluate();
    alice.update("weekly_sessions", weekly(1));
    alice.update("focus", weekly(1));
    alice.delete("daily_engagement");
    alice.evaluate();
    alice.delete("focus");

    assertThat(Snapshot.of(dflt, shared)).isEqualTo(before);
    assertThat(before.achievements()).isNotEmpty();
    assertThat(target(dflt, "weekly_sessions")).isEqualTo(5);
    assertThat(target(dflt, "focus")).isEqualTo(8);
    assertThat(target(alice, "weekly_sessions")).isEqualTo(1);
  }

  @Test
  void a_goal_only_another_learner_has_is_not_found() {
    Database shared = database("shared.db");
    App history = history("both", 4);
    GoalService dflt = new GoalService(shared, history.rollups(), clock);
    GoalService alice = new GoalService(shared.forLearner(ALICE), history.rollups(), clock);
    StoredAchievement won =
        new StoredAchievement("ach_focus_1", "focus", "Focus", "Completed", null, "all", 1, 2);

    // Restoring an achievement needs the learner's own goal of that id, not another learner's.
    assertThat(dflt.restore(List.of(focus(8)), List.of()).goals()).isEqualTo(1);
    assertThat(alice.restore(List.of(), List.of(won))).isEqualTo(new GoalService.Restored(0, 0));
    assertThatThrownBy(() -> alice.get("focus")).isInstanceOf(ApiException.NotFound.class);
    assertThatThrownBy(() -> alice.update("focus", weekly(1)))
        .isInstanceOf(ApiException.NotFound.class);
    assertThatThrownBy(() -> alice.delete("focus")).isInstanceOf(ApiException.NotFound.class);
    assertThat(alice.everyGoal()).isEmpty();
    assertThat(dflt.get("focus").target()).isEqualTo(8);
    assertThat(dflt.restore(List.of(), List.of(won))).isEqualTo(new GoalService.Restored(0, 1));
    assertThat(alice.achievementsUnlocked(0, 10)).isEmpty();
    assertThat(dflt.achievementsUnlocked(0, 10)).containsExactly(won);
  }

  /** Everything the goal package keeps or answers for one learner. */
  record Snapshot(
      GoalService.GoalsView view,
      List<GoalService.StoredGoal> goals,
      List<StoredAchievement> achievements,
      List<List<Object>> progress,
      List<List<Object>> achievementRows,
      List<List<Object>> streak) {
    static Snapshot of(GoalService g, Database db) {
      return new Snapshot(
          g.view(),
          g.everyGoal(),
          g.achievementsUnlocked(Long.MIN_VALUE, Long.MAX_VALUE),
          LearnerRows.of(
              db,
              "SELECT goal_id, current_value, target_value, progress_percent, status,"
                  + " period_start_utc, period_end_utc, evaluated_utc FROM goal_progress"
                  + " WHERE learner_id = ? ORDER BY goal_id, period_start_utc"),
          LearnerRows.of(
              db,
              "SELECT id, goal_id, name, description, icon, period, period_start_utc,"
                  + " unlocked_utc FROM achievements WHERE learner_id = ? ORDER BY id"),
          LearnerRows.of(
              db,
              "SELECT streak_type, current_streak, best_streak, last_active_date,"
                  + " streak_start_date, updated_utc FROM streak_tracking WHERE learner_id = ?"));
    }
  }

  /** One learner's services: in the shared file, and alone in a file of its own. */
  final class Learner {
    final Database togetherDb;
    final Database aloneDb;
    final GoalService together;
    final GoalService alone;

    Learner(Database togetherDb, Database aloneDb, App history) {
      this.togetherDb = togetherDb;
      this.aloneDb = aloneDb;
      this.together = new GoalService(togetherDb, history.rollups(), clock);
      this.alone = new GoalService(aloneDb, history.rollups(), clock);
    }

    void both(java.util.function.Consumer<GoalService> step) {
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

  Database database(String name) {
    Database db = TestStores.open(dir.resolve(name));
    open.add(db);
    return db;
  }

  /**
   * A learner's history over the {@link #DAYS} days before {@link #END}: 30 one-exchange sessions
   * at random times, most with a quality score, in its own app.
   */
  App history(String name, long seed) {
    App app = TestConfig.forDb(dir.resolve(name + "-history.db")).withZone(ZONE).open(clock);
    open.add(app);
    Random r = new Random(seed);
    LocalDate last = LocalDate.ofInstant(END, ZONE);
    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String t =
          last.minusDays(r.nextInt(DAYS))
              .atTime(7 + r.nextInt(8), r.nextInt(60))
              .atZone(ZONE)
              .toOffsetDateTime()
              .toString();
      events.add(exchange("x" + i, "s" + i, t, "topic" + r.nextInt(5)));
      if (r.nextInt(4) > 0) {
        events.add(quality("q" + i, "x" + i, 0.5 + r.nextInt(50) / 100.0));
      }
    }
    clock.now = END;
    app.ingest().ingest(events);
    app.rollups().refreshDirty();
    return app;
  }

  static Goal focus(double target) {
    Instant created = Instant.parse("2025-11-01T00:00:00Z");
    return new Goal(
        "focus",
        "Focus",
        "Two sessions a day",
        "custom",
        Frequency.DAILY,
        GoalMetric.SESSION_COUNT,
        target,
        Comparison.GTE,
        null,
        "target",
        "#000000",
        true,
        created,
        created);
  }

  static JsonNode weekly(double target) {
    return json(
        "{\"name\":\"Weekly Learner\",\"target_metric\":\"session_count\",\"target_value\":"
            + target
            + ",\"frequency\":\"weekly\",\"comparison\":\"gte\"}");
  }

  static double target(GoalService g, String id) {
    return g.get(id).target();
  }

  static List<String> ids(GoalService g) {
    return g.everyGoal().stream().map(s -> s.goal().id()).toList();
  }
}
