package io.learnlytics.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How many bytes a database takes on disk: the file and its WAL, or PostgreSQL's own count. */
public final class StoreSize {
  private StoreSize() {}

  public static long bytes(Database db) {
    if (db.location() instanceof DbLocation.SqliteFile f) {
      return size(f.path()) + size(Path.of(f.path() + "-wal"));
    }
    return db.reader()
        .withHandle(
            h ->
                h.createQuery("SELECT pg_database_size(current_database())")
                    .mapTo(Long.class)
                    .one());
  }

  private static long size(Path p) {
    try {
      return Files.exists(p) ? Files.size(p) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
