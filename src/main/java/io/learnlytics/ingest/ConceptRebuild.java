package io.learnlytics.ingest;

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
 * more is removed.
 */
final class ConceptRebuild {
  private static final String MENTIONS =
      "EXISTS (SELECT 1 FROM json_each(e.topics) WHERE value = ?)";

  private final Connection conn;

  ConceptRebuild(Connection conn) {
    this.conn = conn;
  }

  /**
   * @param deletedMentions per topic, how many deleted exchanges mentioned it
   * @param concepts every concept the deletion may have touched (topics and relation ends)
   */
  void rebuild(Map<String, Integer> deletedMentions, Set<String> concepts) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("UPDATE concepts SET frequency = frequency - ? WHERE name = ?")) {
      for (Map.Entry<String, Integer> m : deletedMentions.entrySet()) {
        ps.setInt(1, m.getValue());
        ps.setString(2, m.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    for (String name : concepts) {
      refresh(name, deletedMentions.containsKey(name));
    }
  }

  private void refresh(String name, boolean mentionsDeleted) throws SQLException {
    long frequency;
    long first;
    long last;
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT frequency, first_seen_utc, last_seen_utc FROM concepts WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return;
        }
        frequency = rs.getLong(1);
        first = rs.getLong(2);
        last = rs.getLong(3);
      }
    }
    if (frequency == 0) {
      if (isRelated(name)) {
        update(
            "UPDATE concepts SET first_seen_utc = NULL, last_seen_utc = NULL WHERE name = ?", name);
      } else {
        update("DELETE FROM concepts WHERE name = ?", name);
      }
    } else if (mentionsDeleted) {
      Long newFirst =
          nearest("e.ts_utc >= ? AND " + MENTIONS + " ORDER BY e.ts_utc LIMIT 1", first, name);
      Long newLast =
          nearest("e.ts_utc <= ? AND " + MENTIONS + " ORDER BY e.ts_utc DESC LIMIT 1", last, name);
      try (PreparedStatement ps =
          conn.prepareStatement(
              "UPDATE concepts SET first_seen_utc = ?, last_seen_utc = ? WHERE name = ?")) {
        ps.setObject(1, newFirst);
        ps.setObject(2, newLast);
        ps.setString(3, name);
        ps.executeUpdate();
      }
    }
  }

  private boolean isRelated(String name) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT 1 FROM concept_relations WHERE source = ? OR target = ? LIMIT 1")) {
      ps.setString(1, name);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private @Nullable Long nearest(String condition, long from, String name) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT e.ts_utc FROM exchanges e WHERE " + condition)) {
      ps.setLong(1, from);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private void update(String sql, String name) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
  }
}
