package io.learnlytics.goal;

import static io.learnlytics.goal.GoalTestSupport.app;
import static io.learnlytics.goal.GoalTestSupport.exchange;
import static io.learnlytics.goal.GoalTestSupport.json;
import static io.learnlytics.goal.GoalTestSupport.quality;
import static io.learnlytics.goal.GoalTestSupport.sessionsAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.goal.GoalService.GoalView;
import io.learnlytics.support.ApiException;
import io.learnlytics.testing.MovableClock;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoalServiceTest {
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @TempDir Path dir;

  GoalView goal(App app, String id) {
    return app.goals().active().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void the_six_default_goals_exist_with_the_specs_ids() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      assertThat(app.goals().active())
          .extracting(GoalView::id)
          .containsExactlyInAnyOrder(
              "weekly_sessions",
              "daily_engagement",
              "quality_target",
              "daily_streak",
              "100_sessions",
              "50_topics");
    }
  }

  @Test
  void weekly_count_goal_completes_when_reached_and_ends_with_the_local_week() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK); // Thursday
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(app, "2025-11-17T10:00:00-05:00", "2025-11-18T10:00:00-05:00");
      GoalView g = goal(app, "weekly_sessions");
      assertThat(g.current()).isEqualTo(2);
      assertThat(g.progress()).isEqualTo(40.0);
      assertThat(g.status()).isEqualTo("in_progress");
      assertThat(g.endsAt()).isEqualTo(Instant.parse("2025-11-24T04:59:59Z")); // Sun 23:59:59 EST

      sessionsAt(
          app,
          "2025-11-19T10:00:00-05:00",
          "2025-11-19T12:00:00-05:00",
          "2025-11-20T08:00:00-05:00");
      assertThat(goal(app, "weekly_sessions").status()).isEqualTo("completed");
    }
  }

  @Test
  void a_week_that_ends_short_of_the_target_is_failed_once_evaluated() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(app, "2025-11-17T10:00:00-05:00");
      clock.now = Instant.parse("2025-11-25T15:00:00Z"); // the next Tuesday
      app.goals().evaluate();

      String status =
          app.db()
              .reader()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT status FROM goal_progress WHERE goal_id = 'weekly_sessions'"
                                  + " ORDER BY period_start_utc LIMIT 1")
                          .mapTo(String.class)
                          .one());
      assertThat(status).isEqualTo("failed");
    }
  }

  @Test
  void a_mean_goal_is_judged_when_its_period_ends() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      app.ingest()
          .ingest(
              List.of(
                  exchange("a", "s1", "2025-11-18T10:00:00-05:00", "python"),
                  quality("qa", "a", 0.90)));
      app.rollups().refreshDirty();
      GoalView during = goal(app, "quality_target");
      assertThat(during.current()).isEqualTo(0.9);
      assertThat(during.status()).isEqualTo("in_progress"); // a mean can still fall this week

      clock.now = Instant.parse("2025-11-24T15:00:00Z");
      app.goals().evaluate();
      assertThat(unlocked(app, "quality_target")).isEqualTo(1);
    }
  }

  @Test
  void lte_and_eq_goals_on_a_monthly_period() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(app, "2025-11-03T10:00:00-05:00", "2025-11-04T10:00:00-05:00");
      GoalView atMost =
          app.goals()
              .create(
                  json(
                      "{\"name\":\"Calm month\",\"target_metric\":\"session_count\","
                          + "\"target_value\":1,\"frequency\":\"monthly\",\"comparison\":\"lte\"}"));
      GoalView exactly =
          app.goals()
              .create(
                  json(
                      "{\"name\":\"Exactly two\",\"target_metric\":\"session_count\","
                          + "\"target_value\":2,\"frequency\":\"monthly\",\"comparison\":\"eq\"}"));

      assertThat(atMost.current()).isEqualTo(2);
      assertThat(atMost.progress()).isEqualTo(50.0); // 1 / 2
      assertThat(atMost.status()).isEqualTo("in_progress");
      assertThat(exactly.progress()).isEqualTo(100.0);
      assertThat(exactly.endsAt()).isEqualTo(Instant.parse("2025-12-01T04:59:59Z"));

      clock.now = Instant.parse("2025-12-02T15:00:00Z");
      app.goals().evaluate();
      assertThat(unlocked(app, exactly.id())).isEqualTo(1);
      assertThat(unlocked(app, atMost.id())).isZero();
    }
  }

  @Test
  void daily_goal_uses_the_learning_day_and_one_time_goal_counts_all_history() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(app, "2025-11-19T10:00:00-05:00", "2025-11-20T09:00:00-05:00");
      assertThat(goal(app, "daily_streak").current()).isEqualTo(1);
      assertThat(goal(app, "daily_streak").status()).isEqualTo("completed");
      assertThat(goal(app, "100_sessions").current()).isEqualTo(2);
      assertThat(goal(app, "100_sessions").endsAt()).isNull();
      assertThat(goal(app, "100_sessions").status()).isEqualTo("in_progress");
    }
  }

  @Test
  void custom_goal_with_a_topic_filter_counts_only_that_topic() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      app.ingest()
          .ingest(
              List.of(
                  exchange("a", "s1", "2025-11-18T10:00:00-05:00", "python"),
                  exchange("b", "s1", "2025-11-18T10:05:00-05:00", "python"),
                  exchange("c", "s2", "2025-11-19T10:00:00-05:00", "spanish"),
                  exchange("d", "s3", "2025-11-19T11:00:00-05:00", "python")));
      app.rollups().refreshDirty();
      GoalView g =
          app.goals()
              .create(
                  json(
                      "{\"name\":\"Python practice\",\"target_metric\":\"session_count\","
                          + "\"target_value\":4,\"frequency\":\"weekly\","
                          + "\"filters\":{\"topic\":\"python\"}}"));

      assertThat(g.current()).isEqualTo(2); // s1 and s3, not s2
      assertThat(g.progress()).isEqualTo(50.0);
      assertThat(g.filters().topic()).isEqualTo("python");
      assertThat(g.goalType()).isEqualTo("custom");
    }
  }

  @Test
  void an_achievement_unlocks_once_per_goal_and_period_however_often_evaluated() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(app, "2025-11-20T09:00:00-05:00");
      assertThat(app.goals().evaluate()).isEqualTo(1); // daily_streak for today
      assertThat(app.goals().evaluate()).isZero();
      assertThat(app.goals().evaluate()).isZero();

      assertThat(unlocked(app, "daily_streak")).isEqualTo(1);
      assertThat(app.goals().view().recentAchievements())
          .singleElement()
          .satisfies(a -> assertThat(a.period()).isEqualTo("Nov 20, 2025"));
    }
  }

  @Test
  void weekly_achievement_is_labelled_with_its_week() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      sessionsAt(
          app,
          "2025-11-17T10:00:00-05:00",
          "2025-11-17T12:00:00-05:00",
          "2025-11-18T10:00:00-05:00",
          "2025-11-18T12:00:00-05:00",
          "2025-11-19T10:00:00-05:00");
      app.goals().evaluate();

      assertThat(app.goals().view().recentAchievements())
          .filteredOn(a -> a.goalId().equals("weekly_sessions"))
          .singleElement()
          .satisfies(a -> assertThat(a.period()).isEqualTo("Week of Nov 17, 2025"));
    }
  }

  @Test
  void bad_goal_bodies_name_every_field_and_allowed_values() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      JsonNode bad =
          json(
              "{\"name\":\"x\",\"target_metric\":\"sleep\",\"target_value\":0,"
                  + "\"frequency\":\"yearly\",\"comparison\":\"gt\"}");
      assertThatThrownBy(() -> app.goals().create(bad))
          .isInstanceOf(ApiException.InvalidInput.class)
          .satisfies(
              e ->
                  assertThat(((ApiException) e).details())
                      .extracting(ApiException.FieldError::field)
                      .containsExactlyInAnyOrder(
                          "target_metric", "target_value", "frequency", "comparison"));
      assertThatThrownBy(() -> app.goals().get("nope")).isInstanceOf(ApiException.NotFound.class);
    }
  }

  @Test
  void goals_can_be_updated_and_deleted() {
    MovableClock clock = new MovableClock("2025-11-20T15:00:00Z", NEW_YORK);
    try (App app = app(dir, clock, 0, DayOfWeek.MONDAY)) {
      GoalView g =
          app.goals()
              .create(
                  json(
                      "{\"name\":\"Read\",\"target_metric\":\"exchange_count\","
                          + "\"target_value\":5,\"frequency\":\"daily\"}"));
      GoalView changed =
          app.goals()
              .update(
                  g.id(),
                  json(
                      "{\"name\":\"Read more\",\"target_metric\":\"exchange_count\","
                          + "\"target_value\":8,\"frequency\":\"daily\"}"));
      assertThat(changed.name()).isEqualTo("Read more");
      assertThat(changed.target()).isEqualTo(8);

      app.goals().delete(g.id());
      assertThatThrownBy(() -> app.goals().get(g.id())).isInstanceOf(ApiException.NotFound.class);
    }
  }

  private static long unlocked(App app, String goalId) {
    return app.db()
        .reader()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM achievements WHERE goal_id = ?")
                    .bind(0, goalId)
                    .mapTo(Long.class)
                    .one());
  }
}
