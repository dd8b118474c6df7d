package io.learnlytics.export;

import io.learnlytics.store.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;

/**
 * The raw tables of one export, read in one SQLite read transaction so that every row and count of
 * the export comes from the same snapshot, however long the export takes to stream (WAL lets ingest
 * go on meanwhile). Each query is a forward-only cursor that SQLite steps one row at a time ({@link
 * #CHUNK} rows per fetch), in a deterministic order — time, then id — so that an export of the same
 * data is the same document whatever order the events were ingested in.
 */
final class ExportSource implements AutoCloseable {
  static final int CHUNK = 1000;

  /** A packed query (see {@link PackedRow}): its SQL, packed column count and REAL count. */
  record Query(String sql, int columns, int reals) {
    static Query of(List<String> columns, List<String> reals, String from) {
      return new Query(PackedRow.select(columns, reals, from), columns.size(), reals.size());
    }
  }

  /** Exchanges; columns: */
  static final int X_ID = 0;

  static final int X_SESSION = 1;
  static final int X_TS = 2;
  static final int X_OFFSET = 3;
  static final int X_USER = 4;
  static final int X_AGENT = 5;
  static final int X_DURATION = 6;
  static final int X_TOPICS = 7;
  static final int X_METADATA = 8;
  static final Query EXCHANGES =
      Query.of(
          List.of(
              "id",
              "session_id",
              "ts_utc",
              "utc_offset_s",
              "user_text",
              "agent_text",
              "duration_ms",
              "topics",
              "metadata"),
          List.of(),
          "FROM exchanges WHERE ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc, id");

  /** Feedback; columns: */
  static final int F_ID = 0;

  static final int F_EXCHANGE = 1;
  static final int F_TS = 2;
  static final int F_OFFSET = 3;
  static final int F_TYPE = 4;
  static final int F_RATING = 5;
  static final int F_COMMENT = 6;
  static final Query FEEDBACK =
      Query.of(
          List.of("id", "exchange_id", "ts_utc", "utc_offset_s", "type", "rating", "comment"),
          List.of(),
          "FROM feedback WHERE ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc, id");

  /** Quality scores; columns, then the REALs in this order: */
  static final int Q_ID = 0;

  static final int Q_EXCHANGE = 1;
  static final int Q_TS = 2;
  static final int Q_OFFSET = 3;
  static final List<String> Q_REALS =
      List.of("relevance", "helpfulness", "accuracy", "clarity", "engagement", "composite");
  static final Query QUALITY =
      Query.of(
          List.of("id", "exchange_id", "ts_utc", "utc_offset_s"),
          Q_REALS,
          "FROM quality_scores WHERE ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc, id");

  /** Relations (without a timestamp only in {@code all}); columns, then the REAL strength: */
  static final int R_ID = 0;

  static final int R_SOURCE = 1;
  static final int R_TARGET = 2;
  static final int R_TYPE = 3;
  static final int R_TS = 4;
  static final int R_OFFSET = 5;
  static final Query RELATIONS =
      Query.of(
          List.of("id", "source", "target", "type", "ts_utc", "utc_offset_s"),
          List.of("strength"),
          "FROM concept_relations WHERE (ts_utc >= ? AND ts_utc < ?) OR (? AND ts_utc IS NULL)"
              + " ORDER BY ts_utc, id");

  /** Sessions started in the period; columns: */
  static final int S_ID = 0;

  static final int S_START = 1;
  static final int S_OFFSET = 2;
  static final int S_DURATION = 3;
  static final int S_EXCHANGES = 4;
  static final int S_TOPICS = 5;
  static final Query SESSIONS =
      Query.of(
          List.of(
              "s.session_id",
              "s.start_utc",
              "s.start_offset_s",
              "s.last_utc + s.last_duration_ms - s.start_utc",
              "s.exchange_count",
              "(SELECT json_group_array(n.name ORDER BY n.name)"
                  + " FROM json_each('[' || coalesce(s.topic_ids, '') || ']') j"
                  + " JOIN topic_names n ON n.id = j.value)"),
          List.of(),
          "FROM sessions s WHERE s.start_utc >= ? AND s.start_utc < ?"
              + " ORDER BY s.start_utc, s.session_id");

  /** Achievements unlocked in the period; columns: */
  static final int A_ID = 0;

  static final int A_GOAL = 1;
  static final int A_NAME = 2;
  static final int A_DESCRIPTION = 3;
  static final int A_ICON = 4;
  static final int A_PERIOD = 5;
  static final int A_PERIOD_START = 6;
  static final int A_UNLOCKED = 7;
  static final Query ACHIEVEMENTS =
      Query.of(
          List.of(
              "id",
              "goal_id",
              "name",
              "description",
              "icon",
              "period",
              "period_start_utc",
              "unlocked_utc"),
          List.of(),
          "FROM achievements WHERE unlocked_utc >= ? AND unlocked_utc < ?"
              + " ORDER BY unlocked_utc, id");

  static final String SESSION_COUNT =
      "SELECT count(*) FROM sessions WHERE start_utc >= ? AND start_utc < ?";

  static final String FEEDBACK_TYPES =
      "SELECT type, rating, count(*) FROM feedback WHERE ts_utc >= ? AND ts_utc < ?"
          + " GROUP BY type, rating ORDER BY type, rating";
  static final String ACTIVITY_RANGE =
      "SELECT min(ts_utc), max(ts_utc) FROM exchanges WHERE ts_utc >= ? AND ts_utc < ?";
  static final String GOALS =
      "SELECT id, created_utc, updated_utc FROM goal_definitions ORDER BY created_utc, id";

  /** One row of a plain query. */
  interface Row {
    void accept(ResultSet rs) throws SQLException, IOException;
  }

