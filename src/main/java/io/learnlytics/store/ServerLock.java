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
import org.jspecify.annotations.Nullable;

/**
 * One server per database file. Two servers on one file would each run the refresher and the
 * scheduled jobs and each hold a cache the other's writes never invalidate; the second one is
 * refused at start. The lock is an OS file lock on {@code <db>.lock} (holding the owner's pid), so
 * it is released by the OS however the server ends, kill -9 included. One-shot commands (ingest,
 * export, ...) do not take it: SQLite lets them work beside a running server.
 */
public final class ServerLock implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private ServerLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of database {@code db}.
   *
   * @throws UnusableDatabaseException when another server holds it
   */
  public static ServerLock acquire(Path db) {
    Path absolute = db.toAbsolutePath().normalize();
    Path file = absolute.resolveSibling(absolute.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this very process
      }
      if (lock == null) {
        String owner = owner(channel);
        channel.close();
        throw new UnusableDatabaseException(
            "database "
                + absolute
                + " is in use by another Learnlytics server"
                + (owner.isEmpty() ? "" : " (pid " + owner + ")")
                + "; stop it first, or start this one with another --db");
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)),
          0);
      return new ServerLock(file, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UnusableDatabaseException(
          "cannot create the lock file " + file + " (" + e.getMessage() + "); choose another --db");
    }
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
    try {
      lock.release();
      channel.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the OS drops the lock with the process anyway
    }
  }
}
