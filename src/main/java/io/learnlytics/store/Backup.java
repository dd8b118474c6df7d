package io.learnlytics.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * {@code backup}: a consistent copy of a database that may be in use by a running server.
 *
 * <p>Why SQLite's online backup API in a single step, inside a read transaction of our own: in WAL
 * mode a reader sees one snapshot and never blocks the writer, so the server keeps ingesting; the
 * whole copy is that one snapshot (every batch wholly in or wholly out), and the row counts read in
 * the same transaction must equal the copy's. sqlite-jdbc's {@code backup to} statement copies 100
 * pages a step instead, and SQLite restarts such a backup from the first page whenever another
 * connection writes between steps: under steady ingest it never finishes (tried on a 1,000,000
 * exchange database: still restarting after 90 s). {@code VACUUM INTO} is consistent too, but
 * rebuilds every table and index rather than copying pages, and cannot share its snapshot with the
 * counts. The price of one step: for the seconds the copy takes the server's WAL cannot be
 * checkpointed past our snapshot, so it grows by what is ingested meanwhile.
 *
 * <p>The copy is written beside the target as {@code FILE.partial}, verified ({@link CopyCheck},
 * counts, then the caller's fingerprint), synced, and only then renamed to {@code FILE}: a backup
 * file that exists is complete and verified. An existing {@code FILE} is never replaced.
 */
public final class Backup {
  /** Pages per step meaning "all of them": one step, one snapshot, no restart. */
  private static final int ALL_PAGES = -1;

  private static final int BUSY_MS = 10_000;

  /** What a verified backup holds, and how long copying and checking took. */
  public record Result(
      Path file,
      long bytes,
      int schemaVersion,
      Map<String, Long> counts,
      String fingerprint,
      Duration copyTime,
      Duration checkTime) {}

  /**
   * A further check of a copy that only a whole application can make (the export checksum): given
   * the copy's path, returns its fingerprint, or throws. It may open and write the copy (bring its
   * rollups up to date) but must close it again.
   */
  @FunctionalInterface
  public interface Fingerprint {
    String of(Path copy);
  }

  private Backup() {}

  /**
   * Copies database {@code db} to {@code out} and verifies the copy.
   *
   * @throws BackupException naming the file and the remedy; {@code db} is never changed, and no
   *     {@code out} (nor {@code out.partial}) is left behind on failure
   */
  public static Result run(Path db, Path out, Fingerprint fingerprint) {
    Path source = db.toAbsolutePath().normalize();
    Path target = out.toAbsolutePath().normalize();
    refuseUnusable(source, target);
    Path partial = SqliteFiles.sibling(target, ".partial");
    try {
      Files.createDirectories(target.getParent());
      SqliteFiles.delete(partial); // left over from a backup that was killed
      long start = System.nanoTime();
      Map<String, Long> snapshot = copy(source, partial);
      long copied = System.nanoTime();
      CopyCheck.Checked checked = check(partial, snapshot);
      String print = fingerprint.of(partial);
      publish(partial, target);
      return new Result(
          target,
          Files.size(target),
          checked.schemaVersion(),
          checked.counts(),
          print,
          Duration.ofNanos(copied - start),
          Duration.ofNanos(System.nanoTime() - copied));
    } catch (IOException e) {
      throw new BackupException(
          "cannot write the backup " + target + " (" + e.getMessage() + "); choose another --out",
          e);
    } finally {
      deleteQuietly(partial);
    }
  }

  private static void refuseUnusable(Path source, Path target) {
    if (!Files.isRegularFile(source)) {
      throw new BackupException(
          "database " + source + " does not exist; pass the --db the server uses");
    }
    if (Files.exists(target)) {
      throw new BackupException(
          target + " already exists; choose another --out, or move that file away first");
    }
  }

  /**
   * Copies every page of {@code source} to {@code partial} in one step of the backup API, inside a
   * read transaction in which the row counts are read first: counts and copy see one snapshot.
   */
  static Map<String, Long> copy(Path source, Path partial) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(BUSY_MS);
    SQLiteDataSource ds = new SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + source);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      Map<String, Long> counts = Counts.ofWholeFile(c); // starts the read transaction: the snapshot
      int rc =
          c.unwrap(SQLiteConnection.class)
              .getDatabase()
              .backup("main", partial.toString(), null, 100, 3, ALL_PAGES);
      c.rollback(); // ends the read transaction; nothing was written
      if (rc != 0) {
        throw new SQLException("the backup API answered code " + rc);
      }
      return counts;
    } catch (SQLException e) {
      throw new BackupException(
          "cannot copy database "
              + source
              + " ("
              + e.getMessage()
              + "); if it is damaged, restore an older backup",
          e);
    }
  }

  private static CopyCheck.Checked check(Path partial, Map<String, Long> snapshot) {
    CopyCheck.Checked checked = CopyCheck.verify(partial, partial);
    if (!checked.counts().equals(snapshot)) {
      throw new BackupException(
          "the copy "
              + partial
              + " holds "
              + checked.counts()
              + " rows, the database held "
              + snapshot
              + " when it was copied; nothing was kept, run backup again");
    }
    return checked;
  }

  /** Syncs the verified copy and renames it into place; it must have no sidecars by now. */
  private static void publish(Path partial, Path target) throws IOException {
    if (!SqliteFiles.sidecars(partial).isEmpty()) {
      throw new BackupException(
          "the copy "
              + partial
              + " was left open by its check ("
              + SqliteFiles.sidecars(partial)
              + "); nothing was kept, run backup again");
    }
    SqliteFiles.sync(partial);
    Files.move(partial, target); // fails rather than replace a file that appeared meanwhile
  }

  private static void deleteQuietly(Path partial) {
    try {
      SqliteFiles.delete(partial);
    } catch (IOException e) {
      // a leftover .partial is deleted by the next backup
    }
  }
}
