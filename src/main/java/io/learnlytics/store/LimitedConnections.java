package io.learnlytics.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.ConnectionFactory;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;

/**
 * The read pool's connections as Jdbi takes them, with the {@link QueryLimit} of the taking thread
 * armed on each and disarmed before it goes back to the pool. JDBC's {@code setQueryTimeout} would
 * not do: sqlite-jdbc only turns it into a busy timeout (a runaway SELECT runs on), and our rollup
 * reads use plain JDBC statements on the handle's connection, which Jdbi's statement settings never
 * see. Arming the connection covers every statement run on it.
 */
final class LimitedConnections implements ConnectionFactory {
  /**
   * SQLite VM instructions between two deadline checks: some microseconds of work, so a check costs
   * about 1 %.
   */
  private static final int CHECK_EVERY = 1_000;

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final Map<Connection, Boolean> armed = new ConcurrentHashMap<>();

  LimitedConnections(HikariDataSource pool, Dialect dialect) {
    this.pool = pool;
    this.dialect = dialect;
  }

  @Override
  public Connection openConnection() throws SQLException {
    Connection c = pool.getConnection();
    Duration limit = QueryLimit.current();
    if (limit != null) {
      try {
        arm(c, limit);
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
      armed.put(c, Boolean.TRUE);
    }
    return c;
  }

  @Override
  public void closeConnection(Connection c) throws SQLException {
    try {
      if (armed.remove(c) != null) {
        disarm(c);
      }
    } finally {
      c.close();
    }
  }

  private void arm(Connection c, Duration limit) throws SQLException {
    if (dialect == Dialect.SQLITE) {
      long deadline = System.nanoTime() + limit.toNanos();
      ProgressHandler.setHandler(
          c.unwrap(SQLiteConnection.class),
          CHECK_EVERY,
          new ProgressHandler() {
            @Override
            protected int progress() {
              return System.nanoTime() - deadline > 0 ? 1 : 0; // non-zero interrupts
            }
          });
    } else {
      execute(c, "SET statement_timeout = " + Math.max(1, limit.toMillis()));
    }
  }

  /** Takes the limit off again; a connection that cannot be reset is dropped from the pool. */
  private void disarm(Connection c) throws SQLException {
    try {
      if (dialect == Dialect.SQLITE) {
        ProgressHandler.clearHandler(c.unwrap(SQLiteConnection.class));
      } else {
        if (!c.getAutoCommit()) {
          c.rollback(); // a timed-out statement aborts its transaction, and RESET with it
        }
        execute(c, "RESET statement_timeout");
      }
    } catch (SQLException e) {
      pool.evictConnection(c);
    }
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
