package io.learnlytics.sync;

import io.learnlytics.ingest.IngestResult;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.store.Database;
import io.learnlytics.support.ApiException.InvalidInput;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the voice learning assistant's databases into Learnlytics, incrementally: each table from
 * the rowid after its watermark, in batches that go through the same validation as {@code POST
 * /api/events}. A batch's watermark is saved in the transaction that stores its events, so a crash
 * loses nothing and repeats nothing; and since event ids derive from the source rows, even a batch
 * read twice would only be an idempotent duplicate. Nothing is dropped silently: a row that cannot
 * become an event is counted and logged with its table and rowid; a stored row whose content
 * changed (an edit in the source) shows up as a conflict, counted and logged, not applied.
 *
 * <p>Reading and validating the next batch (a {@link BatchReader} on a second thread) overlaps
 * writing the previous one.
 */
public final class SyncService {
  private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
  static final int BATCH_ROWS = 5_000;

  private final VoiceAgentSource source;
  private final IngestService ingest;
  private final Watermarks watermarks;
  private final Clock clock;

  /**
   * A sync into {@code db}'s learner (the server gives it the default learner's view: the
   * assistant's database is one learner's) through {@code ingest}, which must store into that same
   * learner. The watermarks are shared, not per learner: a source is read once, into one learner.
   *
   * @throws IllegalArgumentException when {@code ingest} stores another learner's events
   */
  public SyncService(VoiceAgentSource source, IngestService ingest, Database db, Clock clock) {
    if (!ingest.learner().equals(db.learner())) {
      throw new IllegalArgumentException(
          "the sync into learner '"
              + db.learner()
              + "' must ingest for that learner, not for '"
              + ingest.learner()
              + "'");
    }
    this.source = source;
    this.ingest = ingest;
    this.watermarks = new Watermarks(db);
    this.clock = clock;
  }

  /** What one pass did to one table. */
  public record TableReport(
      String table,
      String status,
      long rowsRead,
      long eventsAccepted,
      long duplicates,
      long edits,
      long skipped,
      long metadataDropped,
      long late,
      long watermark,
      long lagRows) {}

  /** One pass over every table: reads everything after the watermarks. */
  public List<TableReport> pass() {
    return pass(false);
  }

