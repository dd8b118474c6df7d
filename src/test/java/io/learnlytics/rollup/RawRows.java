package io.learnlytics.rollup;

import io.learnlytics.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Writes part of a {@link History} straight into a learner's raw tables, as a learner-scoped ingest
 * would (sessions re-derived from the learner's exchanges, topics through the shared dictionary),
 * and marks the touched buckets dirty in that learner's calendar in the same transaction. The tests
 * of the rollups' scoping use it instead of ingest so that they depend on the rollup code alone:
 * the same rows go into any file and to any learner.
 */
final class RawRows {
  private RawRows() {}

  /** Writes the exchanges {@code which} selects, with their scores and feedback. */
  static void write(Database view, Buckets buckets, History h, Predicate<History.Exchange> which) {
    List<History.Exchange> chosen = h.exchanges.stream().filter(which).toList();
    Set<String> ids = chosen.stream().map(History.Exchange::id).collect(Collectors.toSet());
    view.write(
        "raw rows",
        c -> {
          DirtyMarks marks = new DirtyMarks(buckets, view.learner());
          Map<String, String> topics = new java.util.HashMap<>();
          for (History.Exchange x : chosen) {
            topics.put(x.id(), topicIds(c, x.topics()));
            exchange(c, view.learner(), x, topics.get(x.id()));
            marks.touch(x.ts());
          }
          for (History.Quality q : h.quality) {
            if (ids.contains(q.exchangeId())) {
              quality(c, view.learner(), q, topics.get(q.exchangeId()));
              marks.touch(q.effectiveTs());
            }
          }
          for (History.Feedback f : h.feedback) {
            if (ids.contains(f.exchangeId())) {
              feedback(c, view.learner(), f);
              marks.touch(f.ts());
            }
          }
          Set<String> sessions = new LinkedHashSet<>();
          chosen.forEach(x -> sessions.add(x.session()));
          for (String s : sessions) {
            session(c, view.learner(), s, marks);
          }
          marks.write(c, 0);
          return null;
        });
  }

  private static String topicIds(Connection c, List<String> names) throws SQLException {
    TreeSet<Integer> ids = new TreeSet<>();
    for (String name : names) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO topic_names (name) VALUES (?) ON CONFLICT (name) DO UPDATE"
                  + " SET name = excluded.name RETURNING id")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          ids.add(rs.getInt(1));
        }
      }
    }
    return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static void exchange(Connection c, String learner, History.Exchange x, String topicIds)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO exchanges (learner_id, id, session_id, ts_utc, utc_offset_s, duration_ms,"
                + " fingerprint, ingested_utc, topic_ids) VALUES (?, ?, ?, ?, 0, ?, 0, 0, ?)")) {
      ps.setString(1, learner);
      ps.setString(2, x.id());
      ps.setString(3, x.session());
      ps.setLong(4, x.ts());
      ps.setLong(5, x.durationMs());
      ps.setString(6, topicIds.isEmpty() ? null : topicIds);
      ps.executeUpdate();
    }
  }

  private static void quality(Connection c, String learner, History.Quality q, String topicIds)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO quality_scores (learner_id, id, exchange_id, ts_utc, utc_offset_s,"
                + " relevance, helpfulness, accuracy, clarity, engagement, composite, fingerprint,"
                + " ingested_utc, topic_ids) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 0, 0, ?)")) {
      ps.setString(1, learner);
      ps.setString(2, q.id());
      ps.setString(3, q.exchangeId());
      ps.setLong(4, q.effectiveTs());
      ps.setObject(5, q.relevance());
      ps.setObject(6, q.helpfulness());
      ps.setObject(7, q.accuracy());
      ps.setObject(8, q.clarity());
      ps.setObject(9, q.engagement());
      ps.setDouble(10, q.effectiveComposite());
      ps.setString(11, topicIds.isEmpty() ? null : topicIds);
      ps.executeUpdate();
    }
  }

  private static void feedback(Connection c, String learner, History.Feedback f)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO feedback (learner_id, id, exchange_id, ts_utc, utc_offset_s, type, rating,"
                + " fingerprint, ingested_utc) VALUES (?, ?, ?, ?, 0, ?, ?, 0, 0)")) {
      ps.setString(1, learner);
      ps.setString(2, f.id());
      ps.setString(3, f.exchangeId());
      ps.setLong(4, f.ts());
      ps.setString(5, f.type());
      ps.setObject(6, f.rating());
      ps.executeUpdate();
    }
  }

  /**
   * Re-derives one session from all the learner's exchanges in it, marking its old start (a late
   * exchange may move it earlier) and its new one.
   */
  private static void session(Connection c, String learner, String session, DirtyMarks marks)
      throws SQLException {
    try (PreparedStatement old =
        c.prepareStatement(
            "SELECT start_utc FROM sessions WHERE learner_id = ? AND session_id = ?")) {
      old.setString(1, learner);
      old.setString(2, session);
      try (ResultSet rs = old.executeQuery()) {
        if (rs.next()) {
          marks.touch(rs.getLong(1));
        }
      }
    }
    long start = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long lastDuration = 0;
    int count = 0;
    TreeSet<Integer> topics = new TreeSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ts_utc, duration_ms, topic_ids FROM exchanges WHERE learner_id = ?"
                + " AND session_id = ? ORDER BY ts_utc")) {
      ps.setString(1, learner);
      ps.setString(2, session);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          start = Math.min(start, rs.getLong(1));
          last = rs.getLong(1);
          lastDuration = rs.getLong(2);
          count++;
          String ids = rs.getString(3);
          if (ids != null) {
            for (String id : ids.split(",")) {
              topics.add(Integer.valueOf(id));
            }
          }
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sessions (learner_id, session_id, start_utc, start_offset_s,"
                + " last_utc, last_duration_ms, exchange_count, topic_ids)"
                + " VALUES (?, ?, ?, 0, ?, ?, ?, ?) ON CONFLICT (learner_id, session_id) DO UPDATE"
                + " SET start_utc = excluded.start_utc, last_utc = excluded.last_utc,"
                + " last_duration_ms = excluded.last_duration_ms,"
                + " exchange_count = excluded.exchange_count, topic_ids = excluded.topic_ids")) {
      ps.setString(1, learner);
      ps.setString(2, session);
      ps.setLong(3, start);
      ps.setLong(4, last);
      ps.setLong(5, lastDuration);
      ps.setInt(6, count);
      ps.setString(
          7,
          topics.isEmpty()
              ? null
              : topics.stream().map(String::valueOf).collect(Collectors.joining(",")));
      ps.executeUpdate();
    }
    marks.touch(start);
  }
}
