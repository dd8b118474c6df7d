package io.learnlytics.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteDataSource;

/**
 * What makes a copy of a database worth keeping or restoring: it is a SQLite file, every page and
 * index is intact ({@code PRAGMA integrity_check}, which, unlike the quick check at start, also
 * compares every index with its table), it is a Learnlytics database, and its schema is one this
 * build can open. Runs on the copy only; {@code shownAs} is the file the messages name.
 */
final class CopyCheck {
  /** The tables every Learnlytics database has, from the first migration on. */
  private static final List<String> TABLES =
      List.of("flyway_schema_history", "exchanges", "sessions", "feedback", "quality_scores");

  /** The copy's schema version (its newest applied migration) and row counts of all learners. */
  record Checked(int schemaVersion, Map<String, Long> counts) {}

  private CopyCheck() {}

  static Checked verify(Path copy, Path shownAs) {
    try {
      if (!SqliteFiles.looksLikeSqlite(copy)) {
        throw notSqlite(shownAs);
      }
    } catch (IOException e) {
      throw new BackupException("cannot read " + shownAs + " (" + e.getMessage() + ")", e);
    }
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + copy);
    try (Connection c = ds.getConnection()) {
      intact(c, shownAs);
      learnlytics(c, shownAs);
      // The whole file's counts, every learner's: a backup copies (and a restore replaces) the
      // whole
      // file, so its check compares all rows with the snapshot, not one learner's.
      return new Checked(schemaVersion(c, shownAs), Counts.ofWholeFile(c));
    } catch (SQLException e) {
      throw damaged(shownAs, e.getMessage());
    }
  }

  private static void intact(Connection c, Path shownAs) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA integrity_check(1)")) {
      String result = rs.next() ? rs.getString(1) : "no answer";
      if (!"ok".equals(result)) {
        throw damaged(shownAs, result);
      }
    }
  }

  private static void learnlytics(Connection c, Path shownAs) throws SQLException {
    for (String table : TABLES) {
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
        if (!rs.next()) {
          throw new BackupException(
              shownAs
                  + " is a SQLite database but not a Learnlytics one (it has no table "
                  + table
                  + "); pass a file written by 'learnlytics backup'");
        }
      }
    }
  }

  private static int schemaVersion(Connection c, Path shownAs) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL AND success = 1")) {
      int version = rs.next() ? rs.getInt(1) : 0;
      if (version > Database.LATEST_MIGRATION) {
        throw new BackupException(
            shownAs
                + " has schema version "
                + version
                + ", newer than this build knows ("
                + Database.LATEST_MIGRATION
                + "); restore it with the newer Learnlytics that wrote it");
      }
      return version;
    }
  }

  private static BackupException notSqlite(Path shownAs) {
    return new BackupException(
        shownAs + " is not a SQLite database; pass a file written by 'learnlytics backup'");
  }

  private static BackupException damaged(Path shownAs, @Nullable String detail) {
    String why = detail == null ? "unknown" : detail.replaceAll("\\s+", " ").strip();
    return new BackupException(
        shownAs + " is damaged (" + why + "); nothing was changed, use another backup");
  }
}
