package io.learnlytics.export.source;

import io.learnlytics.store.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * The raw tables of one export, read in one SQLite read transaction so that every raw row and count
 * of the export comes from the same snapshot, however long the export takes to stream (WAL lets
 * ingest go on meanwhile). The large tables are streamed by {@link #rows()} (see {@link Queries});
 * the small queries here compute the facts before that. Rollup and goal tables are not read here
 * but through their owners, {@code rollup/} and {@code goal/}. Everything read is the rows of the
 * learner of the database view the source was opened on.
 */
public final class ExportSource implements AutoCloseable {
  static final String SESSION_COUNT =
      "SELECT count(*) FROM sessions WHERE learner_id = ? AND start_utc >= ? AND start_utc < ?";

  static final String FEEDBACK_TYPES =
      "SELECT type, rating, count(*) FROM feedback"
          + " WHERE learner_id = ? AND ts_utc >= ? AND ts_utc < ?"
          + " GROUP BY type, rating ORDER BY type, rating";
  static final String ACTIVITY_RANGE =
      "SELECT min(ts_utc), max(ts_utc) FROM exchanges"
          + " WHERE learner_id = ? AND ts_utc >= ? AND ts_utc < ?";

  /** One row of a plain query. */
  interface Row {
    void accept(ResultSet rs) throws SQLException, IOException;
  }

  private final Handle handle;
  private final Connection conn;
  private final Range period;
  private final Prefetcher rows;

  public ExportSource(Database db, ExportScope scope) {
    this.period = scope.range(db.learner());
    this.handle = db.reader().open();
    boolean ok = false;
    try {
      handle.begin();
      this.conn = handle.getConnection();
      ok = true;
    } finally {
      if (!ok) {
        handle.close();
      }
    }
    this.rows = new Prefetcher(conn, period, "export-reader-" + scope.id());
  }

  /** The streamed tables, prefetched on a second thread. */
  public Prefetcher rows() {
    return rows;
  }

  /** Streams the rows of a plain query over the export's range; returns how many there were. */
  long stream(String sql, Row row) throws SQLException, IOException {
    try (PreparedStatement ps = prepare(sql)) {
      ps.setFetchSize(Prefetcher.CHUNK);
      long n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.accept(rs);
          n++;
        }
      }
      return n;
    }
  }

  long count(String sql) throws SQLException {
    try (PreparedStatement ps = prepare(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** {min, max} of a two-column aggregate over the range, or null when the first is null. */
  long @Nullable [] range(String sql) throws SQLException {
    try (PreparedStatement ps = prepare(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      long lo = rs.getLong(1);
      return rs.wasNull() ? null : new long[] {lo, rs.getLong(2)};
    }
  }

  /**
   * A plain query with the export's range bound. Plain queries share the connection with the
   * prefetched ones, so they may run only when no prefetch is in progress.
   */
  private PreparedStatement prepare(String sql) throws SQLException {
    if (rows.busy()) {
      throw new IllegalStateException("the connection is busy with prefetched queries");
    }
    PreparedStatement ps = conn.prepareStatement(sql);
    try {
      period.bind(ps, sql);
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  /** Stops the reader, ends the read transaction (nothing was written), returns the connection. */
  @Override
  public void close() {
    rows.cancel();
    try {
      handle.rollback();
    } finally {
      handle.close();
    }
  }
}
