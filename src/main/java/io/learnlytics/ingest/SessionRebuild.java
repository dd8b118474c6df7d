package io.learnlytics.ingest;

import io.learnlytics.rollup.DirtyMarks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeSet;

/**
 * Recomputes sessions from the exchanges they have left after a deletion: start (and its offset),
 * last exchange and its duration, count and topics; a session with no exchange left is removed. The
 * remaining exchanges lie between the session's old start and last exchange, so each session costs
 * one range scan of the time index. Sessions are the learner's: another learner's session of the
 * same id is not touched.
 */
final class SessionRebuild {
  private final Connection conn;
  private final String learner;
  private final DirtyMarks marks;

  SessionRebuild(Connection conn, String learner, DirtyMarks marks) {
    this.conn = conn;
    this.learner = learner;
    this.marks = marks;
  }

  /** Rebuilds each session of {@code oldStarts} (session id to its start before the deletion). */
  void rebuild(Map<String, Long> oldStarts) throws SQLException {
    try (PreparedStatement last =
            conn.prepareStatement(
                "SELECT last_utc FROM sessions WHERE learner_id = ? AND session_id = ?");
        PreparedStatement rows =
            conn.prepareStatement(
                "SELECT ts_utc, utc_offset_s, duration_ms, topic_ids FROM exchanges"
                    + " WHERE learner_id = ? AND ts_utc BETWEEN ? AND ? AND session_id = ?"
                    + " ORDER BY ts_utc, rid")) {
      last.setString(1, learner);
      rows.setString(1, learner);
      for (Map.Entry<String, Long> s : oldStarts.entrySet()) {
        last.setString(2, s.getKey());
        long lastUtc;
        try (ResultSet rs = last.executeQuery()) {
          rs.next();
          lastUtc = rs.getLong(1);
        }
        rows.setLong(2, s.getValue());
        rows.setLong(3, lastUtc);
        rows.setString(4, s.getKey());
        rebuildOne(s.getKey(), rows);
      }
    }
  }

  private void rebuildOne(String sessionId, PreparedStatement rows) throws SQLException {
    Summary session = new Summary();
    try (ResultSet rs = rows.executeQuery()) {
      while (rs.next()) {
        session.add(rs);
      }
    }
    if (session.count == 0) {
      execute("DELETE FROM sessions WHERE learner_id = ? AND session_id = ?", sessionId);
      return;
    }
    marks.touch(session.start);
    try (PreparedStatement ps =
        conn.prepareStatement(
            "UPDATE sessions SET start_utc = ?, start_offset_s = ?, last_utc = ?,"
                + " last_duration_ms = ?, exchange_count = ?, topic_ids = ?"
                + " WHERE learner_id = ? AND session_id = ?")) {
      session.bind(ps);
      ps.setString(7, learner);
      ps.setString(8, sessionId);
      ps.executeUpdate();
    }
  }

  /** A session folded from its remaining exchanges, read in time order. */
  private static final class Summary {
    long start;
    int offset;
    long lastUtc = Long.MIN_VALUE;
    long lastDuration;
    int count;
    final TreeSet<Integer> topicIds = new TreeSet<>();

    /** Adds one row of (ts_utc, utc_offset_s, duration_ms, topic_ids). */
    void add(ResultSet rs) throws SQLException {
      long ts = rs.getLong(1);
      if (count++ == 0) {
        start = ts;
        offset = rs.getInt(2);
      }
      // Same rule as ingest: the latest exchange, and on a tie the longer one.
      if (ts > lastUtc || (ts == lastUtc && rs.getLong(3) > lastDuration)) {
        lastUtc = ts;
        lastDuration = rs.getLong(3);
      }
      String ids = rs.getString(4);
      if (ids != null && !ids.isEmpty()) {
        for (String id : ids.split(",")) {
          topicIds.add(Integer.parseInt(id));
        }
      }
    }

    void bind(PreparedStatement ps) throws SQLException {
      ps.setLong(1, start);
      ps.setInt(2, offset);
      ps.setLong(3, lastUtc);
      ps.setLong(4, lastDuration);
      ps.setInt(5, count);
      ps.setString(6, TopicDictionary.join(topicIds));
    }
  }

  /** Runs {@code sql} with the learner and then {@code arg} as its parameters. */
  private void execute(String sql, String arg) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, learner);
      ps.setString(2, arg);
      ps.executeUpdate();
    }
  }
}
