package io.learnlytics.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Connection pools to a PostgreSQL database, failing with a message that names it. */
final class PostgresPools {
  private PostgresPools() {}

  /**
   * Refuses a database whose text order is not the C locale's. Exports list rows in id order and
   * their checksums must not depend on the backend: SQLite compares text byte by byte, and so does
   * PostgreSQL only in the C collation (which also makes its text indexes faster).
   */
  static void checkCollation(DataSource ds, DbLocation.Postgres pg) {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT datcollate FROM pg_database WHERE datname = current_database()")) {
      String collation = rs.next() ? rs.getString(1) : "unknown";
      if (!collation.equals("C") && !collation.equals("POSIX")) {
        throw new UnusableDatabaseException(
            "database "
                + pg
                + " sorts text by locale "
                + collation
                + "; Learnlytics needs byte order, so create the database with: CREATE DATABASE"
                + " name TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
      }
    } catch (SQLException e) {
      throw new StoreException("reading the collation of " + pg + " failed", e);
    }
  }

  static HikariDataSource pool(String name, DbLocation.Postgres pg, int size) {
    HikariConfig hc = new HikariConfig();
    hc.setPoolName(name);
    hc.setJdbcUrl(pg.jdbcUrl());
    pg.user().ifPresent(hc::setUsername);
    pg.password().ifPresent(hc::setPassword);
    hc.setMaximumPoolSize(size);
    hc.setMinimumIdle(1);
    hc.setConnectionTimeout(10_000);
    // Statements are prepared server-side from the first use: the store reuses a few hundred.
    hc.addDataSourceProperty("prepareThreshold", "1");
    try {
      return new HikariDataSource(hc);
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new UnusableDatabaseException(
          "cannot connect to database "
              + pg
              + " ("
              + cause.getMessage()
              + "); check that PostgreSQL runs there, that the database exists, and the user"
              + " and password (PGPASSWORD)");
    }
  }
}
