package io.learnlytics.learner;

import io.learnlytics.rollup.CalendarRules;
import io.learnlytics.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@code learners} table: who exists and with which calendar. Migration V12 adds the default
 * learner; others are added by {@code learner add} or {@code PUT /api/learners/{id}}.
 */
public final class Learners {
  private static final String COLUMNS = "id, zone, day_start_hour, week_start";

  private final Database db;

  public Learners(Database db) {
    this.db = db;
  }

  public Optional<LearnerSettings> find(String id) {
    if (!LearnerSettings.isValidId(id)) {
      return Optional.empty();
    }
    return db.reader()
        .withHandle(
            h ->
                h.createQuery("SELECT " + COLUMNS + " FROM learners WHERE id = ?")
                    .bind(0, id)
                    .map(Learners::settings)
                    .findOne());
  }

  /** Every learner, ordered by id. */
  public List<LearnerSettings> all() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery("SELECT " + COLUMNS + " FROM learners ORDER BY id")
                    .map(Learners::settings)
                    .list());
  }

  /** The ids of every learner, ordered. */
  public List<String> ids() {
    return db.reader()
        .withHandle(
            h -> h.createQuery("SELECT id FROM learners ORDER BY id").mapTo(String.class).list());
  }

  /**
   * Adds the learner {@code s} (running {@code onCreate} in the same transaction, e.g. to give them
   * the default goals), or changes an existing learner's calendar. A learner with events changes
   * forward: the setting they had is kept in {@code learner_calendar_history} with this instant, so
   * the days before it keep their boundaries (see {@link io.learnlytics.rollup.Buckets}).
   *
   * @param server the server's setting, which applies where the learner has none
   */
  public Change put(
      LearnerSettings s, CalendarRules server, long nowUtc, Consumer<Handle> onCreate) {
    return db.writer()
        .inTransaction(
            h -> {
              Optional<LearnerSettings> old =
                  h.createQuery("SELECT " + COLUMNS + " FROM learners WHERE id = ?")
                      .bind(0, s.id())
                      .map(Learners::settings)
                      .findOne();
              boolean moved =
                  old.isPresent()
                      && !old.get().rules(server).equals(s.rules(server))
                      && hasHistory(h, s.id());
              if (moved) {
                keep(h, s.id(), nowUtc, old.get().rules(server));
              }
              boolean created = insertOrUpdate(h, s, nowUtc);
              if (created) {
                onCreate.accept(h);
              }
              return created ? Change.CREATED : moved ? Change.MOVED : Change.UPDATED;
            });
  }

  /** What {@link #put} did. */
  public enum Change {
    CREATED,
    /** The calendar of a learner without events changed, or nothing changed. */
    UPDATED,
    /** The calendar of a learner with events changed from now on. */
    MOVED
  }

  /** Keeps the setting that applied up to {@code untilUtc}; a second change in the same ms wins. */
  private static void keep(Handle h, String id, long untilUtc, CalendarRules before) {
    h.createUpdate(
            "INSERT INTO learner_calendar_history"
                + " (learner_id, until_utc, zone, day_start_hour, week_start)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (learner_id, until_utc) DO NOTHING")
        .bind(0, id)
        .bind(1, untilUtc)
        .bind(2, before.zone().getId())
        .bind(3, before.dayStartHour())
        .bind(4, before.weekStart().name())
        .execute();
  }

  private static boolean insertOrUpdate(Handle h, LearnerSettings s, long nowUtc) {
    boolean existed =
        h.createQuery("SELECT count(*) FROM learners WHERE id = ?")
                .bind(0, s.id())
                .mapTo(Integer.class)
                .one()
            > 0;
    h.createUpdate(
            "INSERT INTO learners (id, zone, day_start_hour, week_start, created_utc)"
                + " VALUES (:id, :zone, :day, :week, :now) ON CONFLICT (id) DO UPDATE SET"
                + " zone = excluded.zone, day_start_hour = excluded.day_start_hour,"
                + " week_start = excluded.week_start")
        .bind("id", s.id())
        .bind("zone", s.zone() == null ? null : s.zone().getId())
        .bind("day", s.dayStartHour())
        .bind("week", s.weekStart() == null ? null : s.weekStart().name())
        .bind("now", nowUtc)
        .execute();
    return !existed;
  }

  /** True when the learner has stored any event: their calendar then fixes their past days. */
  static boolean hasHistory(Handle h, String id) {
    return h.createQuery(
            "SELECT EXISTS (SELECT 1 FROM exchanges WHERE learner_id = :id)"
                + " OR EXISTS (SELECT 1 FROM feedback WHERE learner_id = :id)"
                + " OR EXISTS (SELECT 1 FROM quality_scores WHERE learner_id = :id)")
        .bind("id", id)
        .mapTo(Boolean.class)
        .one();
  }

  private static LearnerSettings settings(ResultSet rs, StatementContext ctx) throws SQLException {
    String zone = rs.getString("zone");
    int day = rs.getInt("day_start_hour");
    @Nullable Integer dayStart = rs.wasNull() ? null : day;
    String week = rs.getString("week_start");
    return new LearnerSettings(
        rs.getString("id"),
        zone == null ? null : ZoneId.of(zone),
        dayStart,
        week == null ? null : DayOfWeek.valueOf(week));
  }
}
