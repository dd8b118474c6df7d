package io.learnlytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.DirtyMarks;
import io.learnlytics.store.Database;
import io.learnlytics.store.StoreException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one way events enter the database: parse, validate the whole batch, then write it in one
 * transaction. A batch with any invalid event writes nothing.
 */
public final class IngestService {
  /** Largest accepted request body (DESIGN.md §4). */
  public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  /** Most events accepted in one batch (DESIGN.md §4). */
  public static final int MAX_EVENTS = 50_000;

  private final Database db;
  private final Clock clock;
  private final Buckets buckets;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public IngestService(Database db, Clock clock, Buckets buckets) {
    this.db = db;
    this.clock = clock;
    this.buckets = buckets;
  }

  /** Runs {@code listener} after every batch that stored at least one event. */
  public void onCommit(Runnable listener) {
    listeners.add(listener);
  }

  /** Ingests a body holding a JSON object, a JSON array of objects, or NDJSON lines. */
  public IngestResult ingest(byte[] body, boolean ndjson) {
    return ingest(EventParser.parse(body, ndjson));
  }

  /** Ingests already-parsed event objects. */
  public IngestResult ingest(List<JsonNode> nodes) {
    List<Event> events = EventValidator.validate(nodes);
    long now = clock.millis();
    IngestResult result;
    try {
      result =
          db.writer()
              .inTransaction(
                  h ->
                      new BatchWriter(h.getConnection(), now, new DirtyMarks(buckets))
                          .write(events));
    } catch (SQLException e) {
      throw new StoreException("writing a batch of " + events.size() + " events failed", e);
    }
    if (result.accepted() > 0) {
      listeners.forEach(Runnable::run);
    }
    return result;
  }
}
