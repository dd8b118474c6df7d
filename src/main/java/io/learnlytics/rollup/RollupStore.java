package io.learnlytics.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * SQL for rollup rows and day states, on a connection the caller manages. Every statement takes the
 * learner whose rows it means; it is the first column of every key, so it comes first in each
 * WHERE.
 */
final class RollupStore {

  private static final String COLUMNS =
      "interval_type, period_start_utc, period_end_utc, local_start, session_count,"
          + " exchange_count, unique_topics, total_duration_ms, avg_session_duration_ms,"
          + " median_session_duration_ms, quality_count, avg_quality_composite,"
          + " avg_quality_relevance, avg_quality_helpfulness, avg_quality_accuracy,"
          + " avg_quality_clarity, avg_quality_engagement, quality_std_dev, feedback_count,"
          + " positive_feedback_count, negative_feedback_count, positive_feedback_rate,"
          + " correction_count, clarification_count, avg_exchanges_per_session, peak_hour,"
          + " day_distribution, top_topics, topic_distribution, quality_change, volume_change,"
          + " trend_direction, topic_sessions, topic_quality";

  private static final String COLUMNS_WITHOUT_TOPICS =
      COLUMNS
          .replace("top_topics", "'[]'")
          .replace("topic_distribution", "'{}'")
          .replace("topic_sessions", "'{}'")
          .replace("topic_quality", "'{}'");

  private RollupStore() {}

