package io.learnlytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a stream of already-parsed events to {@link IngestService} in batches, through the same
 * validation and write path as {@code POST /api/events}. Used by the demo loader and the file
 * ingest and import commands. Not thread-safe.
 */
public final class BatchLoader implements AutoCloseable {
  private final IngestService ingest;
  private final int batchSize;
  private final List<JsonNode> pending = new ArrayList<>();
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
    pending.add(event);
    if (pending.size() == batchSize) {
      flush();
    }
  }

  /** Sends what is queued. A rejected batch throws; earlier batches stay written. */
  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    IngestResult r = ingest.ingest(pending);
    sent += pending.size();
    accepted += r.accepted();
    duplicates += r.duplicates();
    conflicts += r.conflicts().size();
    pending.clear();
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
