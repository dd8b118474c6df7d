package io.learnlytics.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code restore}: replaces a database with a backup — only once the backup has proved good.
 *
 * <p>The backup is copied next to the database as {@code <db>.restore-tmp} (the same folder, so the
 * final rename is atomic; the backup file itself is only read), checked ({@link CopyCheck}),
 * migrated if it is older than this build, and fingerprinted by the caller. Only then is the
 * current database renamed, with its sidecars, to {@code <db>.before-restore-<UTC time>} — never
 * deleted, never overwritten — and the copy renamed into its place. A failure at any step before
 * that leaves the database as it was; a failing final rename puts the old one back.
 *
 * <p>The server's lock ({@link ServerLock}) is held throughout: a running server is refused, and no
 * server can start on a half-restored file.
 */
public final class Restore {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** The restored database, where the previous one went (null if there was none), and its data. */
  public record Result(
      Path db,
      @Nullable Path before,
      int backupSchemaVersion,
      Map<String, Long> counts,
      String fingerprint) {}

  private Restore() {}

  /**
   * Replaces database {@code db} with the backup {@code from}.
   *
   * @throws BackupException or {@link UnusableDatabaseException} (a server holds the database),
   *     naming the file and the remedy; the database is then unchanged
   */
  public static Result run(Path db, Path from, Backup.Fingerprint fingerprint, Clock clock) {
    Path target = db.toAbsolutePath().normalize();
    Path backup = from.toAbsolutePath().normalize();
    if (!Files.isRegularFile(backup)) {
      throw new BackupException(
          "backup " + backup + " does not exist; pass a file written by 'learnlytics backup'");
    }
    ServerLock lock = ServerLock.acquire(target, "stop it first (Ctrl-C), then run restore again");
    try {
      return restore(target, backup, fingerprint, clock);
    } finally {
      lock.close();
    }
  }

  private static Result restore(
      Path target, Path backup, Backup.Fingerprint fingerprint, Clock clock) {
    Path temp = SqliteFiles.sibling(target, ".restore-tmp");
    try {
      SqliteFiles.delete(temp); // left over from a restore that was killed
      SqliteFiles.copy(backup, temp);
      CopyCheck.Checked checked = CopyCheck.verify(temp, backup);
      Map<String, Long> counts = migrate(temp);
      String print = fingerprint.of(temp);
      SqliteFiles.sync(temp);
      Path before = swap(target, temp, clock);
      return new Result(target, before, checked.schemaVersion(), counts, print);
    } catch (IOException e) {
      throw new BackupException(
          "cannot restore into "
              + target
              + " ("
              + e.getMessage()
              + "); the database was not changed, make room or fix the folder's permissions",
          e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /**
   * Opens the copy as the server would (migrating an older schema) and closes it again; returns the
   * whole file's counts, every learner's, as the backup reported them.
   */
  private static Map<String, Long> migrate(Path temp) {
    try (Database d = Database.open(temp)) {
      return d.reader().withHandle(h -> Counts.ofWholeFile(h.getConnection()));
    } catch (SQLException e) {
      throw new StoreException("counting the rows of " + temp + " failed", e);
    }
  }

  /**
   * Moves the current database (if any) aside and the verified copy into its place; returns where
   * the old one went.
   */
  private static @Nullable Path swap(Path target, Path temp, Clock clock) throws IOException {
    if (!SqliteFiles.sidecars(temp).isEmpty()) {
      throw new IOException("the checked copy was left open: " + SqliteFiles.sidecars(temp));
    }
    if (!Files.exists(target)) {
      if (!SqliteFiles.sidecars(target).isEmpty()) {
        // a WAL without its database would be read as part of the restored one
        throw new IOException(SqliteFiles.sidecars(target) + " exist without their database");
      }
      SqliteFiles.move(temp, target);
      return null;
    }
    Path before = aside(target, clock);
    SqliteFiles.move(target, before);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      SqliteFiles.move(before, target);
      throw e;
    }
    return before;
  }

  /** A name for the old database that no file has: a rename would silently replace one. */
  private static Path aside(Path target, Clock clock) {
    String stamp = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(STAMP);
    Path before = SqliteFiles.sibling(target, ".before-restore-" + stamp);
    for (int n = 2; Files.exists(before) || !SqliteFiles.sidecars(before).isEmpty(); n++) {
      before = SqliteFiles.sibling(target, ".before-restore-" + stamp + "-" + n);
    }
    return before;
  }

  private static void deleteQuietly(Path temp) {
    try {
      SqliteFiles.delete(temp);
    } catch (IOException e) {
      // a leftover .restore-tmp is deleted by the next restore
    }
  }
}