  /** One row of a packed query. */
  interface Packed {
    void accept(PackedRow row) throws SQLException, IOException;
  }

  private static final double[] NO_REALS = {};

  /** Batches of prefetched rows waiting for the writer: at most this many (flat memory). */
  private static final int QUEUE = 4;

  private final Handle handle;
  private final Connection conn;
  private final ExportScope scope;
  private final ArrayBlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE);
  private final ArrayDeque<Query> expected = new ArrayDeque<>();
  private Thread reader;
  private volatile boolean cancelled;

  /** Up to {@link #CHUNK} raw rows of one query; {@code last} ends the query, or an error. */
  private record Batch(
      Query query, byte[][] packed, double[][] reals, int size, boolean last, Throwable error) {}

  ExportSource(Database db, ExportScope scope) {
    this.scope = scope;
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
  }

  /**
   * Starts reading {@code queries}, in this order, on a second thread, a few batches ahead of the
   * writer: SQLite and the JDBC driver (about half the work of a large export) then run on one core
   * while serialization, hashing and compression run on the other. The writer must then {@link
   * #stream} exactly these queries in this order, and run no other query until they are done.
   */
  void prefetch(List<Query> queries) {
    if (reader != null || !expected.isEmpty()) {
      throw new IllegalStateException("a prefetch is still running");
    }
    expected.addAll(queries);
    reader = new Thread(() -> read(queries), "export-reader-" + scope.id());
    reader.setDaemon(true);
    reader.start();
  }

  private void read(List<Query> queries) {
    try {
      for (Query q : queries) {
        try (PreparedStatement ps = conn.prepareStatement(q.sql())) {
          bindRange(ps, q.sql());
          ps.setFetchSize(CHUNK);
          try (ResultSet rs = ps.executeQuery()) {
            byte[][] packed = new byte[CHUNK][];
            double[][] reals = new double[CHUNK][];
            int n = 0;
            while (rs.next()) {
              if (cancelled) {
                return;
              }
              packed[n] = rs.getBytes(1);
              reals[n] = reals(rs, q);
              if (++n == CHUNK) {
                put(new Batch(q, packed, reals, n, false, null));
                packed = new byte[CHUNK][];
                reals = new double[CHUNK][];
                n = 0;
              }
            }
            put(new Batch(q, packed, reals, n, true, null));
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      try {
        put(new Batch(null, null, null, 0, true, t));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Hands a batch to the writer, giving up when the export was cancelled. */
  private void put(Batch b) throws InterruptedException {
    while (!cancelled) {
      if (queue.offer(b, 50, TimeUnit.MILLISECONDS)) {
        return;
      }
    }
  }

  private static double[] reals(ResultSet rs, Query q) throws SQLException {
    if (q.reals() == 0) {
      return NO_REALS;
    }
    double[] reals = new double[q.reals()];
    for (int i = 0; i < reals.length; i++) {
      reals[i] = rs.getDouble(2 + i);
    }
    return reals;
  }

  /**
   * Streams the rows of a packed query over the export's range, prefetched (or, if no prefetch was
   * started, read now on the reader thread); returns how many there were.
   */
  long stream(Query q, Packed row) throws SQLException, IOException {
    if (reader == null) {
      prefetch(List.of(q));
    }
    if (expected.poll() != q) {
      throw new IllegalStateException("queries must be streamed in the order they were prefetched");
    }
    long n = 0;
    while (true) {
      Batch b;
      try {
        b = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while exporting", e);
      }
      if (b.error() != null) {
        throw rethrow(b.error());
      }
      for (int i = 0; i < b.size(); i++) {
        row.accept(PackedRow.parse(b.packed()[i], q.columns(), b.reals()[i]));
      }
      n += b.size();
      if (b.last()) {
        if (expected.isEmpty()) {
          join();
        }
        return n;
      }
    }
  }

  private static SQLException rethrow(Throwable t) {
    if (t instanceof SQLException e) {
      return e;
    }
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new SQLException(t);
  }

  /** Plain queries share the connection: they may run only when no prefetch is in progress. */
  private void checkIdle() {
    if (reader != null) {
      throw new IllegalStateException("the connection is busy with prefetched queries");
    }
  }

  /** Waits for the reader thread to end, after which the connection is free again. */
  private void join() {
    if (reader == null) {
      return;
    }
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader = null;
  }

  /** Streams the rows of a plain query over the export's range; returns how many there were. */
  long stream(String sql, Row row) throws SQLException, IOException {
    checkIdle();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bindRange(ps, sql);
      ps.setFetchSize(CHUNK);
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
    checkIdle();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bindRange(ps, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** {min, max} of a two-column aggregate over the range, or null when the first is null. */
  long[] range(String sql) throws SQLException {
    checkIdle();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      bindRange(ps, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long lo = rs.getLong(1);
        return rs.wasNull() ? null : new long[] {lo, rs.getLong(2)};
      }
    }
  }

  /** A query without parameters. */
  void each(String sql, Row row) throws SQLException, IOException {
    checkIdle();
    try (PreparedStatement ps = conn.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        row.accept(rs);
      }
    }
  }

  private void bindRange(PreparedStatement ps, String sql) throws SQLException {
    long params = sql.chars().filter(c -> c == '?').count();
    if (params >= 2) {
      ps.setLong(1, scope.fromUtc());
      ps.setLong(2, scope.toUtc());
    }
    if (params == 3) {
      ps.setBoolean(3, scope.all()); // RELATIONS: also those without a timestamp
    }
  }

  /** Stops the reader, ends the read transaction (nothing was written), returns the connection. */
  @Override
  public void close() {
    cancelled = true;
    join();
    try {
      handle.rollback();
    } finally {
      handle.close();
    }
  }
}
