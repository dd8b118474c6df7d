package io.learnlytics.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The store: the embedded SQLite database (one file, WAL journal) by default, or a PostgreSQL
 * database for many learners; migrated by Flyway at open.
 *
 * <p>SQLite allows many readers but one writer. Rather than let writers collide and retry, all
 * writes go through a pool of exactly one connection whose transactions begin {@code IMMEDIATE}
 * (they take the write lock up front, so a read-then-write transaction can never deadlock), while
 * reads use a small pool of their own that WAL lets run alongside the writer. {@code synchronous =
 * FULL} makes every acknowledged commit durable, also against power loss.
 *
 * <p>On PostgreSQL the same shape is kept — one write connection, a read pool — so every store
 * class runs the same statements and sees writes in the same order on both; {@link #dialect} spells
 * the few forms that differ. One server process owns a database (see {@code ServerLock}).
 *
 * <p>Every row belongs to a learner ({@code learner_id}). An instance is a view for one learner:
 * {@link #open} gives the {@link #DEFAULT_LEARNER}'s, {@link #forLearner} another's over the same
 * pools. The store classes bind {@link #learner()} into every statement, so a service built on a
 * view reads and writes that learner's rows only.
 */
public final class Database implements AutoCloseable {
  /** How long a write waits for another program's lock unless configured otherwise. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

  private static final int READ_POOL_SIZE = 4;
  private static final int CACHE_KIB = 32 * 1024;

  /** The learner of a single-user install, and of every path without a learner in it. */
  public static final String DEFAULT_LEARNER = "default";

  private final DbLocation location;
  private final Dialect dialect;
  private final String learner;
  private final boolean ownsPools;
  private final HikariDataSource writePool;
  private final HikariDataSource readPool;
  private final Jdbi writer;
  private final Jdbi reader;

  private Database(Path file, Duration lockTimeout) {
    this.location = DbLocation.file(file);
    this.dialect = Dialect.SQLITE;
    this.learner = DEFAULT_LEARNER;
    this.ownsPools = true;
    int busyMs = (int) lockTimeout.toMillis();
    migrate(file, dataSource(file, SQLiteConfig.TransactionMode.DEFERRED, busyMs));
    this.writePool =
        pool("learnlytics-write", file, 1, SQLiteConfig.TransactionMode.IMMEDIATE, busyMs);
    this.readPool =
        pool(
            "learnlytics-read",
            file,
            READ_POOL_SIZE,
            SQLiteConfig.TransactionMode.DEFERRED,
            busyMs);
    this.writer = Jdbi.create(writePool);
    this.reader = Jdbi.create(new LimitedConnections(readPool, dialect));
  }

  private Database(DbLocation.Postgres pg) {
    this.location = pg;
    this.dialect = Dialect.POSTGRESQL;
    this.learner = DEFAULT_LEARNER;
    this.ownsPools = true;
    this.readPool = PostgresPools.pool("learnlytics-read", pg, READ_POOL_SIZE);
    try {
      Flyway flyway = flyway(readPool, pg.jdbcUrl()); // Flyway needs two connections
      StartupChecks.schemaNotNewer(pg, flyway);
      flyway.migrate();
      PostgresPools.checkCollation(readPool, pg);
      this.writePool = PostgresPools.pool("learnlytics-write", pg, 1);
    } catch (RuntimeException e) {
      readPool.close();
      throw e;
    }
    this.writer = Jdbi.create(writePool);
    this.reader = Jdbi.create(new LimitedConnections(readPool, dialect));
  }

  private Database(Database root, String learner) {
    this.location = root.location;
    this.dialect = root.dialect;
    this.learner = learner;
    this.ownsPools = false;
    this.writePool = root.writePool;
    this.readPool = root.readPool;
    this.writer = root.writer;
    this.reader = root.reader;
  }

  /**
   * The same database seen as {@code learnerId}'s: same connections, different rows. Closing the
   * view does nothing; the database closes with the instance {@link #open} returned.
   */
  public Database forLearner(String learnerId) {
    return learnerId.equals(learner) ? this : new Database(this, learnerId);
  }

  /** Whose rows this view reads and writes: the value every statement binds to learner_id. */
  public String learner() {
    return learner;
  }

  /**
   * Opens and migrates the database at {@code location}: a SQLite file as {@link #open(Path,
   * Duration, boolean)} does, or a PostgreSQL database, which must exist (Learnlytics creates its
   * tables, not the database).
   */
  public static Database open(DbLocation location, Duration lockTimeout, boolean checkPages) {
    if (location instanceof DbLocation.Postgres pg) {
      return new Database(pg);
    }
    return open(((DbLocation.SqliteFile) location).path(), lockTimeout, checkPages);
  }

  /** Opens (creating file and folder if needed) and migrates the database at {@code file}. */
  public static Database open(Path file) {
    return open(file, DEFAULT_LOCK_TIMEOUT, false);
  }

  /**
   * Opens and migrates the database at {@code file}, creating file and folder if needed, after
   * checking that it can be used: writable, not from a newer version of Learnlytics, and (with
   * {@code checkPages}) free of damaged pages by {@code PRAGMA quick_check}. A database that fails
   * a check is left exactly as it was.
   *
   * @param lockTimeout how long a write waits for another program's lock before failing as {@link
   *     StoreFault#BUSY}
   * @throws UnusableDatabaseException naming the file and the remedy
   */
  public static Database open(Path file, Duration lockTimeout, boolean checkPages) {
    Path absolute = file.toAbsolutePath().normalize();
    StartupChecks.writable(absolute);
    try {
      Files.createDirectories(absolute.getParent());
    } catch (IOException e) {
      throw new UnusableDatabaseException(
          "cannot create the folder of database "
              + absolute
              + " ("
              + e.getMessage()
              + "); choose another --db");
    }
    if (checkPages) {
      StartupChecks.pages(absolute);
    }
    return new Database(absolute, lockTimeout);
  }

  /** The work of one write transaction, given the writer's connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction on the single write connection: all of it is committed, or
   * none. A failure is a {@link StoreException} saying what was being done ({@link StoreFault#of}
   * tells a lock or a full disk from a bug).
   */
  public <T> T write(String what, Work<T> work) {
    try {
      return writer.inTransaction(h -> work.run(h.getConnection()));
    } catch (SQLException e) {
      throw new StoreException(what + " failed", e);
    }
  }

  /** Where the data lives; its {@code toString} is safe to show (no password). */
  public DbLocation location() {
    return location;
  }

  /** How this database spells the SQL forms that differ between backends. */
  public Dialect dialect() {
    return dialect;
  }

  /** Jdbi over the single write connection; use it for every statement that changes data. */
  public Jdbi writer() {
    return writer;
  }

  /** Jdbi over the read pool; its connections carry the taking thread's {@link QueryLimit}. */
  public Jdbi reader() {
    return reader;
  }

  @Override
  public void close() {
    if (!ownsPools) {
      return;
    }
    readPool.close();
    writePool.close();
  }

  /**
   * The newest migration in each folder of {@code db/migration} (DatabaseTest checks it against the
   * files).
   */
  static final int LATEST_MIGRATION = 15;

  /**
   * The SQLite migrations. They moved here from {@code db/migration} when PostgreSQL got its own
   * folder; Flyway records an applied migration's version, description and checksum, not its
   * folder, so databases migrated before the move validate unchanged.
   */
  public static final String SQLITE_MIGRATIONS = "classpath:db/migration/sqlite";

  /** The PostgreSQL migrations: the same versions, written in PostgreSQL's types. */
  public static final String POSTGRESQL_MIGRATIONS = "classpath:db/migration/postgresql";

  /**
   * The migrations folder for the database at {@code jdbcUrl}, chosen by its JDBC driver prefix.
   */
  public static String migrations(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return SQLITE_MIGRATIONS;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL_MIGRATIONS;
    }
    throw new IllegalArgumentException(
        "no migrations for database URL "
            + jdbcUrl
            + " (expected jdbc:sqlite: or jdbc:postgresql:)");
  }

  /** Flyway as Learnlytics migrates: the folder for {@code jdbcUrl}'s kind, logging via SLF4J. */
  public static Flyway flyway(DataSource ds, String jdbcUrl) {
    return Flyway.configure().dataSource(ds).locations(migrations(jdbcUrl)).loggers("slf4j").load();
  }

  private static void migrate(Path file, SQLiteDataSource ds) {
    if (upToDate(ds)) {
      return; // starting Flyway costs about half a second of every command's start
    }
    Flyway flyway = flyway(ds, ds.getUrl());
    StartupChecks.schemaNotNewer(DbLocation.file(file), flyway);
    flyway.migrate();
  }

  /**
   * True when every migration up to {@link #LATEST_MIGRATION} is applied and none failed. Anything
   * else — a new file, an older or newer schema, a failed migration, an unreadable file — goes
   * through Flyway and {@link StartupChecks}, which migrate or explain.
   */
  static boolean upToDate(SQLiteDataSource ds) {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT max(CAST(version AS INTEGER)), min(success) FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL")) {
      return rs.next() && rs.getInt(1) == LATEST_MIGRATION && rs.getInt(2) == 1;
    } catch (SQLException e) {
      return false;
    }
  }

  private static HikariDataSource pool(
      String name, Path file, int size, SQLiteConfig.TransactionMode mode, int busyMs) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName(name);
    hc.setDataSource(dataSource(file, mode, busyMs));
    hc.setMaximumPoolSize(size);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(30_000);
    return new HikariDataSource(hc);
  }

  private static SQLiteDataSource dataSource(
      Path file, SQLiteConfig.TransactionMode mode, int busyMs) {
    SQLiteConfig c = new SQLiteConfig();
    c.setJournalMode(SQLiteConfig.JournalMode.WAL);
    c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    c.setBusyTimeout(busyMs);
    c.enforceForeignKeys(true);
    c.setTransactionMode(mode);
    c.setTempStore(SQLiteConfig.TempStore.MEMORY);
    c.setCacheSize(-CACHE_KIB); // negative: KiB rather than pages
    SQLiteDataSource ds = new SQLiteDataSource(c);
    ds.setUrl("jdbc:sqlite:" + file);
    return ds;
  }
}
