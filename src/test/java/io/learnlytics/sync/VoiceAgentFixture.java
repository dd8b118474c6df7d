package io.learnlytics.sync;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The voice learning assistant's three SQLite files, with its DDL (the capture table exactly as in
 * the specification; the feedback and analytics tables with the columns the issue lists).
 */
final class VoiceAgentFixture {
  static final String CAPTURES_DDL =
      "CREATE TABLE captures (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL,"
          + " timestamp DATETIME DEFAULT CURRENT_TIMESTAMP, user_text TEXT NOT NULL,"
          + " agent_text TEXT NOT NULL, metadata TEXT)";
  static final String[] FEEDBACK_DDL = {
    "CREATE TABLE explicit_feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT,"
        + " exchange_id INTEGER, rating INTEGER, helpful BOOLEAN, comment TEXT,"
        + " timestamp DATETIME DEFAULT CURRENT_TIMESTAMP)",
    "CREATE TABLE implicit_feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT,"
        + " exchange_id INTEGER, copied BOOLEAN, shared BOOLEAN, follow_up BOOLEAN,"
        + " dwell_time_ms INTEGER, timestamp DATETIME DEFAULT CURRENT_TIMESTAMP)",
    "CREATE TABLE corrections (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT,"
        + " original TEXT, corrected TEXT, timestamp DATETIME DEFAULT CURRENT_TIMESTAMP)"
  };
  static final String[] ANALYTICS_DDL = {
    "CREATE TABLE analytics_quality (id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT,"
        + " exchange_id INTEGER, composite REAL, relevance REAL, helpfulness REAL, accuracy REAL,"
        + " clarity REAL, completeness REAL, timestamp DATETIME DEFAULT CURRENT_TIMESTAMP)",
    "CREATE TABLE analytics_patterns (id INTEGER PRIMARY KEY AUTOINCREMENT, pattern TEXT)"
  };

  final Path dir;

  VoiceAgentFixture(Path dir) {
    this.dir = dir;
  }

  Path captures() {
    return dir.resolve("learning_captures.db");
  }

  Path feedback() {
    return dir.resolve("feedback.db");
  }

  Path analytics() {
    return dir.resolve("learning_analytics.db");
  }

  VoiceAgentFixture create(boolean wal) throws SQLException {
    exec(captures(), wal, CAPTURES_DDL);
    exec(feedback(), wal, FEEDBACK_DDL);
    exec(analytics(), wal, ANALYTICS_DDL);
    return this;
  }

  static void exec(Path file, boolean wal, String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement()) {
      if (wal) {
        st.execute("PRAGMA journal_mode = WAL");
      }
      for (String s : sql) {
        st.execute(s);
      }
    }
  }

  /** Inserts a capture as the assistant does (naive UTC timestamp); returns its id. */
  long capture(String session, String timestamp, String user, String agent, String metadata)
      throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + captures());
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO captures (session_id, timestamp, user_text, agent_text, metadata)"
                    + " VALUES (?,?,?,?,?) RETURNING id")) {
      ps.setString(1, session);
      ps.setString(2, timestamp);
      ps.setString(3, user);
      ps.setString(4, agent);
      ps.setString(5, metadata);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
