package io.learnlytics.ingest;

import io.learnlytics.store.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the concept table exact after a deletion: frequencies drop by the deleted mentions, the
 * first and last sightings move to the nearest remaining mention (found by walking the time index
 * from the old sighting, so a frequent topic costs a few rows), and a concept nothing refers to any
 * more is removed. Concepts, relations and exchanges are the learner's only: another learner's
 * concept of the same name is not touched.
 */
final class ConceptRebuild {
  private final Connection conn;
  private final String learner;
  private final String mentions;

  ConceptRebuild(Connection conn, String learner) throws SQLException {
    this.conn = conn;
    this.learner = learner;
    this.mentions =
        "EXISTS (SELECT 1 FROM "
            + Dialect.of(conn).jsonValues("e.topics", "t")
            + " WHERE t.value = ?)";
  }

  /**
   * @param deletedMentions per topic, how many deleted exchanges mentioned it
   * @param concepts every concept the deletion may have touched (topics and relation ends)
   */
  void rebuild(Map<String, Integer> deletedMentions, Set<String> concepts) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "UPDATE concepts SET frequency = frequency - ? WHERE learner_id = ? AND name = ?")) {
      for (Map.Entry<String, Integer> m : deletedMentions.entrySet()) {
        ps.setInt(1, m.getValue());
        ps.setString(2, learner);
        ps.setString(3, m.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    for (String name : concepts) {
      refresh(name, deletedMentions.containsKey(name));
    }
  }

  private void refresh(String name, boolean mentionsDeleted) throws SQLException {
    long[] stored = stored(name);
    if (stored == null) {
      return;
    }
    long frequency = stored[0];
    long first = stored[1];
    long last = stored[2];
    if (frequency == 0) {
      if (isRelated(name)) {
        update(
            "UPDATE concepts SET first_seen_utc = NULL, last_seen_utc = NULL"
                + " WHERE learner_id = ? AND name = ?",
            name);
      } else {
        update("DELETE FROM concepts WHERE learner_id = ? AND name = ?", name);
      }
    } else if (mentionsDeleted) {
      Long newFirst =
          nearest("e.ts_utc >= ? AND " + mentions + " ORDER BY e.ts_utc LIMIT 1", first, name);
      Long newLast =
          nearest("e.ts_utc <= ? AND " + mentions + " ORDER BY e.ts_utc DESC LIMIT 1", last, name);
      updateSeen(name, newFirst, newLast);
    }
  }

  /** The concept's {frequency, first seen, last seen}; null when it is not stored. */
  private long @Nullable [] stored(String name) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT frequency, first_seen_utc, last_seen_utc FROM concepts"
                + " WHERE learner_id = ? AND name = ?")) {
      ps.setString(1, learner);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)} : null;
      }
    }
  }

  private void updateSeen(String name, @Nullable Long first, @Nullable Long last)
      throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "UPDATE concepts SET first_seen_utc = ?, last_seen_utc = ?"
                + " WHERE learner_id = ? AND name = ?")) {
      ps.setObject(1, first);
      ps.setObject(2, last);
      ps.setString(3, learner);
      ps.setString(4, name);
      ps.executeUpdate();
    }
  }

  private boolean isRelated(String name) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT EXISTS (SELECT 1 FROM concept_relations WHERE learner_id = ? AND source = ?)"
                + " OR EXISTS (SELECT 1 FROM concept_relations WHERE learner_id = ? AND target = ?)")) {
      // two lookups, one per index, rather than an OR the planner may answer with a scan
      ps.setString(1, learner);
      ps.setString(2, name);
      ps.setString(3, learner);
      ps.setString(4, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private @Nullable Long nearest(String condition, long from, String name) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT e.ts_utc FROM exchanges e WHERE e.learner_id = ? AND " + condition)) {
      ps.setString(1, learner);
      ps.setLong(2, from);
      ps.setString(3, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  /** Runs {@code sql} with the learner and then {@code name} as its parameters. */
  private void update(String sql, String name) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, learner);
      ps.setString(2, name);
      ps.executeUpdate();
    }
  }
}
