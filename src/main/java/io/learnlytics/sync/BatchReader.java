package io.learnlytics.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.support.ApiException.FieldError;
import io.learnlytics.support.ApiException.InvalidInput;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of a sync: reads a table's rows in rowid order, maps them to events and validates
 * them, one batch at a time. It touches only the source file, so it runs on its own thread while
 * the previous batch is written.
 *
 * <p>Rows at or below {@code alreadyRead} (a rescan) are read again for their edits, but do not
 * count again in the watermark's running totals.
 */
final class BatchReader {
  private static final Logger LOG = LoggerFactory.getLogger(BatchReader.class);

  private final SourceDatabase src;
  private final SourceTables table;
  private final String sourceName;
  private final IngestService ingest;
  private final long alreadyRead;
  private long position;
  private @Nullable Long maxTsUtc;

  BatchReader(
      SourceDatabase src,
      SourceTables table,
      String sourceName,
      IngestService ingest,
      Watermarks.Mark start,
      boolean rescan) {
    this.src = src;
    this.table = table;
    this.sourceName = sourceName;
    this.ingest = ingest;
    this.alreadyRead = start.lastRowid();
    this.position = rescan ? 0 : start.lastRowid();
    this.maxTsUtc = start.maxTsUtc();
  }

  /** The rows of one batch as validated events, and what was seen on the way. */
  static final class Batch {
    long lastRowid;
    @Nullable Long maxTsUtc;
    int read;
    int freshRead;
    int skipped;
    int freshSkipped;
    int late;
    int warnings;
    List<JsonNode> events = new ArrayList<>();
    List<Long> rowOfEvent = new ArrayList<>();
    IngestService.@Nullable Validated validated;
  }

  /** The next batch of up to {@code limit} rows, or null when there are no more. */
  @Nullable Batch next(int limit) throws SQLException {
    List<SourceRow> rows = src.rowsAfter(table.table, position, limit);
    if (rows.isEmpty()) {
      return null;
    }
    Batch b = new Batch();
    Long maxBefore = maxTsUtc;
    for (SourceRow row : rows) {
      boolean fresh = row.rowid() > alreadyRead;
      b.read++;
      if (fresh) {
        b.freshRead++;
      }
      RowMapper.Mapped m = RowMapper.map(table, row);
      if (m.skip() != null) {
        skip(b, row.rowid(), m.skip());
        continue;
      }
      if (m.warning() != null) {
        b.warnings++;
        LOG.warn("sync {} {} row {}: {}", sourceName, table.table, row.rowid(), m.warning());
      }
      if (m.tsUtc() != null) {
        if (fresh && maxBefore != null && m.tsUtc() < maxBefore) {
          b.late++;
        }
        maxTsUtc = maxTsUtc == null ? m.tsUtc() : Math.max(maxTsUtc, m.tsUtc());
      }
      for (JsonNode e : m.events()) {
        b.events.add(e);
        b.rowOfEvent.add(row.rowid());
      }
    }
    position = rows.get(rows.size() - 1).rowid();
    b.lastRowid = position;
    b.maxTsUtc = maxTsUtc;
    b.validated = validate(b);
    return b;
  }

  /** Validates the batch's events; rows with a refused event are skipped and the rest kept. */
  private IngestService.Validated validate(Batch b) {
    while (true) {
      try {
        return ingest.validate(b.events);
      } catch (InvalidInput e) {
        dropRefused(b, e);
      }
    }
  }

  /**
   * Drops the events {@code e} refuses, by index, skipping (counted, logged) the rows they came
   * from. Rethrows {@code e} when it is about the batch as a whole, or refuses nothing in it.
   */
  void dropRefused(Batch b, InvalidInput e) {
    Map<Integer, String> refused = new LinkedHashMap<>();
    for (FieldError d : e.details()) {
      if (d.index() == null) {
        throw e; // about the batch as a whole: not a row's fault
      }
      refused.merge(d.index(), d.field() + " " + d.message(), (x, y) -> x + "; " + y);
    }
    Map<Long, String> refusedRows = new LinkedHashMap<>(); // a row with a refused event goes whole
    refused.forEach(
        (i, why) -> refusedRows.merge(b.rowOfEvent.get(i), why, (x, y) -> x + "; " + y));
    refusedRows.forEach((rowid, why) -> skip(b, rowid, why));
    List<JsonNode> keep = new ArrayList<>();
    List<Long> keepRows = new ArrayList<>();
    for (int i = 0; i < b.events.size(); i++) {
      if (!refusedRows.containsKey(b.rowOfEvent.get(i))) {
        keep.add(b.events.get(i));
        keepRows.add(b.rowOfEvent.get(i));
      }
    }
    if (keep.size() == b.events.size()) {
      throw e; // nothing attributable: do not loop
    }
    b.events = keep;
    b.rowOfEvent = keepRows;
  }

  private void skip(Batch b, long rowid, String why) {
    b.skipped++;
    if (rowid > alreadyRead) {
      b.freshSkipped++;
    }
    LOG.warn("sync {} {} row {} skipped: {}", sourceName, table.table, rowid, why);
  }
}
