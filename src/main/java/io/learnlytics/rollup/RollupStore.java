package io.learnlytics.rollup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** SQL for rollup rows and day states, on a connection the caller manages. */
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
  static void insert(Connection c, List<Rollup> rows, long nowUtc) throws SQLException {
    String sql =
        "INSERT INTO aggregated_metrics ("
            + COLUMNS
            + ", computed_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Rollup r : rows) {
        bind(ps, r);
        ps.setLong(35, nowUtc);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static void updateTrends(Connection c, List<Rollup> rows) throws SQLException {
    String sql =
        "UPDATE aggregated_metrics SET quality_change = ?, volume_change = ?, trend_direction = ?"
            + " WHERE interval_type = ? AND period_start_utc = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Rollup r : rows) {
        set(ps, 1, r.qualityChange());
        set(ps, 2, r.volumeChange());
        ps.setString(3, r.trendDirection());
        ps.setString(4, r.level().id());
        ps.setLong(5, r.periodStartUtc());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deletes the rows of {@code level} starting in {@code [from, to)}. */
  static void delete(Connection c, Level level, long from, long to) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM aggregated_metrics WHERE interval_type = ?"
                + " AND period_start_utc >= ? AND period_start_utc < ?")) {
      ps.setString(1, level.id());
      ps.setLong(2, from);
      ps.setLong(3, to);
      ps.executeUpdate();
    }
  }

  static Optional<Rollup> find(Connection c, Level level, long start) throws SQLException {
    List<Rollup> rows = list(c, level, start, start + 1);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Rows of {@code level} starting in {@code [from, to)}, oldest first. */
  static List<Rollup> list(Connection c, Level level, long from, long to) throws SQLException {
    return list(c, level, from, to, COLUMNS);
  }

  /**
   * Like {@link #list(Connection, Level, long, long)}, with the topic columns left empty: the
   * per-topic JSON is most of a row's size, and charts of counts and means never read it.
   */
  static List<Rollup> listWithoutTopics(Connection c, Level level, long from, long to)
      throws SQLException {
    return list(c, level, from, to, COLUMNS_WITHOUT_TOPICS);
  }

  private static List<Rollup> list(Connection c, Level level, long from, long to, String columns)
      throws SQLException {
    String sql =
        "SELECT "
            + columns
            + " FROM aggregated_metrics WHERE interval_type = ?"
            + " AND period_start_utc >= ? AND period_start_utc < ? ORDER BY period_start_utc";
    List<Rollup> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, level.id());
      ps.setLong(2, from);
      ps.setLong(3, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
    }
    return out;
  }

  static void saveDayStates(Connection c, Map<Long, Partial> days) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT OR REPLACE INTO rollup_day_state (period_start_utc, state) VALUES (?, ?)")) {
      for (Map.Entry<Long, Partial> e : days.entrySet()) {
        ps.setLong(1, e.getKey());
        ps.setBytes(2, e.getValue().toBytes());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static void deleteDayStates(Connection c, long from, long to) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM rollup_day_state WHERE period_start_utc >= ? AND period_start_utc < ?")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      ps.executeUpdate();
    }
  }

  /** The stored day states in {@code [from, to)}, by day start. */
  static TreeMap<Long, Partial> dayStates(Connection c, long from, long to) throws SQLException {
    TreeMap<Long, Partial> out = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT period_start_utc, state FROM rollup_day_state WHERE period_start_utc >= ?"
                + " AND period_start_utc < ?")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), Partial.fromBytes(rs.getBytes(2)));
        }
      }
    }
    return out;
  }

  private static void bind(PreparedStatement ps, Rollup r) throws SQLException {
    ps.setString(1, r.level().id());
    ps.setLong(2, r.periodStartUtc());
    ps.setLong(3, r.periodEndUtc());
    ps.setString(4, r.localStart());
    ps.setLong(5, r.sessionCount());
    ps.setLong(6, r.exchangeCount());
    ps.setInt(7, r.uniqueTopics());
    ps.setLong(8, r.totalDurationMs());
    set(ps, 9, r.avgSessionDurationMs());
    set(ps, 10, r.medianSessionDurationMs());
    ps.setLong(11, r.qualityCount());
    set(ps, 12, r.avgQualityComposite());
    set(ps, 13, r.avgQualityRelevance());
    set(ps, 14, r.avgQualityHelpfulness());
    set(ps, 15, r.avgQualityAccuracy());
    set(ps, 16, r.avgQualityClarity());
    set(ps, 17, r.avgQualityEngagement());
    set(ps, 18, r.qualityStdDev());
    ps.setLong(19, r.feedbackCount());
    ps.setLong(20, r.positiveFeedbackCount());
    ps.setLong(21, r.negativeFeedbackCount());
    set(ps, 22, r.positiveFeedbackRate());
    ps.setLong(23, r.correctionCount());
    ps.setLong(24, r.clarificationCount());
    set(ps, 25, r.avgExchangesPerSession());
    if (r.peakHour() == null) {
      ps.setNull(26, Types.INTEGER);
    } else {
      ps.setInt(26, r.peakHour());
    }
    ps.setString(27, r.dayDistribution() == null ? null : JsonText.counts(r.dayDistribution()));
    ps.setString(28, JsonText.names(r.topTopics()));
    ps.setString(29, JsonText.counts(r.topicDistribution()));
    set(ps, 30, r.qualityChange());
    set(ps, 31, r.volumeChange());
    ps.setString(32, r.trendDirection());
    ps.setString(33, JsonText.counts(r.topicSessions()));
    ps.setString(34, JsonText.quality(r.topicQuality()));
  }

  private static Rollup read(ResultSet rs) throws SQLException {
    int peak = rs.getInt(26);
    Integer peakHour = rs.wasNull() ? null : peak;
    String days = rs.getString(27);
    return new Rollup(
        Level.fromId(rs.getString(1)),
        rs.getLong(2),
        rs.getLong(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getInt(7),
        rs.getLong(8),
        get(rs, 9),
        get(rs, 10),
        rs.getLong(11),
        get(rs, 12),
        get(rs, 13),
        get(rs, 14),
        get(rs, 15),
        get(rs, 16),
        get(rs, 17),
        get(rs, 18),
        rs.getLong(19),
        rs.getLong(20),
        rs.getLong(21),
        get(rs, 22),
        rs.getLong(23),
        rs.getLong(24),
        get(rs, 25),
        peakHour,
        days == null ? null : JsonText.parseCounts(days, new java.util.LinkedHashMap<>()),
        JsonText.parseNames(rs.getString(28)),
        new LazyMap<>(rs.getString(29), JsonText::parseCounts),
        new LazyMap<>(rs.getString(33), JsonText::parseCounts),
        new LazyMap<>(rs.getString(34), JsonText::parseQuality),
        get(rs, 30),
        get(rs, 31),
        rs.getString(32));
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
