package io.learnlytics.export.source;

import io.learnlytics.store.Dialect;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Streams the packed queries of an export from its read transaction. Each query is a forward-only
 * cursor that SQLite steps one row at a time ({@link #CHUNK} rows per fetch), read on a second
 * thread a few batches ahead of the writer: SQLite and the JDBC driver (about half the work of a
 * large export) then run on one core while serialization, hashing and compression run on the other.
 */
public final class Prefetcher {
  public static final int CHUNK = 1000;

  /** Batches of prefetched rows waiting for the writer: at most this many (flat memory). */
  private static final int QUEUE = 4;

  private static final double[] NO_REALS = {};

  private final Connection conn;
  private final Range range;
  private final String threadName;
  private final ArrayBlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE);
  private final ArrayDeque<Query> expected = new ArrayDeque<>();
  private @Nullable Thread reader;
  private volatile boolean cancelled;

  /** Up to {@link #CHUNK} raw rows of one query; {@code last} ends the query, or an error. */
  private record Batch(
      @Nullable Query query,
      byte[][] packed,
      double[][] reals,
      int size,
      boolean last,
      @Nullable Throwable error) {}

  public Prefetcher(Connection conn, Range range, String threadName) {
    this.conn = conn;
    this.range = range;
    this.threadName = threadName;
  }

  /**
   * Starts reading {@code queries}, in this order. The writer must then {@link #stream} exactly
   * these queries in this order, and run no other query on the connection until they are done.
   */
  public void prefetch(List<Query> queries) {
    if (reader != null || !expected.isEmpty()) {
      throw new IllegalStateException("a prefetch is still running");
    }
    expected.addAll(queries);
    reader = new Thread(() -> read(queries), threadName);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Streams the rows of a packed query, prefetched (or, if no prefetch was started, read now on the
   * reader thread); returns how many there were.
   */
  @SuppressWarnings("ReferenceEquality") // the very Query objects that prefetch() queued
  public long stream(Query q, PackedRow.Handler handler) throws SQLException, IOException {
    if (reader == null) {
      prefetch(List.of(q));
    }
    if (expected.poll() != q) {
      throw new IllegalStateException("queries must be streamed in the order they were prefetched");
    }
    long n = 0;
    Batch b;
    do {
      b = take();
      n += deliver(b, q, handler);
    } while (!b.last());
    if (expected.isEmpty()) {
      join();
    }
    return n;
  }

  /** Whether prefetched queries still hold the connection. */
  public boolean busy() {
    return reader != null;
  }

  /** Stops the reader thread and waits for it to end. */
  public void cancel() {
    cancelled = true;
    join();
  }

  private void read(List<Query> queries) {
    try {
      for (Query q : queries) {
        if (cancelled) {
          return;
        }
        read(q);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      fail(t);
    }
  }

  private void read(Query q) throws SQLException, InterruptedException {
    String sql = q.sql(Dialect.of(conn));
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      range.bind(ps, sql);
      ps.setFetchSize(CHUNK);
      try (ResultSet rs = ps.executeQuery()) {
        readRows(q, rs);
      }
    }
  }

  /** Hands the rows to the writer a batch at a time, the last batch marked (perhaps empty). */
  private void readRows(Query q, ResultSet rs) throws SQLException, InterruptedException {
    byte[][] packed = new byte[CHUNK][];
    double[][] reals = new double[CHUNK][];
    int n = 0;
    while (!cancelled && rs.next()) {
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

  /** Passes a failure of the reader thread on to the writer, which rethrows it. */
  private void fail(Throwable t) {
    try {
      put(new Batch(null, new byte[0][], new double[0][], 0, true, t));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

  private Batch take() throws IOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while exporting", e);
    }
  }

  private static int deliver(Batch b, Query q, PackedRow.Handler handler)
      throws SQLException, IOException {
    if (b.error() != null) {
      throw rethrow(b.error());
    }
    for (int i = 0; i < b.size(); i++) {
      handler.accept(PackedRow.parse(b.packed()[i], q.columns(), b.reals()[i]));
    }
    return b.size();
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
}
