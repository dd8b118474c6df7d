package io.learnlytics.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded SQLite database: one file, WAL journal, migrated by Flyway at open.
 *
 * <p>SQLite allows many readers but one writer. Rather than let writers collide and retry, all
 * writes go through a pool of exactly one connection whose transactions begin {@code IMMEDIATE}
 * (they take the write lock up front, so a read-then-write transaction can never deadlock), while
 * reads use a small pool of their own that WAL lets run alongside the writer. {@code synchronous =
 * FULL} makes every acknowledged commit durable, also against power loss.
 */
public final class Database implements AutoCloseable {
  private static final int BUSY_TIMEOUT_MS = 10_000;
  private static final int READ_POOL_SIZE = 4;
  private static final int CACHE_KIB = 32 * 1024;

  private final Path file;
  private final HikariDataSource writePool;
  private final HikariDataSource readPool;
  private final Jdbi writer;
  private final Jdbi reader;

  private Database(Path file) {
    this.file = file;
    migrate(dataSource(file, SQLiteConfig.TransactionMode.DEFERRED));
    this.writePool = pool("learnlytics-write", file, 1, SQLiteConfig.TransactionMode.IMMEDIATE);
    this.readPool =
        pool("learnlytics-read", file, READ_POOL_SIZE, SQLiteConfig.TransactionMode.DEFERRED);
    this.writer = Jdbi.create(writePool);
    this.reader = Jdbi.create(readPool);
  }

  /** Opens (creating file and folder if needed) and migrates the database at {@code file}. */
  public static Database open(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of database " + absolute, e);
    }
    return new Database(absolute);
  }

  public Path file() {
    return file;
  }

  /** Jdbi over the single write connection; use it for every statement that changes data. */
  public Jdbi writer() {
    return writer;
  }

  /** Jdbi over the read pool. */
  public Jdbi reader() {
    return reader;
  }

  @Override
  public void close() {
    readPool.close();
    writePool.close();
  }

  private static void migrate(SQLiteDataSource ds) {
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .loggers("slf4j")
        .load()
        .migrate();
  }

  private static HikariDataSource pool(
      String name, Path file, int size, SQLiteConfig.TransactionMode mode) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName(name);
    hc.setDataSource(dataSource(file, mode));
    hc.setMaximumPoolSize(size);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(30_000);
    return new HikariDataSource(hc);
  }

  private static SQLiteDataSource dataSource(Path file, SQLiteConfig.TransactionMode mode) {
    SQLiteConfig c = new SQLiteConfig();
    c.setJournalMode(SQLiteConfig.JournalMode.WAL);
    c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    c.setBusyTimeout(BUSY_TIMEOUT_MS);
    c.enforceForeignKeys(true);
    c.setTransactionMode(mode);
    c.setTempStore(SQLiteConfig.TempStore.MEMORY);
    c.setCacheSize(-CACHE_KIB); // negative: KiB rather than pages
    SQLiteDataSource ds = new SQLiteDataSource(c);
    ds.setUrl("jdbc:sqlite:" + file);
    return ds;
  }
}
