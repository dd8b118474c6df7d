package io.learnlytics.rollup;

import io.learnlytics.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Each learner's calendar from the shared {@code learners} table: zone, day-start hour and week
 * start, where a NULL setting (and a learner not in the table) follows the server's configuration —
 * which is how the default learner keeps behaving exactly as before learners existed.
 */
public final class LearnerCalendars {
  private static final String COLUMNS = "id, zone, day_start_hour, week_start";

  private LearnerCalendars() {}

  /** Every learner listed in {@code learners}, by id, with their buckets. */
  public static Map<String, Buckets> all(Database db, Buckets server) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery("SELECT " + COLUMNS + " FROM learners ORDER BY id")
                    .reduceResultSet(
                        new LinkedHashMap<String, Buckets>(),
                        (map, rs, ctx) -> {
                          map.put(rs.getString(1), of(rs, server));
                          return map;
                        }));
  }

  /** {@code learner}'s buckets; the server's when the learner is not in the table. */
  public static Buckets of(Database db, String learner, Buckets server) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery("SELECT " + COLUMNS + " FROM learners WHERE id = ?")
                    .bind(0, learner)
                    .map((rs, ctx) -> of(rs, server))
                    .findOne()
                    .orElse(server));
  }

  /** The buckets of one row of {@code learners} (columns as in {@link #COLUMNS}). */
  private static Buckets of(ResultSet rs, Buckets server) throws SQLException {
    String zone = rs.getString(2);
    int hour = rs.getInt(3);
    boolean serverHour = rs.wasNull();
    String week = rs.getString(4);
    return new Buckets(
        zone == null ? server.zone() : ZoneId.of(zone),
        serverHour ? server.dayStartHour() : hour,
        week == null ? server.weekStart() : weekStart(week));
  }

  /** A week start as stored: a day's English name in any case ("monday", "MONDAY"). */
  static DayOfWeek weekStart(@Nullable String text) {
    return DayOfWeek.valueOf(String.valueOf(text).trim().toUpperCase(Locale.ROOT));
  }
}
