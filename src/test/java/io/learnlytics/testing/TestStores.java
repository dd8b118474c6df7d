package io.learnlytics.testing;

import io.learnlytics.store.Database;
import io.learnlytics.store.DbLocation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store a test runs on. By default each database "file" a test names is that SQLite file; with
 * {@code -Dlearnlytics.test.store=postgresql} (the second surefire run of {@code ./mvnw verify}) it
 * is a fresh PostgreSQL database of its own on one embedded PostgreSQL server, so the same tests —
 * the contract suite — check both backends. The same path always maps to the same database, so a
 * test that reopens its "file" finds its data.
 */
public final class TestStores {
  /** True in the PostgreSQL run. */
  public static final boolean POSTGRES =
      "postgresql".equals(System.getProperty("learnlytics.test.store"));

  private static final String TEMPLATE = "learnlytics_template";

  /**
   * How many databases are kept. An older one is dropped when a new one is made: no test holds a
   * hundred databases at once, and several hundred left to the end make the embedded server's
   * shutdown outlast surefire's wait for the forked JVM.
   */
  private static final int KEPT = 100;

  private static final Map<Path, DbLocation> DATABASES = new ConcurrentHashMap<>();
  private static EmbeddedPostgres server;
  private static int created;

  private TestStores() {}

  /** Where the database a test calls {@code file} lives in this run. */
  public static DbLocation location(Path file) {
    if (!POSTGRES) {
      return DbLocation.file(file);
    }
    return DATABASES.computeIfAbsent(file.toAbsolutePath().normalize(), f -> fresh());
  }

  /** The {@code --db} argument naming the database a test calls {@code file}. */
  public static String arg(Path file) {
    return location(file).toString();
  }

  /** Opens (and migrates) the database a test calls {@code file}. */
  public static Database open(Path file) {
    return Database.open(location(file), Database.DEFAULT_LOCK_TIMEOUT, false);
  }

  /** A new, migrated database, created from a template migrated once per run. */
  private static synchronized DbLocation fresh() {
    try {
      if (server == null) {
        // A test server: durability off, which makes no test weaker (none crashes PostgreSQL).
        server =
            EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        execute(
            "CREATE DATABASE "
                + TEMPLATE
                + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        Database.open(at(TEMPLATE), Database.DEFAULT_LOCK_TIMEOUT, false).close();
      }
      String name = "test_" + ++created;
      execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
      if (created > KEPT) {
        execute("DROP DATABASE test_" + (created - KEPT) + " WITH (FORCE)");
      }
      return at(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DbLocation at(String database) {
    return new DbLocation.Postgres(
        server.getJdbcUrl("postgres", database), Optional.of("postgres"), Optional.empty());
  }

  private static void execute(String sql) throws SQLException {
    try (Connection c = server.getPostgresDatabase().getConnection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
