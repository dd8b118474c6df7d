package io.learnlytics.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.TreeMap;

/**
 * Reads the raw events of an instant range {@code [from, to)} in time order and folds them into one
 * {@link Partial} per hour bucket. Each table is one indexed range scan; the rows of several tables
 * can be scanned on separate connections and their maps merged.
 */
final class RawScanner {
  private final Buckets buckets;

  RawScanner(Buckets buckets) {
    this.buckets = buckets;
  }

  /** All four raw sources, on one connection. */
  TreeMap<Long, Partial> scanAll(Connection c, long from, long to) throws SQLException {
    TreeMap<Long, Partial> hours = new TreeMap<>();
    scanExchanges(c, from, to, hours);
    scanSessions(c, from, to, hours);
    scanQuality(c, from, to, hours);
    scanFeedback(c, from, to, hours);
    return hours;
  }

  void scanExchanges(Connection c, long from, long to, TreeMap<Long, Partial> hours)
      throws SQLException {
    HourCursor cursor = new HourCursor(buckets);
    String sql =
        "SELECT ts_utc, topics FROM exchanges WHERE ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc";
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Partial p = at(hours, cursor.seek(rs.getLong(1)));
        p.addExchange(TopicsJson.parse(rs.getString(2)), cursor.localHour(), cursor.weekdayIndex());
      }
    }
  }

  /** Sessions by their start, each with its whole duration and exchange count. */
  void scanSessions(Connection c, long from, long to, TreeMap<Long, Partial> hours)
      throws SQLException {
    HourCursor cursor = new HourCursor(buckets);
    String sql =
        "SELECT start_utc, last_utc + last_duration_ms - start_utc, exchange_count,"
            + " (SELECT json_group_array(topic) FROM session_topics t"
            + "  WHERE t.session_id = s.session_id)"
            + " FROM sessions s WHERE start_utc >= ? AND start_utc < ? ORDER BY start_utc";
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        at(hours, cursor.seek(rs.getLong(1)))
            .addSession(rs.getLong(2), rs.getLong(3), TopicsJson.parse(rs.getString(4)));
      }
    }
  }

  void scanQuality(Connection c, long from, long to, TreeMap<Long, Partial> hours)
      throws SQLException {
    HourCursor cursor = new HourCursor(buckets);
    String sql =
        "SELECT q.ts_utc, q.composite, q.relevance, q.helpfulness, q.accuracy, q.clarity,"
            + " q.engagement, e.topics FROM quality_scores q"
            + " LEFT JOIN exchanges e ON e.id = q.exchange_id"
            + " WHERE q.ts_utc >= ? AND q.ts_utc < ? ORDER BY q.ts_utc";
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        at(hours, cursor.seek(rs.getLong(1)))
            .addQuality(
                TopicsJson.parse(rs.getString(8)),
                rs.getDouble(2),
                nullable(rs, 3),
                nullable(rs, 4),
                nullable(rs, 5),
                nullable(rs, 6),
                nullable(rs, 7));
      }
    }
  }

  void scanFeedback(Connection c, long from, long to, TreeMap<Long, Partial> hours)
      throws SQLException {
    HourCursor cursor = new HourCursor(buckets);
    String sql =
        "SELECT ts_utc, type, rating FROM feedback WHERE ts_utc >= ? AND ts_utc < ?"
            + " ORDER BY ts_utc";
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int rating = rs.getInt(3);
        Integer r = rs.wasNull() ? null : rating;
        at(hours, cursor.seek(rs.getLong(1))).addFeedback(rs.getString(2), r);
      }
    }
  }

  private static Partial at(TreeMap<Long, Partial> hours, long start) {
    Partial p = hours.get(start);
    if (p == null) {
      p = new Partial();
      hours.put(start, p);
    }
    return p;
  }

  private static PreparedStatement range(Connection c, String sql, long from, long to)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setLong(1, from);
    ps.setLong(2, to);
    return ps;
  }

  private static Double nullable(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