  /** Inserts rows whose buckets were deleted first (or never written). */
  static void insert(Connection c, String learner, List<Rollup> rows, long nowUtc)
      throws SQLException {
    String sql =
        "INSERT INTO aggregated_metrics ("
            + COLUMNS
            + ", computed_utc, learner_id)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Rollup r : rows) {
        bind(ps, r);
        ps.setLong(35, nowUtc);
        ps.setString(36, learner);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static void updateTrends(Connection c, String learner, List<Rollup> rows) throws SQLException {
    String sql =
        "UPDATE aggregated_metrics SET quality_change = ?, volume_change = ?, trend_direction = ?"
            + " WHERE learner_id = ? AND interval_type = ? AND period_start_utc = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Rollup r : rows) {
        set(ps, 1, r.trend().qualityChange());
        set(ps, 2, r.trend().volumeChange());
        ps.setString(3, r.trend().direction());
        ps.setString(4, learner);
        ps.setString(5, r.level().id());
        ps.setLong(6, r.periodStartUtc());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deletes the rows of {@code level} starting in {@code [from, to)}. */
  static void delete(Connection c, String learner, Level level, long from, long to)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM aggregated_metrics WHERE learner_id = ? AND interval_type = ?"
                + " AND period_start_utc >= ? AND period_start_utc < ?")) {
      ps.setString(1, learner);
      ps.setString(2, level.id());
      ps.setLong(3, from);
      ps.setLong(4, to);
      ps.executeUpdate();
    }
  }

  static Optional<Rollup> find(Connection c, String learner, Level level, long start)
      throws SQLException {
    List<Rollup> rows = list(c, learner, level, start, start + 1);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Rows of {@code level} starting in {@code [from, to)}, oldest first. */
  static List<Rollup> list(Connection c, String learner, Level level, long from, long to)
      throws SQLException {
    return list(c, learner, level, from, to, COLUMNS);
  }

  /**
   * Like {@link #list(Connection, String, Level, long, long)}, with the topic columns left empty:
   * the per-topic JSON is most of a row's size, and charts of counts and means never read it.
   */
  static List<Rollup> listWithoutTopics(
      Connection c, String learner, Level level, long from, long to) throws SQLException {
    return list(c, learner, level, from, to, COLUMNS_WITHOUT_TOPICS);
  }

  private static List<Rollup> list(
      Connection c, String learner, Level level, long from, long to, String columns)
      throws SQLException {
    String sql =
        "SELECT "
            + columns
            + " FROM aggregated_metrics WHERE learner_id = ? AND interval_type = ?"
            + " AND period_start_utc >= ? AND period_start_utc < ? ORDER BY period_start_utc";
    List<Rollup> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, learner);
      ps.setString(2, level.id());
      ps.setLong(3, from);
      ps.setLong(4, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
    }
    return out;
  }

  /** See {@link RollupEngine#keptStarts}. */
  static Optional<Span> keptStarts(Connection c, String learner, Level level) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT min(period_start_utc), max(period_start_utc) FROM aggregated_metrics"
                + " WHERE learner_id = ? AND interval_type = ?")) {
      ps.setString(1, learner);
      ps.setString(2, level.id());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long first = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(new Span(first, rs.getLong(2) + 1));
      }
    }
  }

  static void saveDayStates(Connection c, String learner, Map<Long, Partial> days)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO rollup_day_state (learner_id, period_start_utc, state) VALUES (?, ?, ?)"
                + " ON CONFLICT (learner_id, period_start_utc) DO UPDATE SET state = excluded.state")) {
      for (Map.Entry<Long, Partial> e : days.entrySet()) {
        ps.setString(1, learner);
        ps.setLong(2, e.getKey());
        ps.setBytes(3, e.getValue().toBytes());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static void deleteDayStates(Connection c, String learner, long from, long to)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM rollup_day_state WHERE learner_id = ? AND period_start_utc >= ?"
                + " AND period_start_utc < ?")) {
      ps.setString(1, learner);
      ps.setLong(2, from);
      ps.setLong(3, to);
      ps.executeUpdate();
    }
  }

  /** The stored day states in {@code [from, to)}, by day start. */
  static TreeMap<Long, Partial> dayStates(Connection c, String learner, long from, long to)
      throws SQLException {
    TreeMap<Long, Partial> out = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT period_start_utc, state FROM rollup_day_state WHERE learner_id = ?"
                + " AND period_start_utc >= ? AND period_start_utc < ?")) {
      ps.setString(1, learner);
      ps.setLong(2, from);
      ps.setLong(3, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), Partial.fromBytes(rs.getBytes(2)));
        }
      }
    }
    return out;
  }

  // Parameter and column numbers follow the order of COLUMNS.
  private static void bind(PreparedStatement ps, Rollup r) throws SQLException {
    ps.setString(1, r.level().id());
    ps.setLong(2, r.periodStartUtc());
    ps.setLong(3, r.periodEndUtc());
    ps.setString(4, r.localStart());
    bindActivity(ps, r.activity());
    bindQuality(ps, r.quality());
    bindFeedback(ps, r.feedback());
    bindTopics(ps, r.topics());
    set(ps, 30, r.trend().qualityChange());
    set(ps, 31, r.trend().volumeChange());
    ps.setString(32, r.trend().direction());
  }

  private static void bindActivity(PreparedStatement ps, Rollup.Activity a) throws SQLException {
    ps.setLong(5, a.sessions());
    ps.setLong(6, a.exchanges());
    ps.setLong(8, a.durationMs());
    set(ps, 9, a.avgSessionDurationMs());
    set(ps, 10, a.medianSessionDurationMs());
    set(ps, 25, a.exchangesPerSession());
    if (a.peakHour() == null) {
      ps.setNull(26, Types.INTEGER);
    } else {
      ps.setInt(26, a.peakHour());
    }
    ps.setString(27, a.dayDistribution() == null ? null : JsonText.counts(a.dayDistribution()));
  }

  private static void bindQuality(PreparedStatement ps, Rollup.Quality q) throws SQLException {
    ps.setLong(11, q.count());
    set(ps, 12, q.composite());
    set(ps, 13, q.relevance());
    set(ps, 14, q.helpfulness());
    set(ps, 15, q.accuracy());
    set(ps, 16, q.clarity());
    set(ps, 17, q.engagement());
    set(ps, 18, q.stdDev());
  }

  private static void bindFeedback(PreparedStatement ps, Rollup.Feedback f) throws SQLException {
    ps.setLong(19, f.count());
    ps.setLong(20, f.positive());
    ps.setLong(21, f.negative());
    set(ps, 22, f.positiveRate());
    ps.setLong(23, f.corrections());
    ps.setLong(24, f.clarifications());
  }

  private static void bindTopics(PreparedStatement ps, Rollup.Topics t) throws SQLException {
    ps.setInt(7, t.unique());
    ps.setString(28, JsonText.names(t.top()));
    ps.setString(29, JsonText.counts(t.distribution()));
    ps.setString(33, JsonText.counts(t.sessions()));
    ps.setString(34, JsonText.quality(t.quality()));
  }

  private static Rollup read(ResultSet rs) throws SQLException {
    return new Rollup(
        Level.fromId(rs.getString(1)),
        rs.getLong(2),
        rs.getLong(3),
        rs.getString(4),
        readActivity(rs),
        readQuality(rs),
        readFeedback(rs),
        readTopics(rs),
        new Trend(get(rs, 30), get(rs, 31), rs.getString(32)));
  }

  private static Rollup.Activity readActivity(ResultSet rs) throws SQLException {
    int peak = rs.getInt(26);
    Integer peakHour = rs.wasNull() ? null : peak;
    String days = rs.getString(27);
    return new Rollup.Activity(
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(8),
        get(rs, 9),
        get(rs, 10),
        get(rs, 25),
        peakHour,
        days == null ? null : JsonText.parseCounts(days, new LinkedHashMap<>()));
  }

  private static Rollup.Quality readQuality(ResultSet rs) throws SQLException {
    return new Rollup.Quality(
        rs.getLong(11),
        get(rs, 12),
        get(rs, 13),
        get(rs, 14),
        get(rs, 15),
        get(rs, 16),
        get(rs, 17),
        get(rs, 18));
  }

  private static Rollup.Feedback readFeedback(ResultSet rs) throws SQLException {
    return new Rollup.Feedback(
        rs.getLong(19),
        rs.getLong(20),
        rs.getLong(21),
        get(rs, 22),
        rs.getLong(23),
        rs.getLong(24));
  }

  private static Rollup.Topics readTopics(ResultSet rs) throws SQLException {
    return new Rollup.Topics(
        rs.getInt(7),
        JsonText.parseNames(rs.getString(28)),
        new LazyMap<>(rs.getString(29), JsonText::parseCounts),
        new LazyMap<>(rs.getString(33), JsonText::parseCounts),
        new LazyMap<>(rs.getString(34), JsonText::parseQuality));
  }

  private static void set(PreparedStatement ps, int i, @Nullable Double v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.REAL);
    } else {
      ps.setDouble(i, v);
    }
  }

  private static @Nullable Double get(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }
}
