package io.learnlytics.rollup;

import io.learnlytics.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Each learner's calendar from the shared {@code learners} table — zone, day-start hour and week
 * start, where a NULL setting (and a learner not in the table) follows the server's configuration,
 * which is how the default learner keeps behaving exactly as before learners existed — and from
 * {@code learner_calendar_history}, the settings they had before each change.
 */
public final class LearnerCalendars {
  private static final String COLUMNS = "id, zone, day_start_hour, week_start";
  private static final String HISTORY =
      "SELECT learner_id, until_utc, zone, day_start_hour, week_start"
          + " FROM learner_calendar_history";

  private LearnerCalendars() {}

  /** Every learner listed in {@code learners}, by id, with their buckets. */
  public static Map<String, Buckets> all(Database db, Buckets server) {
    return db.reader()
        .withHandle(
            h -> {
              Map<String, List<Buckets.Change>> history = history(h, HISTORY, null);
              return h.createQuery("SELECT " + COLUMNS + " FROM learners ORDER BY id")
                  .reduceResultSet(
                      new LinkedHashMap<String, Buckets>(),
                      (map, rs, ctx) -> {
                        String id = rs.getString(1);
                        map.put(id, of(rs, server, history.getOrDefault(id, List.of())));
                        return map;
                      });
            });
  }

  /** {@code learner}'s buckets; the server's when the learner is not in the table. */
  public static Buckets of(Database db, String learner, Buckets server) {
    return db.reader()
        .withHandle(
            h -> {
              List<Buckets.Change> changes =
                  history(h, HISTORY + " WHERE learner_id = ?", learner)
                      .getOrDefault(learner, List.of());
              return h.createQuery("SELECT " + COLUMNS + " FROM learners WHERE id = ?")
                  .bind(0, learner)
                  .map((rs, ctx) -> of(rs, server, changes))
                  .findOne()
                  .orElse(server);
            });
  }

  /** The settings each learner had before each change, oldest first. */
  private static Map<String, List<Buckets.Change>> history(
      Handle h, String sql, @Nullable String learner) {
    var query = h.createQuery(sql + " ORDER BY learner_id, until_utc");
    if (learner != null) {
      query.bind(0, learner);
    }
    return query.reduceResultSet(
        new HashMap<String, List<Buckets.Change>>(),
        (map, rs, ctx) -> {
          CalendarRules rules =
              new CalendarRules(
                  ZoneId.of(rs.getString(3)), rs.getInt(4), weekStart(rs.getString(5)));
          map.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new Buckets.Change(rs.getLong(2), rules));
          return map;
        });
  }

  /** The buckets of one row of {@code learners} (columns as in {@link #COLUMNS}). */
  private static Buckets of(ResultSet rs, Buckets server, List<Buckets.Change> changes)
      throws SQLException {
    return Buckets.withHistory(changes, current(rs, server.rules()));
  }

  /** The setting in effect of one row of {@code learners}: the server's where it has none. */
  public static CalendarRules current(ResultSet rs, CalendarRules server) throws SQLException {
    String zone = rs.getString("zone");
    int hour = rs.getInt("day_start_hour");
    boolean serverHour = rs.wasNull();
    String week = rs.getString("week_start");
    return new CalendarRules(
        zone == null ? server.zone() : ZoneId.of(zone),
        serverHour ? server.dayStartHour() : hour,
        week == null ? server.weekStart() : weekStart(week));
  }

  /** A week start as stored: a day's English name in any case ("monday", "MONDAY"). */
  static DayOfWeek weekStart(@Nullable String text) {
    return DayOfWeek.valueOf(String.valueOf(text).trim().toUpperCase(Locale.ROOT));
  }
}
