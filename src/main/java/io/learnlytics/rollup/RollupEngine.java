package io.learnlytics.rollup;

import io.learnlytics.config.Config;
import io.learnlytics.store.Database;
import io.learnlytics.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the rollups equal to the raw events (DESIGN.md §5).
 *
 * <p>Ingest marks the hour and day buckets of every new event dirty in its own transaction ({@link
 * DirtyMarks}). {@link #refreshDirty()} drains those marks: inside one write transaction it
 * re-reads each dirty learning day from the raw tables, rewrites that day's hourly and daily rows
 * and its mergeable day state, re-merges the week and month that hold the day from day states,
 * updates trends, and deletes the marks it handled. Because marks and rollups change in the same
 * transactions as the events, a crash at any point leaves either the old rollup and its mark or the
 * new rollup without it — the next refresh (at the latest, at startup) finishes the work.
 *
 * <p>An engine serves the learner of its {@link Database} view, in that learner's {@link Buckets}:
 * every statement it runs matches {@code learner_id}, so learners never see or recompute each
 * other's rows. Build one per learner; {@link DirtyRefresher} drains the marks of all of them.
 */
public final class RollupEngine {
  /** Most learning days recomputed in one transaction, so ingest never waits long. */
  static final int DAYS_PER_TRANSACTION = 120;

  /** Learning days a rebuild reads at once, and how many such spans are read ahead. */
  static final int CHUNK_DAYS = 14;

  static final int CHUNKS_AHEAD = 3;

  private final Database db;
  private final Buckets buckets;
  private final Clock clock;
  private final RollupMetrics metrics;
  private final RawScanner scanner;
  private final Streaks streaks;
  private final Config.Retention retention;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public RollupEngine(
      Database db,
      Buckets buckets,
      Clock clock,
      RollupMetrics metrics,
      Config.Retention retention) {
    this.db = db;
    this.buckets = buckets;
    this.clock = clock;
    this.metrics = metrics;
    this.retention = retention;
    this.scanner = new RawScanner(buckets, db.learner());
    this.streaks = new Streaks(db, buckets);
  }

  /** A writer for one transaction, with "now" and the retention floors fixed. */
  private RollupWriter writer(Connection c) throws SQLException {
    long now = clock.millis();
    return new RollupWriter(
        buckets,
        c,
        db.learner(),
        now,
        floor(now, retention.hourlyDays()),
        floor(now, retention.dailyDays()));
  }

  /** Rows ending before this are deleted by retention (see {@link #applyRetention}). */
  private static long floor(long now, int days) {
    return days == 0 ? Long.MIN_VALUE : now - days * 86_400_000L;
  }

  /** Runs {@code listener} after every refresh or rebuild that wrote rollup rows. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** Whose rollups these are: the learner of the engine's database view. */
  public String learner() {
    return db.learner();
  }

  public Buckets buckets() {
    return buckets;
  }

  /** Learning streaks, from the daily rollups. */
  public Streaks streaks() {
    return streaks;
  }

  /** Totals of all history, from the monthly rollups (kept forever, unlike hours and days). */
  public RollupTotals allTime() {
    return RollupTotals.of(list(Level.MONTHLY, Long.MIN_VALUE, Long.MAX_VALUE));
  }

  /** Start of the oldest kept rollup row of {@code level}, or null when there is none. */
  public Long firstStartUtc(Level level) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT min(period_start_utc) FROM aggregated_metrics"
                            + " WHERE learner_id = ? AND interval_type = ?")
                    .bind(0, db.learner())
                    .bind(1, level.id())
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(null));
  }

  /** Starts of the kept rows of {@code level}, first to just after last; empty if none. */
  public Optional<Span> keptStarts(Level level) {
    try {
      return db.reader()
          .withHandle(h -> RollupStore.keptStarts(h.getConnection(), db.learner(), level));
    } catch (SQLException e) {
      throw new StoreException("reading rollups failed", e);
    }
  }

  public RollupMetrics metrics() {
    return metrics;
  }

  /** Recomputes every dirty bucket; returns the number of rows written. */
  public int refreshDirty() {
    long t0 = System.nanoTime();
    int total = 0;
    try {
      int n;
      do {
        n = db.writer().inTransaction(h -> refreshBatch(h.getConnection()));
        total += n;
      } while (n > 0 && dirtyCount() > 0);
      metrics.observe("refresh", System.nanoTime() - t0);
      if (total > 0) {
        listeners.forEach(Runnable::run);
      }
      return total;
    } catch (SQLException e) {
      metrics.failed("refresh");
      throw new StoreException("refreshing dirty rollups failed", e);
    }
  }

  /**
   * Recomputes every rollup of the learning days {@code from..to} (inclusive; null means the first
   * or last day with data) and of the weeks and months that hold them.
   */
  public int rebuild(@Nullable LocalDate from, @Nullable LocalDate to) {
    long t0 = System.nanoTime();
    try {
      int n = db.writer().inTransaction(h -> rebuild(h.getConnection(), from, to));
      metrics.observe("rebuild", System.nanoTime() - t0);
      listeners.forEach(Runnable::run);
      return n;
    } catch (SQLException e) {
      metrics.failed("rebuild");
      throw new StoreException("rebuilding rollups failed", e);
    }
  }

  /**
   * Deletes hourly and daily rollup rows that ended more than the configured number of days ago (0
   * keeps them forever). Day states, weekly and monthly rows and raw events are kept, so weeks and
   * months stay exact and any purged row can be rebuilt.
   */
  public int applyRetention(int hourlyDays, int dailyDays) {
    long now = clock.millis();
    return db.writer()
        .inTransaction(
            h -> purge(h, Level.HOURLY, hourlyDays, now) + purge(h, Level.DAILY, dailyDays, now));
  }

  private int purge(Handle h, Level level, int days, long now) {
    if (days == 0) {
      return 0;
    }
    return h.execute(
        "DELETE FROM aggregated_metrics WHERE learner_id = ? AND interval_type = ?"
            + " AND period_end_utc < ?",
        db.learner(),
        level.id(),
        now - days * 86_400_000L);
  }

  /** Marks the buckets of {@code level} overlapping {@code [fromUtc, toUtc)} dirty. */
  public void markDirty(Level level, long fromUtc, long toUtc) {
    List<Long> starts = new ArrayList<>();
    for (long s = buckets.start(level, fromUtc); s < toUtc; s = buckets.end(level, s)) {
      starts.add(s);
    }
    try {
      db.writer()
          .useTransaction(
              h ->
                  DirtyMarks.insert(
                      h.getConnection(), db.learner(), level, starts, clock.millis()));
    } catch (SQLException e) {
      throw new StoreException("marking rollups dirty failed", e);
    }
  }

  /** Number of dirty buckets waiting for the refresher. */
  public long dirtyCount() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM dirty_buckets WHERE learner_id = ?")
                    .bind(0, db.learner())
                    .mapTo(Long.class)
                    .one());
  }

  /** Oldest dirty mark time (UTC ms), if any: how far the rollups lag behind ingest. */
  public Long oldestDirtyMarkUtc() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery("SELECT min(marked_utc) FROM dirty_buckets WHERE learner_id = ?")
                    .bind(0, db.learner())
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(null));
  }

  /** Rollup rows of {@code level} starting in {@code [fromUtc, toUtc)}, oldest first. */
  public List<Rollup> list(Level level, long fromUtc, long toUtc) {
    try {
      return db.reader()
          .withHandle(
              h -> RollupStore.list(h.getConnection(), db.learner(), level, fromUtc, toUtc));
    } catch (SQLException e) {
      throw new StoreException("reading rollups failed", e);
    }
  }

  /** Like {@link #list}, with empty topic maps: for readers of counts and means only. */
  public List<Rollup> listWithoutTopics(Level level, long fromUtc, long toUtc) {
    try {
      return db.reader()
          .withHandle(
              h ->
                  RollupStore.listWithoutTopics(
                      h.getConnection(), db.learner(), level, fromUtc, toUtc));
    } catch (SQLException e) {
      throw new StoreException("reading rollups failed", e);
    }
  }

  private int refreshBatch(Connection c) throws SQLException {
    DirtyBatch batch = DirtyBatch.read(c, db.learner(), buckets, DAYS_PER_TRANSACTION);
    if (batch.handled.isEmpty()) {
      return 0;
    }
    RollupWriter writer = writer(c);
    for (long day : batch.days) {
      long end = buckets.end(Level.DAILY, day);
      writer.writeDays(day, end, scanner.scanAll(c, day, end));
    }
    for (long[] m : batch.coarse) {
      writer.queue(Level.values()[(int) m[0]], m[1]);
    }
    int rows = count(writer.finish());
    DirtyMarks.delete(c, db.learner(), batch.handled);
    return Math.max(rows, 1);
  }

  private int rebuild(Connection c, @Nullable LocalDate from, @Nullable LocalDate to)
      throws SQLException {
    long[] range = scanner.dataRange(c);
    if (range == null && (from == null || to == null)) {
      return 0; // no data and no explicit range: nothing to build
    }
    // range is null only when both ends were given (returned above otherwise)
    long fromUtc =
        from != null
            ? buckets.dayStart(from)
            : buckets.start(Level.DAILY, Objects.requireNonNull(range)[0]);
    long toUtc =
        to != null
            ? buckets.dayStart(to.plusDays(1))
            : buckets.end(
                Level.DAILY, buckets.start(Level.DAILY, Objects.requireNonNull(range)[1]));
    RollupWriter writer = writer(c);
    scanInChunks(fromUtc, toUtc, writer);
    int rows = count(writer.finish());
    DirtyMarks.deleteRange(c, db.learner(), fromUtc, toUtc);
    return rows;
  }

  /**
   * Reads the range in spans of {@link #CHUNK_DAYS} learning days on two reader threads, a few
   * spans ahead, while this thread writes each span's rows in order. Holding only the spans in
   * flight, instead of every hour of the history, keeps the live heap small: with the whole history
   * in memory, garbage collection copying it cost more than the aggregation itself. The caller
   * holds the write lock, so every reader sees the same committed raw data.
   */
  private void scanInChunks(long from, long to, RollupWriter writer) throws SQLException {
    ExecutorService readers = Executors.newFixedThreadPool(2, RollupEngine::readerThread);
    try {
      ArrayDeque<Span> spans = new ArrayDeque<>(chunks(from, to));
      ArrayDeque<CompletableFuture<TreeMap<Long, Partial>>> pending = new ArrayDeque<>();
      ArrayDeque<Span> pendingSpans = new ArrayDeque<>();
      while (!spans.isEmpty() || !pending.isEmpty()) {
        while (!spans.isEmpty() && pending.size() < CHUNKS_AHEAD) {
          Span span = spans.poll();
          pendingSpans.add(span);
          pending.add(
              CompletableFuture.supplyAsync(
                  () -> read(r -> scanner.scanAll(r, span.fromUtc(), span.toUtc())), readers));
        }
        Span span = pendingSpans.poll();
        writer.writeDays(span.fromUtc(), span.toUtc(), join(pending.poll()));
      }
    } finally {
      readers.shutdownNow();
    }
  }

  /** Day-aligned spans covering {@code [from, to)}. */
  private List<Span> chunks(long from, long to) {
    List<Span> out = new ArrayList<>();
    long start = from;
    while (start < to) {
      long end = start;
      for (int d = 0; d < CHUNK_DAYS && end < to; d++) {
        end = buckets.end(Level.DAILY, end);
      }
      out.add(new Span(start, Math.min(end, to)));
      start = end;
    }
    return out;
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static Thread readerThread(Runnable r) {
    Thread t = new Thread(r, "learnlytics-rollup-reader");
    t.setDaemon(true);
    return t;
  }

  private interface Scan<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T read(Scan<T> scan) {
    try {
      return db.reader().withHandle(h -> scan.run(h.getConnection()));
    } catch (SQLException e) {
      throw new StoreException("reading raw events failed", e);
    }
  }

  private int count(Map<Level, List<Rollup>> written) {
    int n = 0;
    for (Map.Entry<Level, List<Rollup>> e : written.entrySet()) {
      metrics.buckets.labelValues(e.getKey().id()).inc(e.getValue().size());
      n += e.getValue().size();
    }
    return n;
  }
}
