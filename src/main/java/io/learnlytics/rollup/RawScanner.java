package io.learnlytics.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.TreeMap;

/**
 * Reads the raw events of an instant range {@code [from, to)} in time order and folds them into one
 * {@link Partial} per hour bucket. Each table is one indexed range scan. Rows come in time order,
 * so the hour's partial is looked up only when the hour changes; nullable numbers are read as a
 * sentinel ({@code coalesce(x, -1)}: scores lie in [0, 1]) rather than a value and a null check.
 */
final class RawScanner {
  private static final double NONE = -1;

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
    Hours at = new Hours(hours);
    TopicIds ids = new TopicIds();
    String sql =
        "SELECT ts_utc, topic_ids FROM exchanges WHERE ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc";
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Partial p = at.partial(rs.getLong(1));
        p.addExchange(ids.parse(rs.getString(2)), at.cursor.localHour(), at.cursor.weekdayIndex());
      }
    }
  }

  /** Sessions by their start, each with its whole duration and exchange count. */
  void scanSessions(Connection c, long from, long to, TreeMap<Long, Partial> hours)
      throws SQLException {
    Hours at = new Hours(hours);
    TopicIds ids = new TopicIds();
    String sql =
        "SELECT start_utc, last_utc + last_duration_ms - start_utc, exchange_count, topic_ids"
            + " FROM sessions WHERE start_utc >= ? AND start_utc < ? ORDER BY start_utc";
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        at.partial(rs.getLong(1))
            .addSession(rs.getLong(2), rs.getLong(3), ids.parse(rs.getString(4)));
      }
    }
  }

  void scanQuality(Connection c, long from, long to, TreeMap<Long, Partial> hours)
      throws SQLException {
    Hours at = new Hours(hours);
    TopicIds ids = new TopicIds();
    String sql =
        "SELECT ts_utc, composite, coalesce(relevance, -1), coalesce(helpfulness, -1),"
            + " coalesce(accuracy, -1), coalesce(clarity, -1), coalesce(engagement, -1),"
            + " topic_ids FROM quality_scores WHERE ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc";
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        at.partial(rs.getLong(1))
            .addQuality(
                ids.parse(rs.getString(8)),
                rs.getDouble(2),
                optional(rs.getDouble(3)),
                optional(rs.getDouble(4)),
                optional(rs.getDouble(5)),
                optional(rs.getDouble(6)),
                optional(rs.getDouble(7)));
      }
    }
  }

  void scanFeedback(Connection c, long from, long to, TreeMap<Long, Partial> hours)
      throws SQLException {
    Hours at = new Hours(hours);
    String sql =
        "SELECT ts_utc, type, coalesce(rating, 0) FROM feedback WHERE ts_utc >= ? AND ts_utc < ?"
            + " ORDER BY ts_utc";
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int rating = rs.getInt(3);
        at.partial(rs.getLong(1)).addFeedback(rs.getString(2), rating == 0 ? null : rating);
      }
    }
  }

  /** The partial of the hour holding an instant, remembered while the rows stay in that hour. */
  private final class Hours {
    final HourCursor cursor = new HourCursor(buckets);
    private final TreeMap<Long, Partial> hours;
    private long start = Long.MIN_VALUE;
    private Partial current;

    Hours(TreeMap<Long, Partial> hours) {
      this.hours = hours;
    }

    Partial partial(long epochMs) {
      long s = cursor.seek(epochMs);
      if (s != start || current == null) {
        start = s;
        current = hours.computeIfAbsent(s, k -> new Partial());
      }
      return current;
    }
  }

  private static PreparedStatement range(Connection c, String sql, long from, long to)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setLong(1, from);
    ps.setLong(2, to);
    return ps;
  }

  private static Double optional(double v) {
    return v == NONE ? null : v;
  }
}