  /**
   * One pass; with {@code rescan} every row is read again from the start (edits in the source then
   * show up as conflicts), without moving any watermark back.
   */
  public List<TableReport> pass(boolean rescan) {
    ExecutorService readers =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "sync-read-" + source.name());
              t.setDaemon(true);
              return t;
            });
    try {
      List<TableReport> out = new ArrayList<>();
      for (SourceTables table : SourceTables.values()) {
        out.add(syncTable(table, rescan, readers));
      }
      return out;
    } finally {
      readers.shutdownNow();
    }
  }

  private TableReport syncTable(SourceTables table, boolean rescan, ExecutorService readers) {
    Watermarks.Mark mark = watermarks.get(source.name(), table.table);
    try (SourceDatabase src = SourceDatabase.open(source.file(table.file))) {
      if (src == null) {
        return report(table, "file not found (yet)", mark, new Counts());
      }
      Set<String> columns = src.columns(table.table);
      if (columns.isEmpty()) {
        return report(table, "table not found (yet)", mark, new Counts());
      }
      List<String> missing = new ArrayList<>(table.required);
      missing.removeAll(columns);
      if (!missing.isEmpty()) {
        String error = "missing columns " + String.join(", ", missing);
        watermarks.save(mark.failed(error, clock.millis()));
        return report(table, error, mark, new Counts());
      }
      return readTable(src, table, mark, rescan, readers);
    } catch (SQLException e) {
      String error = "cannot read: " + e.getMessage();
      LOG.warn("sync {} {}: {}", source.name(), table.table, error);
      watermarks.save(mark.failed(error, clock.millis()));
      return report(table, error, mark, new Counts());
    }
  }

  /** Reads the table's new rows to the end and saves its mark as synced. */
  private TableReport readTable(
      SourceDatabase src,
      SourceTables table,
      Watermarks.Mark mark,
      boolean rescan,
      ExecutorService readers)
      throws SQLException {
    long tableRows = src.maxRowid(table.table);
    BatchReader reader = new BatchReader(src, table, source.name(), ingest, mark, rescan);
    Counts counts = new Counts();
    Watermarks.Mark read = readAll(reader, table, mark, counts, readers);
    Watermarks.Mark done = read.synced(tableRows, clock.millis());
    watermarks.save(done);
    return report(table, "ok", done, counts);
  }

  /**
   * Writes batch after batch while the reader prepares the next one; returns the mark after the
   * last batch written. The reader is never left running on the source once this returns.
   */
  private Watermarks.Mark readAll(
      BatchReader reader,
      SourceTables table,
      Watermarks.Mark mark,
      Counts counts,
      ExecutorService readers)
      throws SQLException {
    CompletableFuture<BatchReader.Batch> pending = prefetch(reader, readers);
    try {
      while (true) {
        BatchReader.Batch batch = await(pending);
        if (batch == null) {
          return mark;
        }
        pending = prefetch(reader, readers);
        mark = write(table, reader, batch, mark, counts);
      }
    } finally {
      try {
        pending.join(); // the source is closed after this returns: let a read finish first
      } catch (RuntimeException ignored) {
        // already reported, or superseded by the failure that brought us here
      }
    }
  }

  private static CompletableFuture<BatchReader.Batch> prefetch(
      BatchReader reader, ExecutorService readers) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return reader.next(BATCH_ROWS);
          } catch (SQLException e) {
            throw new CompletionException(e);
          }
        },
        readers);
  }

  private static BatchReader.Batch await(CompletableFuture<BatchReader.Batch> pending)
      throws SQLException {
    try {
      return pending.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Stores one batch with its advanced watermark, in one transaction. */
  private Watermarks.Mark write(
      SourceTables table,
      BatchReader reader,
      BatchReader.Batch b,
      Watermarks.Mark before,
      Counts counts) {
    Watermarks.Mark[] after = new Watermarks.Mark[1];
    IngestResult r = writeRetrying(reader, b, before, after);
    for (IngestResult.Conflict c : r.conflicts()) {
      LOG.warn(
          "sync {} {} row {}: changed in the source since it was synced ({} {}); not applied",
          source.name(),
          table.table,
          b.rowOfEvent.get(c.index()),
          c.kind(),
          c.id());
    }
    counts.add(b, r);
    return after[0];
  }

  /**
   * Writes the batch with its advanced watermark (into {@code after[0]}), dropping the rows the
   * database refuses and writing the rest.
   */
  private IngestResult writeRetrying(
      BatchReader reader, BatchReader.Batch b, Watermarks.Mark before, Watermarks.Mark[] after) {
    while (true) {
      try {
        return ingest.write(
            Objects.requireNonNull(b.validated), // BatchReader.next validated it
            (c, result) -> {
              after[0] = advance(before, b, result.conflicts().size());
              Watermarks.save(c, after[0]);
            });
      } catch (InvalidInput e) {
        // refused only once the database is consulted, e.g. a score without a time for a capture
        // that is not stored: skip those rows, store the rest
        reader.dropRefused(b, e);
        b.validated = ingest.validate(b.events);
      }
    }
  }

  private Watermarks.Mark advance(Watermarks.Mark m, BatchReader.Batch b, int edits) {
    long last = Math.max(b.lastRowid, m.lastRowid());
    return new Watermarks.Mark(
        m.source(),
        m.table(),
        last,
        b.maxTsUtc,
        m.rowsRead() + b.freshRead,
        m.rowsSkipped() + b.freshSkipped,
        m.lateRows() + b.late,
        m.edits() + edits,
        m.sourceRows() == null ? last : Math.max(m.sourceRows(), last),
        clock.millis(),
        null);
  }

  private static TableReport report(
      SourceTables table, String status, Watermarks.Mark mark, Counts c) {
    return new TableReport(
        table.table,
        status,
        c.read,
        c.accepted,
        c.duplicates,
        c.edits,
        c.skipped,
        c.warnings,
        c.late,
        mark.lastRowid(),
        mark.lagRows());
  }

  /** Running counts of one pass over one table. */
  private static final class Counts {
    long read;
    long accepted;
    long duplicates;
    long edits;
    long skipped;
    long late;
    long warnings;

    void add(BatchReader.Batch b, IngestResult r) {
      read += b.read;
      skipped += b.skipped;
      late += b.late;
      warnings += b.warnings;
      accepted += r.accepted();
      duplicates += r.duplicates();
      edits += r.conflicts().size();
    }
  }
}
