package io.learnlytics.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The crash test's own look at the database file, through plain JDBC beside the running server (WAL
 * lets a reader run alongside the writer): what is stored, how much rollup work is pending, and a
 * consistent copy for the rebuild.
 */
final class CrashDb {
  static final List<String> EVENT_TABLES =
      List.of("exchanges", "quality_scores", "feedback", "concept_relations");

  private final Path file;

  CrashDb(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** Every stored event as {@code table:id}. */
  Set<String> storedEvents() throws SQLException {
    Set<String> keys = new HashSet<>();
    try (Connection c = open(file);
        Statement s = c.createStatement()) {
      for (String table : EVENT_TABLES) {
        try (ResultSet rs = s.executeQuery("SELECT id FROM " + table)) {
          while (rs.next()) {
            keys.add(table + ":" + rs.getString(1));
          }
        }
      }
    }
    return keys;
  }

  /** Rows of the event tables: equal to the distinct ids sent when nothing is stored twice. */
  long eventRows() throws SQLException {
    long n = 0;
    for (String table : EVENT_TABLES) {
      n += count(file, "SELECT count(*) FROM " + table);
    }
    return n;
  }

  Set<String> goalIds() throws SQLException {
    Set<String> ids = new HashSet<>();
    try (Connection c = open(file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM goal_definitions")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  static long dirtyMarks(Path db) throws SQLException {
    return count(db, "SELECT count(*) FROM dirty_buckets");
  }

  /**
   * A page-for-page copy through SQLite's online backup: one consistent state of the database even
   * while the server writes (unlike copying the file and its WAL).
   */
  void backupTo(Path copy) throws SQLException {
    try (Connection c = open(file);
        Statement s = c.createStatement()) {
      s.executeUpdate("backup to " + copy);
    }
  }

  static long count(Path db, String sql) throws SQLException {
    try (Connection c = open(db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Connection open(Path db) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 10000");
    }
    return c;
  }
}
