package io.learnlytics.goal;

import io.learnlytics.rollup.Streaks;
import io.learnlytics.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;

/**
 * SQL for goals, their progress snapshots, achievements and streaks, all of them the view's
 * learner's: every statement binds {@link Database#learner()}, and goal ids are unique per learner
 * only (two learners each have their own {@code weekly_sessions}).
 */
final class GoalStore {

  private static final RowMapper<Goal> GOAL =
      (rs, ctx) ->
          new Goal(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              Frequency.of(rs.getString(5)),
              GoalMetric.of(rs.getString(6)),
              rs.getDouble(7),
              Comparison.of(rs.getString(8)),
              rs.getString(9),
              rs.getString(10),
              rs.getString(11),
              rs.getInt(12) == 1,
              Instant.ofEpochMilli(rs.getLong(13)),
              Instant.ofEpochMilli(rs.getLong(14)));

  private static final String INSERT_GOAL =
      "INSERT INTO goal_definitions (learner_id, id, name, description, goal_type, frequency,"
          + " target_metric, target_value, comparison, filters, icon, color, enabled, created_utc,"
          + " updated_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

  /** Adds a goal unless the learner has one of that id already. */
  static final String INSERT_NEW_GOAL = INSERT_GOAL + " ON CONFLICT (learner_id, id) DO NOTHING";

  private static final String ACHIEVEMENT_COLUMNS =
      "id, goal_id, name, description, icon, period, period_start_utc, unlocked_utc";

  private static final String BEST_STREAK =
      "SELECT best_streak FROM streak_tracking"
          + " WHERE learner_id = ? AND streak_type = 'daily_sessions'";

  private static final RowMapper<StoredAchievement> STORED_ACHIEVEMENT =
      (rs, ctx) ->
          new StoredAchievement(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              rs.getString(5),
              rs.getString(6),
              rs.getLong(7),
              rs.getLong(8));

  private final Database db;
  private final String learner;
  private final String goalColumns;

  GoalStore(Database db) {
    this.db = db;
    this.learner = db.learner();
    this.goalColumns =
        "id, name, description, goal_type, frequency, target_metric, target_value, comparison, "
            + db.dialect().jsonField("filters", "topic")
            + ", icon, color, enabled, created_utc, updated_utc";
  }

