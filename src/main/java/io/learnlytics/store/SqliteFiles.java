package io.learnlytics.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * A SQLite database is a file plus, at times, sidecars beside it: {@code -wal} (committed
 * transactions not yet copied into the file — in WAL mode after a crash, or while it is open),
 * {@code -shm} (the WAL's index) and {@code -journal} (a rollback journal). Whoever moves or
 * replaces a database must move these with it: a database file paired with another file's WAL is
 * silently corrupted on the next open, and one moved without its WAL loses transactions.
 */
public final class SqliteFiles {
  private static final List<String> SIDECARS = List.of("-wal", "-shm", "-journal");
  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private SqliteFiles() {}

  /** {@code file} with {@code suffix} appended to its name, in the same folder. */
  public static Path sibling(Path file, String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  /** The sidecars of {@code db} that exist now. */
  public static List<Path> sidecars(Path db) {
    return SIDECARS.stream().map(s -> sibling(db, s)).filter(Files::exists).toList();
  }

  /** True when {@code file} starts with SQLite's 16-byte header string. */
  public static boolean looksLikeSqlite(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    }
  }

  /**
   * Renames {@code from} and each of its sidecars to {@code to} (with the same suffixes), the main
   * file last going in and first coming out of nowhere: sidecars first, so that no moment pairs a
   * file with the wrong WAL. Renames within one folder are atomic.
   */
  public static void move(Path from, Path to) throws IOException {
    for (String suffix : SIDECARS) {
      Path sidecar = sibling(from, suffix);
      if (Files.exists(sidecar)) {
        Files.move(sidecar, sibling(to, suffix), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Copies {@code from} with its {@code -wal} (which may hold committed transactions) to {@code
   * to}; the {@code -shm} index is rebuilt by SQLite and a {@code -journal} belongs to a write in
   * progress, so neither is copied.
   */
  public static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    Path wal = sibling(from, "-wal");
    if (Files.exists(wal)) {
      Files.copy(wal, sibling(to, "-wal"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes {@code db} and its sidecars, if they exist. */
  public static void delete(Path db) throws IOException {
    for (String suffix : SIDECARS) {
      Files.deleteIfExists(sibling(db, suffix));
    }
    Files.deleteIfExists(db);
  }

  /** Forces {@code file}'s bytes to the disk, so that a rename after it cannot outlive them. */
  public static void sync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }
}
