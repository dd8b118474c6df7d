package io.learnlytics.export;

import io.learnlytics.export.csv.CsvExport;
import io.learnlytics.export.json.JsonExport;
import io.learnlytics.export.source.ExportFacts;
import io.learnlytics.export.source.ExportRequest;
import io.learnlytics.export.source.ExportResult;
import io.learnlytics.export.source.ExportScope;
import io.learnlytics.export.source.ExportSource;
import io.learnlytics.export.source.RollupRows;
import io.learnlytics.goal.GoalService;
import io.learnlytics.graph.EmbeddedGraph;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.store.Database;
import io.learnlytics.store.StoreException;
import io.learnlytics.support.ApiException.TooManyRequests;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

/**
 * Exports (the spec's Export and Reporting System): a JSON document with a verifiable checksum, or
 * a ZIP of CSV files with a manifest, streamed from one read snapshot so memory stays flat however
 * long the history. At most {@value #MAX_CONCURRENT} exports run at once on a server, of all its
 * learners together ({@link ExportSlots}, one per application) — each holds a read transaction and
 * keeps a core busy — and a further one is refused with 429 and {@code Retry-After}. Every export
 * is recorded in {@code export_history}: when it starts (size and checksum empty), and with its
 * size and checksum when it completes, so an export cut short is visible as a row without a
 * checksum.
 *
 * <pre>{@code
 * try (Export e = exports.start(ExportRequest.parse("json", "30d", null))) {
 *   e.writeTo(out);
 * }
 * }</pre>
 */
public final class ExportService {
  public static final int MAX_CONCURRENT = 2;
  public static final int RETRY_AFTER_SECONDS = 5;

  private final Database db;
  private final RollupEngine rollups;
  private final GoalService goals;
  private final Clock clock;
  private final EmbeddedGraph graph;
  private final ExportSlots slots;

  /** The exports of {@code db}'s learner, taking their slots from the server's {@code slots}. */
  public ExportService(
      Database db, RollupEngine rollups, GoalService goals, Clock clock, ExportSlots slots) {
    this.db = db;
    this.rollups = rollups;
    this.goals = goals;
    this.clock = clock;
    this.graph = new EmbeddedGraph(db);
    this.slots = slots;
  }

  /**
   * Takes an export slot and records the export as started. Close the returned export (after {@link
   * Export#writeTo}) to give the slot back.
   *
   * @throws TooManyRequests when {@value #MAX_CONCURRENT} exports, of any learners, are already
   *     running
   */
  public Export start(ExportRequest request) {
    if (!slots.tryTake()) {
      throw new TooManyRequests(
          "at most "
              + MAX_CONCURRENT
              + " exports can run at once; retry in "
              + RETRY_AFTER_SECONDS
              + " seconds",
          RETRY_AFTER_SECONDS);
    }
    try {
      ExportScope scope =
          ExportScope.of(UUID.randomUUID().toString(), request, clock.millis(), rollups.buckets());
      ExportHistory.started(db, scope);
      return new Export(this, scope);
    } catch (RuntimeException e) {
      slots.release();
      throw e;
    }
  }

  /** Starts, writes and finishes one export. */
  public ExportResult export(ExportRequest request, OutputStream out) throws IOException {
    try (Export e = start(request)) {
      return e.writeTo(out);
    }
  }

  /** The id of every {@link #fingerprint} export. */
  public static final String FINGERPRINT_ID = "00000000-0000-0000-0000-000000000000";

  /**
   * Writes a JSON export of everything (period {@code all}) with the fixed id {@link
   * #FINGERPRINT_ID}, not recorded in {@code export_history}: on a service whose clock is fixed,
   * its checksum depends on the stored data alone. It covers the learner of this service's view
   * only, like every export; {@link FileFingerprint} combines every learner's into the checksum of
   * a whole file, by which backup and restore compare two copies of a database.
   */
  public ExportResult fingerprint(OutputStream out) throws IOException {
    ExportRequest all = ExportRequest.parse("json", "all", null);
    return write(
        ExportScope.of(FINGERPRINT_ID, all, clock.millis(), rollups.buckets()), out, false);
  }

  /** Exports running now, of every learner sharing this service's slots. */
  public int running() {
    return slots.running();
  }

  ExportResult write(ExportScope scope, OutputStream out) throws IOException {
    return write(scope, out, true);
  }

  private ExportResult write(ExportScope scope, OutputStream out, boolean record)
      throws IOException {
    if (rollups.dirtyCount() > 0) {
      rollups.refreshDirty(); // the summaries must describe the same events as the raw rows
    }
    ExportResult result;
    try (ExportSource source = new ExportSource(db, scope)) {
      result = write(scope, source, out);
    } catch (SQLException e) {
      throw new StoreException("reading the export failed", e);
    }
    if (record) {
      ExportHistory.finished(db, result);
    }
    return result;
  }

  /** Computes the facts, then streams the document in the requested format. */
  private ExportResult write(ExportScope scope, ExportSource source, OutputStream out)
      throws IOException, SQLException {
    RollupRows rows = new RollupRows(rollups);
    ExportFacts facts = ExportFacts.collect(scope, source, rows, goals, graph, rollups.buckets());
    return scope.request().format().equals("csv")
        ? new CsvExport(scope, source.rows(), facts, rows).write(out)
        : new JsonExport(scope, source.rows(), facts, rows).write(out);
  }

  void release() {
    slots.release();
  }
}
