package io.learnlytics.sync;

import io.learnlytics.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * The {@code sync_watermarks} rows: how far each source table has been read, and what was seen.
 * Shared by all learners on purpose (no statement names one): a source is read once, into the one
 * learner its {@link SyncService} writes for, so its progress is the source's, not a learner's.
 */
public final class Watermarks {
  private static final String SELECT =
      "SELECT source, table_name, last_rowid, max_ts_utc, rows_read, rows_skipped, late_rows,"
          + " edits, source_rows, last_sync_utc, last_error FROM sync_watermarks";

  private final Database db;

  public Watermarks(Database db) {
    this.db = db;
  }

  /** One table's progress. */
  public record Mark(
      String source,
      String table,
      long lastRowid,
      @Nullable Long maxTsUtc,
      long rowsRead,
      long rowsSkipped,
      long lateRows,
      long edits,
      @Nullable Long sourceRows,
      @Nullable Long lastSyncUtc,
      @Nullable String lastError) {
    /** Rows in the source not read yet (as of the last pass). */
    public long lagRows() {
      return sourceRows == null ? 0 : Math.max(0, sourceRows - lastRowid);
    }

    /** This mark after a pass that saw {@code sourceRows} rows in the table, without error. */
    Mark synced(long tableRows, long nowUtc) {
      return new Mark(
          source,
          table,
          lastRowid,
          maxTsUtc,
          rowsRead,
          rowsSkipped,
          lateRows,
          edits,
          Math.max(tableRows, lastRowid),
          nowUtc,
          null);
    }

    /** This mark with the reason its last pass failed; it stays where it was. */
    Mark failed(String error, long nowUtc) {
      return new Mark(
          source,
          table,
          lastRowid,
          maxTsUtc,
          rowsRead,
          rowsSkipped,
          lateRows,
          edits,
          sourceRows,
          nowUtc,
          error);
    }
  }

  Mark get(String source, String table) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(SELECT + " WHERE source = ? AND table_name = ?")
                    .bind(0, source)
                    .bind(1, table)
                    .map(Watermarks::mark)
                    .findOne()
                    .orElse(new Mark(source, table, 0, null, 0, 0, 0, 0, null, null, null)));
  }

  /** Every table of every source, for health and metrics. */
  public List<Mark> all() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(SELECT + " ORDER BY source, table_name")
                    .map(Watermarks::mark)
                    .list());
  }

  void save(Mark m) {
    db.write("saving the sync watermark of " + m.table(), c -> save(c, m));
  }

  /** Saves {@code m} inside the caller's transaction (the one that stored its rows' events). */
  static int save(Connection c, Mark m) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sync_watermarks (source, table_name, last_rowid, max_ts_utc, rows_read,"
                + " rows_skipped, late_rows, edits, source_rows, last_sync_utc, last_error)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (source, table_name) DO UPDATE SET"
                + " last_rowid = excluded.last_rowid, max_ts_utc = excluded.max_ts_utc,"
                + " rows_read = excluded.rows_read, rows_skipped = excluded.rows_skipped,"
                + " late_rows = excluded.late_rows, edits = excluded.edits,"
                + " source_rows = excluded.source_rows, last_sync_utc = excluded.last_sync_utc,"
                + " last_error = excluded.last_error")) {
      ps.setString(1, m.source());
      ps.setString(2, m.table());
      ps.setLong(3, m.lastRowid());
      ps.setObject(4, m.maxTsUtc());
      ps.setLong(5, m.rowsRead());
      ps.setLong(6, m.rowsSkipped());
      ps.setLong(7, m.lateRows());
      ps.setLong(8, m.edits());
      ps.setObject(9, m.sourceRows());
      ps.setObject(10, m.lastSyncUtc());
      ps.setString(11, m.lastError());
      return ps.executeUpdate();
    }
  }

  private static Mark mark(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Mark(
        rs.getString(1),
        rs.getString(2),
        rs.getLong(3),
        nullableLong(rs, 4),
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        rs.getLong(8),
        nullableLong(rs, 9),
        nullableLong(rs, 10),
        rs.getString(11));
  }

  /** The driver's {@code getObject(i, Long.class)} turns SQL NULL into 0; this keeps it null. */
  private static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
