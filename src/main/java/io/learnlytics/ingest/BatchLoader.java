package io.learnlytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * Feeds a stream of already-parsed events to {@link IngestService} in batches, through the same
 * validation and write path as {@code POST /api/events}. Used by the demo loader and the file
 * ingest and import commands. A full batch is validated on the caller's thread and written on a
 * second one, so reading and validating the next batch overlaps the write of this one (the write is
 * about half of the time); at most one batch is being written at a time, in order. Not thread-safe.
 */
public final class BatchLoader implements AutoCloseable {
  private final IngestService ingest;
  private final int batchSize;
  private List<JsonNode> pending = new ArrayList<>();
  private @Nullable ExecutorService writer;
  private @Nullable CompletableFuture<IngestResult> inFlight;
  private int inFlightSize;
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

  /** Queues one event; sends the batch when it is full (its write may still be running). */
  public void add(JsonNode event) {
    pending.add(event);
    if (pending.size() == batchSize) {
      send();
    }
  }

  /**
   * Sends what is queued and waits until every batch is written. A rejected batch throws; earlier
   * batches stay written.
   */
  public void flush() {
    try {
      if (!pending.isEmpty()) {
        send();
      }
      awaitInFlight();
    } finally {
      if (writer != null) {
        writer.shutdown();
        writer = null;
      }
    }
  }

  private void send() {
    IngestService.Validated batch;
    try {
      batch = ingest.validate(pending);
    } catch (RuntimeException e) {
      awaitInFlight(); // the batches before this one are written (or fail first)
      throw e;
    }
    awaitInFlight();
    if (writer == null) {
      writer =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "batch-writer");
                t.setDaemon(true);
                return t;
              });
    }
    inFlightSize = pending.size();
    inFlight = CompletableFuture.supplyAsync(() -> ingest.write(batch, (c, r) -> {}), writer);
    pending = new ArrayList<>();
  }

  private void awaitInFlight() {
    if (inFlight == null) {
      return;
    }
    IngestResult r;
    try {
      r = inFlight.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } finally {
      inFlight = null;
    }
    sent += inFlightSize;
    accepted += r.accepted();
    duplicates += r.duplicates();
    conflicts += r.conflicts().size();
  }

  /** Events in batches written so far. */
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