  List<Goal> all() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + goalColumns
                            + " FROM goal_definitions WHERE learner_id = ?"
                            + " ORDER BY created_utc, id")
                    .bind(0, learner)
                    .map(GOAL)
                    .list());
  }

  Optional<Goal> find(String id) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + goalColumns
                            + " FROM goal_definitions WHERE learner_id = ? AND id = ?")
                    .bind(0, learner)
                    .bind(1, id)
                    .map(GOAL)
                    .findOne());
  }

  void insert(Goal g) {
    db.writer().useHandle(h -> insert(h, INSERT_GOAL, learner, g));
  }

  /**
   * Adds the goals and achievements whose ids are new, in one transaction. Achievements of goals
   * that are neither stored nor among {@code goals} are skipped.
   */
  GoalService.Restored restore(List<Goal> goals, List<StoredAchievement> achievements) {
    return db.writer()
        .inTransaction(
            h ->
                new GoalService.Restored(
                    insertNew(h, learner, goals), restoreAchievements(h, achievements)));
  }

  /** Gives the learner the {@link DefaultGoals} it lacks; returns how many were added. */
  int addDefaults() {
    return db.writer().inTransaction(h -> DefaultGoals.insert(h, learner));
  }

  /** Adds {@code learner}'s goals whose ids are new to that learner; returns how many. */
  static int insertNew(Handle h, String learner, List<Goal> goals) {
    int n = 0;
    for (Goal g : goals) {
      n += insert(h, INSERT_NEW_GOAL, learner, g);
    }
    return n;
  }

  private int restoreAchievements(Handle h, List<StoredAchievement> achievements) {
    int n = 0;
    for (StoredAchievement a : achievements) {
      n += restore(h, a);
    }
    return n;
  }

  private static int insert(Handle h, String sql, String learner, Goal g) {
    return h.execute(
        sql,
        learner,
        g.id(),
        g.name(),
        g.description(),
        g.goalType(),
        g.frequency().id(),
        g.targetMetric().id(),
        g.targetValue(),
        g.comparison().id(),
        filters(g),
        g.icon(),
        g.color(),
        g.enabled() ? 1 : 0,
        g.createdAt().toEpochMilli(),
        g.updatedAt().toEpochMilli());
  }

  private int restore(Handle h, StoredAchievement a) {
    return h.execute(
        "INSERT INTO achievements (learner_id, "
            + ACHIEVEMENT_COLUMNS
            + ") SELECT ?,?,?,?,?,?,?,?,?"
            + " WHERE EXISTS (SELECT 1 FROM goal_definitions WHERE learner_id = ? AND id = ?)"
            + " ON CONFLICT DO NOTHING",
        learner,
        a.id(),
        a.goalId(),
        a.name(),
        a.description(),
        a.icon(),
        a.period(),
        a.periodStartUtc(),
        a.unlockedUtc(),
        learner,
        a.goalId());
  }

  /** Replaces a goal's definition; its progress history no longer applies and is dropped. */
  void update(Goal g) {
    db.writer()
        .useTransaction(
            h -> {
              h.execute(
                  "UPDATE goal_definitions SET name = ?, description = ?, goal_type = ?,"
                      + " frequency = ?, target_metric = ?, target_value = ?, comparison = ?,"
                      + " filters = ?, icon = ?, color = ?, enabled = ?, updated_utc = ?"
                      + " WHERE learner_id = ? AND id = ?",
                  g.name(),
                  g.description(),
                  g.goalType(),
                  g.frequency().id(),
                  g.targetMetric().id(),
                  g.targetValue(),
                  g.comparison().id(),
                  filters(g),
                  g.icon(),
                  g.color(),
                  g.enabled() ? 1 : 0,
                  g.updatedAt().toEpochMilli(),
                  learner,
                  g.id());
              h.execute(
                  "DELETE FROM goal_progress"
                      + " WHERE learner_id = ? AND goal_id = ? AND status = 'in_progress'",
                  learner,
                  g.id());
            });
  }

  boolean delete(String id) {
    return db.writer()
            .withHandle(
                h ->
                    h.execute(
                        "DELETE FROM goal_definitions WHERE learner_id = ? AND id = ?",
                        learner,
                        id))
        > 0;
  }

  /** Records progress for one period; returns true when an achievement was newly unlocked. */
  boolean record(Goal g, GoalProgress p, String periodLabel, long nowUtc) {
    return db.writer()
        .inTransaction(
            h -> {
              h.execute(
                  "INSERT INTO goal_progress (learner_id, goal_id, current_value, target_value,"
                      + " progress_percent, status, period_start_utc, period_end_utc, evaluated_utc)"
                      + " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (learner_id, goal_id, period_start_utc) DO UPDATE"
                      + " SET current_value = excluded.current_value, target_value ="
                      + " excluded.target_value, progress_percent = excluded.progress_percent,"
                      + " status = excluded.status, period_end_utc = excluded.period_end_utc,"
                      + " evaluated_utc = excluded.evaluated_utc",
                  learner,
                  g.id(),
                  p.current(),
                  p.target(),
                  p.progress(),
                  p.status(),
                  p.periodStartUtc(),
                  p.periodEndUtc(),
                  nowUtc);
              return p.status().equals("completed")
                  && unlock(h, learner, g, p, periodLabel, nowUtc);
            });
  }

  private static boolean unlock(
      Handle h, String learner, Goal g, GoalProgress p, String label, long nowUtc) {
    return h.execute(
            "INSERT INTO achievements (learner_id, id, goal_id, name, description, icon, period,"
                + " period_start_utc, unlocked_utc) VALUES (?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT DO NOTHING",
            learner,
            "ach_" + g.id() + "_" + Long.toString(p.periodStartUtc(), 36),
            g.id(),
            g.name(),
            "Completed: " + g.description(),
            g.icon(),
            label,
            p.periodStartUtc(),
            nowUtc)
        > 0;
  }

  /** Achievements unlocked in {@code [fromUtc, toUtc)}, in the order they were unlocked. */
  List<StoredAchievement> unlocked(long fromUtc, long toUtc) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT "
                            + ACHIEVEMENT_COLUMNS
                            + " FROM achievements"
                            + " WHERE learner_id = ? AND unlocked_utc >= ? AND unlocked_utc < ?"
                            + " ORDER BY unlocked_utc, id")
                    .bind(0, learner)
                    .bind(1, fromUtc)
                    .bind(2, toUtc)
                    .map(STORED_ACHIEVEMENT)
                    .list());
  }

  List<Achievement> recentAchievements(int limit) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT id, goal_id, name, description, icon, period, unlocked_utc"
                            + " FROM achievements WHERE learner_id = ?"
                            + " ORDER BY unlocked_utc DESC, period_start_utc DESC LIMIT ?")
                    .bind(0, learner)
                    .bind(1, limit)
                    .map(
                        (rs, ctx) ->
                            new Achievement(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                Instant.ofEpochMilli(rs.getLong(7))))
                    .list());
  }

  /** Persists the streak, keeping the best ever seen (daily rollups may be purged later). */
  int saveStreak(Streaks.Streak s, long nowUtc) {
    return db.writer()
        .withHandle(
            h -> {
              h.execute(
                  "INSERT INTO streak_tracking (learner_id, streak_type, current_streak,"
                      + " best_streak, last_active_date, streak_start_date, updated_utc)"
                      + " VALUES (?, 'daily_sessions', ?, ?, ?, ?, ?) ON CONFLICT (learner_id, streak_type) DO"
                      + " UPDATE SET current_streak = excluded.current_streak, best_streak ="
                      + " CASE WHEN streak_tracking.best_streak > excluded.best_streak THEN"
                      + " streak_tracking.best_streak ELSE excluded.best_streak END, last_active_date ="
                      + " excluded.last_active_date, streak_start_date = excluded.streak_start_date,"
                      + " updated_utc = excluded.updated_utc",
                  learner,
                  s.current(),
                  s.best(),
                  s.lastActiveDate() == null ? null : s.lastActiveDate().toString(),
                  s.startDate() == null ? null : s.startDate().toString(),
                  nowUtc);
              return h.createQuery(BEST_STREAK).bind(0, learner).mapTo(Integer.class).one();
            });
  }

  int bestStreak() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(BEST_STREAK)
                    .bind(0, learner)
                    .mapTo(Integer.class)
                    .findOne()
                    .orElse(0));
  }

  private static @Nullable String filters(Goal g) {
    return g.topic() == null
        ? null
        : io.learnlytics.support.Json.MAPPER.createObjectNode().put("topic", g.topic()).toString();
  }
}
