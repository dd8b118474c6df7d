package io.learnlytics.ingest;

import io.learnlytics.rollup.DirtyMarks;
import io.learnlytics.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Deletes raw events inside the caller's write transaction and keeps everything derived from them
 * exact: the sessions they belonged to (start, end, count and topics are recomputed from the
 * exchanges that remain), concept frequencies and first/last sightings, and the dirty marks of
 * every hour they touched — including a session's old and new start — so that the refresher
 * recomputes those rollups as it does after late data.
 *
 * <p>Feedback and quality scores of a deleted exchange are deleted with it: they describe it. A
 * concept that no exchange mentions and no relation names any more is deleted too, so an erased
 * topic leaves no trace.
 *
 * <p>Everything is the learner's: every statement is limited to {@code learner}'s rows (see {@link
 * #mine}), so deleting alice's event never touches another learner's event of the same id.
 */
final class Eraser {
  private final Connection conn;
  private final String learner;
  private final DirtyMarks marks;

  Eraser(Connection conn, String learner, DirtyMarks marks) {
    this.conn = conn;
    this.learner = learner;
    this.marks = marks;
  }

  /** The kinds under which {@code id} is stored, in {@link EventValidator#KINDS} order. */
  List<String> kindsOf(String id) throws SQLException {
    List<String> kinds = new ArrayList<>();
    for (String kind : EventValidator.KINDS.values()) {
      try (PreparedStatement ps =
          conn.prepareStatement("SELECT 1 FROM " + table(kind) + " WHERE " + mine("id = ?"))) {
        ps.setString(1, learner);
        ps.setString(2, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            kinds.add(kind);
          }
        }
      }
    }
    return kinds;
  }

  /** Deletes the event {@code id} of {@code kind}. */
  Erased byId(String kind, String id) throws SQLException {
    String where = "id = ?";
    return switch (kind) {
      case "exchange" -> erase(where, id, "1 = 0", null);
      case "feedback" -> erase("1 = 0", null, where, id, "1 = 0", null, "1 = 0", null);
      case "quality" -> erase("1 = 0", null, "1 = 0", null, where, id, "1 = 0", null);
      default -> erase("1 = 0", null, "1 = 0", null, "1 = 0", null, where, id);
    };
  }

  /** Deletes every event timestamped before {@code cutoffUtc}. */
  Erased before(long cutoffUtc) throws SQLException {
    String where = "ts_utc < ?";
    return erase(where, cutoffUtc, where, cutoffUtc, where, cutoffUtc, where, cutoffUtc);
  }

  private Erased erase(
      String exchangeWhere, Object exchangeArg, String relWhere, @Nullable Object relArg)
      throws SQLException {
    return erase(exchangeWhere, exchangeArg, "1 = 0", null, "1 = 0", null, relWhere, relArg);
  }

  private Erased erase(
      String xWhere,
      @Nullable Object xArg,
      String fWhere,
      @Nullable Object fArg,
      String qWhere,
      @Nullable Object qArg,
      String rWhere,
      @Nullable Object rArg)
      throws SQLException {
    execute(
        "DROP TABLE IF EXISTS gone",
        "CREATE TEMP TABLE gone (id TEXT PRIMARY KEY, session_id TEXT, ts_utc BIGINT, topics"
            + " TEXT)");
    try {
      collectGone(xWhere, xArg);
      Map<String, Long> sessions = oldSessionStarts();
      Map<String, Integer> topics = topicCounts();
      // gone holds this learner's exchanges only, so "of a gone exchange" is the learner's too
      String ofGone = " OR exchange_id IN (SELECT id FROM gone)";
      int feedback = delete("feedback", "(" + fWhere + ")" + ofGone, fArg);
      int quality = delete("quality_scores", "(" + qWhere + ")" + ofGone, qArg);
      int exchanges =
          update("DELETE FROM exchanges WHERE " + mine("id IN (SELECT id FROM gone)"), learner);
      Set<String> concepts = touchedConcepts(topics, rWhere, rArg);
      int relations = update("DELETE FROM concept_relations WHERE " + mine(rWhere), learner, rArg);
      new SessionRebuild(conn, learner, marks).rebuild(sessions);
      new ConceptRebuild(conn, learner).rebuild(topics, concepts);
      forgetDeletedWaits();
      return new Erased(exchanges, feedback, quality, relations);
    } finally {
      execute("DROP TABLE IF EXISTS gone");
    }
  }

  /** Lists the exchanges about to go in {@code gone} and marks their hours. */
  private void collectGone(String where, @Nullable Object arg) throws SQLException {
    update(
        "INSERT INTO gone SELECT id, session_id, ts_utc, topics FROM exchanges WHERE "
            + mine(where),
        learner,
        arg);
    touch("SELECT ts_utc FROM gone");
  }

  /** The gone exchanges' topics and the ends of the relations about to go. */
  private Set<String> touchedConcepts(
      Map<String, Integer> topics, String rWhere, @Nullable Object rArg) throws SQLException {
    Set<String> concepts = new LinkedHashSet<>(topics.keySet());
    concepts.addAll(relationConcepts(rWhere, rArg));
    return concepts;
  }

  /** A score deleted while it waited for its exchange waits no more. */
  private void forgetDeletedWaits() throws SQLException {
    update(
        "DELETE FROM quality_waiting WHERE learner_id = ? AND NOT EXISTS"
            + " (SELECT 1 FROM quality_scores q WHERE q.learner_id = quality_waiting.learner_id"
            + " AND q.id = quality_waiting.quality_id)",
        learner);
  }

  private void execute(String... statements) throws SQLException {
    try (Statement st = conn.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  /** Marks the hours of the learner's events about to go, then deletes them. */
  private int delete(String table, String where, @Nullable Object arg) throws SQLException {
    touch("SELECT ts_utc FROM " + table + " WHERE " + mine(where), learner, arg);
    return update("DELETE FROM " + table + " WHERE " + mine(where), learner, arg);
  }

  /**
   * {@code where} limited to the learner's rows; the learner is bound first, before the condition's
   * own parameter. The learner comes first so that the (learner_id, ...) indexes serve the search.
   */
  private static String mine(String where) {
    return "learner_id = ? AND (" + where + ")";
  }

  private Map<String, Long> oldSessionStarts() throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT s.session_id, s.start_utc FROM sessions s"
                + " WHERE s.learner_id = ? AND s.session_id IN (SELECT session_id FROM gone)")) {
      ps.setString(1, learner);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
          marks.touch(rs.getLong(2));
        }
      }
    }
    return out;
  }

  /** How many of the deleted exchanges mention each topic. */
  private Map<String, Integer> topicCounts() throws SQLException {
    Map<String, Integer> out = new HashMap<>();
    try (PreparedStatement ps =
            conn.prepareStatement(
                "SELECT t.value, count(*) FROM gone g, "
                    + Dialect.of(conn).jsonValues("g.topics", "t")
                    + " GROUP BY t.value");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  private Set<String> relationConcepts(String where, @Nullable Object arg) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT source, target FROM concept_relations WHERE " + mine(where))) {
      bind(ps, learner, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
          out.add(rs.getString(2));
        }
      }
    }
    return out;
  }

  /** Marks the hour of each row {@code sql} returns ({@code ts_utc} first). */
  private void touch(String sql, @Nullable Object... args) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          marks.touch(rs.getLong(1));
        }
      }
    }
  }

  private int update(String sql, @Nullable Object... args) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  /** Binds the args in order, skipping nulls: a condition like "1 = 0" has no parameter. */
  private static void bind(PreparedStatement ps, @Nullable Object... args) throws SQLException {
    int i = 1;
    for (Object a : args) {
      if (a != null) {
        ps.setObject(i++, a);
      }
    }
  }

  static String table(String kind) {
    return switch (kind) {
      case "exchange" -> "exchanges";
      case "feedback" -> "feedback";
      case "quality" -> "quality_scores";
      case "relation" -> "concept_relations";
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    };
  }
}
