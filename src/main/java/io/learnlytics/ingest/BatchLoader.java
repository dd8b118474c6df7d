package io.learnlytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Feeds a stream of events to {@link IngestService} in NDJSON batches through the same parse,
 * validate and write path as {@code POST /api/events}. Used by the demo loader, the file ingest
 * command and the ingest benchmark. Not thread-safe.
 */
public final class BatchLoader implements AutoCloseable {
  private final IngestService ingest;
  private final int batchSize;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
  private int pending;
  private long sent;
  private long accepted;
  private long duplicates;
  private long conflicts;

  public BatchLoader(IngestService ingest, int batchSize) {
    if (batchSize < 1 || batchSize > IngestService.MAX_EVENTS) {
      throw new IllegalArgumentException(
          "batch size must be 1.." + IngestService.MAX_EVENTS + ", got " + batchSize);
    }
    this.ingest = ingest;
    this.batchSize = batchSize;
  }

  /** Queues one event; sends the batch when it is full. */
  public void add(JsonNode event) {
    try {
      Json.MAPPER.writeValue(buffer, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    buffer.write('\n');
    if (++pending == batchSize || buffer.size() > IngestService.MAX_BODY_BYTES / 2) {
      flush();
    }
  }

  /** Sends what is queued. A rejected batch throws; earlier batches stay written. */
  public void flush() {
    if (pending == 0) {
      return;
    }
    IngestResult r = ingest.ingest(buffer.toByteArray(), true);
    sent += pending;
    accepted += r.accepted();
    duplicates += r.duplicates();
    conflicts += r.conflicts().size();
    buffer.reset();
    pending = 0;
  }

  /** Events sent in completed batches. */
  public long sent() {
    return sent;
  }

  public long accepted() {
    return accepted;
  }

  public long duplicates() {
    return duplicates;
  }

  public long conflicts() {
    return conflicts;
  }

  @Override
  public void close() {
    flush();
  }
}
