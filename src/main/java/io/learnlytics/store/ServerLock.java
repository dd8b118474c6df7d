package io.learnlytics.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * One server per database file. Two servers on one file would each run the refresher and the
 * scheduled jobs and each hold a cache the other's writes never invalidate; the second one is
 * refused at start. The lock is an OS file lock on {@code <db>.lock} (holding the owner's pid), so
 * it is released by the OS however the server ends, kill -9 included. One-shot commands (ingest,
 * export, ...) do not take it: SQLite lets them work beside a running server.
 *
 * <p>On PostgreSQL the lock is a session advisory lock held by a connection of its own, which the
 * server releases by closing it and PostgreSQL when the connection dies.
 */
public final class ServerLock implements AutoCloseable {
  /** The advisory lock key: "LLYT" in ASCII, the same for every Learnlytics server. */
  private static final long POSTGRES_KEY = 0x4C4C5954L;

  private final @Nullable Path file;
  private final @Nullable FileChannel channel;
  private final @Nullable FileLock lock;
  private final @Nullable Connection session;

  private ServerLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.session = null;
  }

  private ServerLock(Connection session) {
    this.file = null;
    this.channel = null;
    this.lock = null;
    this.session = session;
  }

  /**
   * Takes the lock of the database at {@code db}, a file or a PostgreSQL database.
   *
   * @throws UnusableDatabaseException when another server holds it
   */
  public static ServerLock acquire(DbLocation db) {
    if (db instanceof DbLocation.Postgres pg) {
      return acquire(pg);
    }
    return acquire(((DbLocation.SqliteFile) db).path());
  }

  private static ServerLock acquire(DbLocation.Postgres pg) {
    Connection c = null;
    try {
      c = DriverManager.getConnection(pg.jdbcUrl(), properties(pg));
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
        ps.setLong(1, POSTGRES_KEY);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            return new ServerLock(c);
          }
        }
      }
      c.close();
      throw new UnusableDatabaseException(
          "database "
              + pg
              + " is in use by another Learnlytics server; stop it first, or use another"
              + " database");
    } catch (SQLException e) {
      closeQuietly(c);
      throw new UnusableDatabaseException(
          "cannot connect to database " + pg + " (" + e.getMessage() + ")");
    }
  }

  private static Properties properties(DbLocation.Postgres pg) {
    Properties p = new Properties();
    pg.user().ifPresent(u -> p.setProperty("user", u));
    pg.password().ifPresent(w -> p.setProperty("password", w));
    return p;
  }

  private static void closeQuietly(@Nullable Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing
      }
    }
  }

  /**
   * Takes the lock of database {@code db}.
   *
   * @throws UnusableDatabaseException when another server holds it
   */
  public static ServerLock acquire(Path db) {
    return acquire(db, "stop it first, or start this one with another --db");
  }

  /**
   * Takes the lock of database {@code db}; when another server holds it, the error ends with {@code
   * remedy} (what the refused command should do instead).
   *
   * @throws UnusableDatabaseException when another server holds it
   */
  public static ServerLock acquire(Path db, String remedy) {
    Path absolute = db.toAbsolutePath().normalize();
    Path file = absolute.resolveSibling(absolute.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String owner = owner(channel);
        channel.close();
        throw inUse(absolute, owner, remedy);
      }
      writePid(channel);
      return new ServerLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UnusableDatabaseException(
          "cannot create the lock file " + file + " (" + e.getMessage() + "); choose another --db");
    }
  }

  private static UnusableDatabaseException inUse(Path db, String owner, String remedy) {
    return new UnusableDatabaseException(
        "database "
            + db
            + " is in use by another Learnlytics server"
            + (owner.isEmpty() ? "" : " (pid " + owner + ")")
            + "; "
            + remedy);
  }

  /** The lock, or null when another process (or this very one) holds it. */
  private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by this very process
    }
  }

  private static void writePid(FileChannel channel) throws IOException {
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap(
            Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)),
        0);
  }

  private static String owner(FileChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(32);
    channel.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
  }

  private static void closeQuietly(@Nullable FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  @Override
  public void close() {
    if (session != null) {
      closeQuietly(session); // ends the session, and with it the advisory lock
      return;
    }
    try {
      if (lock != null && channel != null && file != null) {
        lock.release();
        channel.close();
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // the OS drops the lock with the process anyway
    }
  }
}
