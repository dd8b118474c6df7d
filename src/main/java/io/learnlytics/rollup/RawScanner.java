package io.learnlytics.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads the raw events of an instant range {@code [from, to)} in time order and folds them into one
 * {@link Partial} per hour bucket. Each table is one indexed range scan.
 *
 * <p>The SQLite driver crosses into native code for every column it returns (about 250 ns a call),
 * which was most of a rebuild's time. So each row's integer and text columns come packed in one
 * value — {@code "ts:ids"}, {@code "start,duration,count:ids"} — parsed here from its bytes. A
 * score's REAL columns are read one by one: SQLite's text form of a REAL keeps 15 digits, which
 * would not give back the same double.
 */
final class RawScanner {
  private final Buckets buckets;
  private final String learner;

  /** A scanner of {@code learner}'s events: every query starts at the (learner, time) index. */
  RawScanner(Buckets buckets, String learner) {
    this.buckets = buckets;
    this.learner = learner;
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
    Packed row = new Packed();
    String sql =
        "SELECT concat(ts_utc, ':', topic_ids) FROM exchanges"
            + " WHERE learner_id = ? AND ts_utc >= ? AND ts_utc < ?"
            + " ORDER BY ts_utc";
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        row.read(rs.getBytes(1), 1);
        at.partial(row.numbers[0])
            .addExchange(row.ids, row.idCount, at.cursor.localHour(), at.cursor.weekdayIndex());
      }
    }
  }

  /** Sessions by their start, each with its whole duration and exchange count. */
  void scanSessions(Connection c, long from, long to, TreeMap<Long, Partial> hours)
      throws SQLException {
    Hours at = new Hours(hours);
    Packed row = new Packed();
    String sql =
        "SELECT concat(start_utc, ',', "
            + SessionDuration.SQL
            + ", ',', exchange_count, ':', topic_ids)"
            + " FROM sessions WHERE learner_id = ? AND start_utc >= ? AND start_utc < ?"
            + " ORDER BY start_utc";
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        row.read(rs.getBytes(1), 3);
        at.partial(row.numbers[0]).addSession(row.numbers[1], row.numbers[2], row.ids, row.idCount);
      }
    }
  }

  void scanQuality(Connection c, long from, long to, TreeMap<Long, Partial> hours)
      throws SQLException {
    Hours at = new Hours(hours);
    Packed row = new Packed();
    String sql =
        "SELECT concat(ts_utc, ':', topic_ids), composite, coalesce(relevance, -1),"
            + " coalesce(helpfulness, -1), coalesce(accuracy, -1), coalesce(clarity, -1),"
            + " coalesce(engagement, -1) FROM quality_scores"
            + " WHERE learner_id = ? AND ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc";
    double[] dims = new double[5];
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        row.read(rs.getBytes(1), 1);
        for (int i = 0; i < dims.length; i++) {
          dims[i] = rs.getDouble(3 + i); // -1: absent (scores lie in [0, 1])
        }
        at.partial(row.numbers[0]).addQuality(row.ids, row.idCount, rs.getDouble(2), dims);
      }
    }
  }

  void scanFeedback(Connection c, long from, long to, TreeMap<Long, Partial> hours)
      throws SQLException {
    Hours at = new Hours(hours);
    String sql =
        "SELECT ts_utc, type, coalesce(rating, 0) FROM feedback WHERE learner_id = ?"
            + " AND ts_utc >= ? AND ts_utc < ?"
            + " ORDER BY ts_utc";
    try (PreparedStatement ps = range(c, sql, from, to);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int rating = rs.getInt(3);
        at.partial(rs.getLong(1)).addFeedback(rs.getString(2), rating == 0 ? null : rating);
      }
    }
  }

  /**
   * {min, max} instant over the learner's raw event tables, or null when there are none. Each part
   * reads the learner's range of the (learner_id, ts_utc) index.
   */
  long @Nullable [] dataRange(Connection c) throws SQLException {
    String sql =
        "SELECT min(lo), max(hi) FROM ("
            + " SELECT min(ts_utc) lo, max(ts_utc) hi FROM exchanges WHERE learner_id = ?"
            + " UNION ALL SELECT min(ts_utc), max(ts_utc) FROM quality_scores WHERE learner_id = ?"
            + " UNION ALL SELECT min(ts_utc), max(ts_utc) FROM feedback WHERE learner_id = ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 1; i <= 3; i++) {
        ps.setString(i, learner);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long lo = rs.getLong(1);
        return rs.wasNull() ? null : new long[] {lo, rs.getLong(2)};
      }
    }
  }

  /**
   * One packed row: comma-separated whole numbers, a colon, then comma-separated topic ids (none
   * when the column was NULL: {@code concat} skips NULLs). Parsed into reused arrays, from ASCII.
   */
  static final class Packed {
    final long[] numbers = new long[3];
    int[] ids = new int[8];
    int idCount;

    void read(byte[] b, int numberCount) {
      readIds(b, readNumbers(b, numberCount));
    }

    /** Reads the whole numbers; returns the position after the colon. */
    private int readNumbers(byte[] b, int numberCount) {
      int p = 0;
      for (int n = 0; n < numberCount; n++) {
        boolean negative = b[p] == '-';
        if (negative) {
          p++;
        }
        long v = 0;
        while (b[p] >= '0' && b[p] <= '9') {
          v = v * 10 + (b[p++] - '0');
        }
        numbers[n] = negative ? -v : v;
        p++; // the ',' or ':'
      }
      return p;
    }

    private void readIds(byte[] b, int from) {
      idCount = 0;
      int v = 0;
      boolean any = false;
      for (int p = from; p < b.length; p++) {
        byte ch = b[p];
        if (ch == ',') {
          add(v);
          v = 0;
          any = false;
        } else {
          v = v * 10 + (ch - '0');
          any = true;
        }
      }
      if (any) {
        add(v);
      }
    }

    private void add(int id) {
      if (idCount == ids.length) {
        ids = java.util.Arrays.copyOf(ids, ids.length * 2);
      }
      ids[idCount++] = id;
    }
  }

  /** The partial of the hour holding an instant, remembered while the rows stay in that hour. */
  private final class Hours {
    final HourCursor cursor = new HourCursor(buckets);
    private final TreeMap<Long, Partial> hours;
    private long start = Long.MIN_VALUE;

    @SuppressWarnings("NullAway.Init") // set by the first partial() call
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

  /** {@code sql} with its learner and {@code [from, to)} bound, in that order. */
  private PreparedStatement range(Connection c, String sql, long from, long to)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setString(1, learner);
    ps.setLong(2, from);
    ps.setLong(3, to);
    return ps;
  }
}
