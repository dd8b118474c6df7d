package io.learnlytics.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * What is checked before a database is used, so that a file that cannot be used stops the start
 * with one line naming it and the remedy — before anything (a migration, a WAL switch) writes to
 * it.
 */
final class StartupChecks {
  private StartupChecks() {}

  /**
   * The file, if it exists, and its folder must be writable. The owner's write permission is
   * checked as well as access, because a root process may write to any file: a learner who made the
   * file read-only meant it.
   */
  static void writable(Path file) {
    if (Files.exists(file) && (!Files.isWritable(file) || !ownerMayWrite(file))) {
      throw new UnusableDatabaseException(
          "database "
              + file
              + " is read-only; make it writable (chmod u+w "
              + file
              + ") or copy it to a writable place and pass that with --db");
    }
    Path dir = file.getParent();
    if (dir != null && Files.isDirectory(dir) && !Files.isWritable(dir)) {
      throw new UnusableDatabaseException(
          "the folder of database "
              + file
              + " is read-only (SQLite keeps its journal beside the file); make "
              + dir
              + " writable or move the database");
    }
  }

  private static boolean ownerMayWrite(Path file) {
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      return p.contains(PosixFilePermission.OWNER_WRITE);
    } catch (UnsupportedOperationException | java.io.IOException e) {
      return true; // not a POSIX file system: access alone decides
    }
  }

  /**
   * {@code PRAGMA quick_check} over a read-only connection: every page and index is walked, so a
   * damaged file is found at start rather than by the first query that reads the bad page.
   */
  static void pages(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    SQLiteConfig c = new SQLiteConfig();
    c.setReadOnly(true);
    SQLiteDataSource ds = new SQLiteDataSource(c);
    ds.setUrl("jdbc:sqlite:" + file);
    String result;
    try (Connection conn = ds.getConnection();
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA quick_check(1)")) {
      result = rs.next() ? rs.getString(1) : "no answer";
    } catch (SQLException e) {
      result = e.getMessage();
    }
    if (!"ok".equals(result)) {
      throw damaged(file, result);
    }
  }

  static UnusableDatabaseException damaged(Path file, @Nullable String detail) {
    return new UnusableDatabaseException(
        "database "
            + file
            + " is damaged or not a SQLite database ("
            + oneLine(detail)
            + "); restore a backup, or salvage it with: sqlite3 "
            + file
            + " .recover | sqlite3 recovered.db");
  }

  /** Refuses a database migrated by a newer Learnlytics: this build cannot know its tables. */
  static void schemaNotNewer(DbLocation where, Flyway flyway) {
    MigrationInfo[] all;
    try {
      all = flyway.info().all();
    } catch (RuntimeException e) {
      if (where instanceof DbLocation.SqliteFile f && StoreFault.of(e) == StoreFault.CORRUPT) {
        throw damaged(f.path(), e.getMessage());
      }
      throw e;
    }
    MigrationInfo newest =
        Arrays.stream(all)
            .filter(i -> i.getState() == MigrationState.FUTURE_SUCCESS)
            .reduce((a, b) -> b)
            .orElse(null);
    if (newest != null) {
      throw newerSchema(where, newest, all);
    }
  }

  private static UnusableDatabaseException newerSchema(
      DbLocation where, MigrationInfo newest, MigrationInfo[] all) {
    String known =
        Arrays.stream(all)
            .filter(i -> i.getState() != MigrationState.FUTURE_SUCCESS)
            .reduce((a, b) -> b)
            .map(i -> i.getVersion().toString())
            .orElse("none");
    return new UnusableDatabaseException(
        "database "
            + where
            + " has schema version "
            + newest.getVersion()
            + ", newer than this build knows ("
            + known
            + "); run the newer Learnlytics that wrote it, or restore a backup");
  }

  private static String oneLine(@Nullable String s) {
    return s == null ? "unknown" : s.replaceAll("\\s+", " ").strip();
  }
}
