package io.learnlytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.config.Ingest;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.DirtyMarks;
import io.learnlytics.store.Database;
import io.learnlytics.store.Dialect;
import io.learnlytics.support.AllowedValues;
import io.learnlytics.support.ApiException.InvalidInput;
import io.learnlytics.support.ApiException.NotFound;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The one way events enter the database: parse, validate the whole batch, then write it in one
 * transaction. A batch with any invalid event writes nothing.
 *
 * <p>Events are the learner's of the view it is built on ({@link Database#learner()}): ids,
 * duplicates, sessions, waiting scores and concepts are all that learner's. Topic names are shared
 * by all learners (an id per name, internal), so one dictionary serves every view.
 */
public final class IngestService {
  /** Largest accepted request body (DESIGN.md §4). */
  public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  /** Most events accepted in one batch (DESIGN.md §4). */
  public static final int MAX_EVENTS = 50_000;

  private final Database db;
  private final Clock clock;
  private final Buckets buckets;
  private final Ingest limits;
  private final TopicDictionary topics = new TopicDictionary();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  public IngestService(Database db, Clock clock, Buckets buckets, Ingest limits) {
    this.db = db;
    this.clock = clock;
    this.buckets = buckets;
    this.limits = limits;
  }

  /** Whose events this service stores and deletes. */
  public String learner() {
    return db.learner();
  }

  /** Runs {@code listener} after every batch that stored at least one event. */
  public void onCommit(Runnable listener) {
    listeners.add(listener);
  }

  /** Ingests a body holding a JSON object, a JSON array of objects, or NDJSON lines. */
  public IngestResult ingest(byte[] body, boolean ndjson) {
    return ingest(new ByteArrayInputStream(body), ndjson);
  }

  /** Ingests a body as it streams in; nothing is written unless all of it is valid. */
  public IngestResult ingest(InputStream body, boolean ndjson) {
    EventValidator validator = new EventValidator(window(), db.dialect() == Dialect.SQLITE);
    EventParser.parse(body, ndjson, validator::add);
    return write(validator.events());
  }

  /** Ingests already-parsed event objects. */
  public IngestResult ingest(List<JsonNode> nodes) {
    return write(validate(nodes), (c, r) -> {});
  }

  /** A batch that passed validation and is ready to be written. */
  public record Validated(List<Event> events) {
    public int size() {
      return events.size();
    }
  }

  /** Work done in the same transaction as a batch's events, knowing what was stored. */
  public interface AlsoInTransaction {
    void run(Connection c, IngestResult result) throws SQLException;
  }

  /**
   * Validates event objects without touching the database, so that a caller can validate the next
   * batch while the previous one is written.
   *
   * @throws InvalidInput naming every refused event by index
   */
  public Validated validate(List<JsonNode> nodes) {
    EventValidator validator = new EventValidator(window(), db.dialect() == Dialect.SQLITE);
    nodes.forEach(validator::add);
    return new Validated(validator.events());
  }

  /**
   * Writes a validated batch in one transaction, with {@code also} (a sync watermark, say) in the
   * same transaction: both are stored, or neither.
   */
  public IngestResult write(Validated batch, AlsoInTransaction also) {
    return write(batch.events(), also);
  }

  /**
   * Deletes one event, and with an exchange its feedback and quality scores; sessions, concepts and
   * (through dirty marks) rollups follow. Deleting an id makes it free again: re-sending the event
   * stores it anew.
   *
   * @param kind the event's kind, or null to let the id decide (it must then be of one kind only)
   * @throws NotFound when no event has this id (of this kind)
   * @throws InvalidInput when {@code kind} is unknown, or the id is stored under several kinds
   */
  public Erased forget(String id, @Nullable String kind) {
    // ASCII case ignored, as in every enumerated query parameter (DELETE /api/events/{id}?kind=)
    String known = kind == null ? null : EventValidator.KINDS.checkIgnoringCase("kind", kind);
    return erase(
        "deleting event " + id,
        eraser -> {
          List<String> kinds = eraser.kindsOf(id);
          return eraser.byId(storedKind(id, known, kinds), id);
        });
  }

  /** The kind to delete {@code id} as, given the kinds it is stored under. */
  private static String storedKind(String id, @Nullable String kind, List<String> kinds) {
    if (kind != null ? !kinds.contains(kind) : kinds.isEmpty()) {
      throw new NotFound(
          "no " + (kind == null ? "event" : kind) + " with id '" + id + "' is stored");
    }
    if (kind == null && kinds.size() > 1) {
      throw InvalidInput.of(
          "kind",
          "id '"
              + id
              + "' is stored as "
              + String.join(" and ", kinds)
              + "; say which with kind="
              + kinds.get(0)
              + " (allowed values are "
              + AllowedValues.of(kinds)
              + ")");
    }
    return kind != null ? kind : kinds.get(0);
  }

  /**
   * Deletes every event timestamped before {@code cutoffUtc} (and the dependents of its exchanges).
   */
  public Erased forgetBefore(long cutoffUtc) {
    return erase("deleting events before " + cutoffUtc, eraser -> eraser.before(cutoffUtc));
  }

  private interface Erasure {
    Erased run(Eraser eraser) throws SQLException;
  }

  private Erased erase(String what, Erasure erasure) {
    long now = clock.millis();
    Erased erased =
        db.write(
            what,
            c -> {
              DirtyMarks marks = new DirtyMarks(buckets, db.learner());
              Erased e = erasure.run(new Eraser(c, db.learner(), marks));
              marks.write(c, now);
              return e;
            });
    if (erased.total() > 0) {
      listeners.forEach(Runnable::run);
    }
    return erased;
  }

  private TimeWindow window() {
    return TimeWindow.of(limits, clock.millis());
  }

  private IngestResult write(List<Event> events) {
    return write(events, (c, r) -> {});
  }

  private IngestResult write(List<Event> events, AlsoInTransaction also) {
    long now = clock.millis();
    TopicDictionary.Batch[] ids = new TopicDictionary.Batch[1];
    IngestResult result =
        db.write(
            "writing a batch of " + events.size() + " events",
            c -> {
              ids[0] = topics.batch(c);
              try {
                IngestResult r =
                    new BatchWriter(
                            c, db.learner(), now, new DirtyMarks(buckets, db.learner()), ids[0])
                        .write(events);
                also.run(c, r);
                return r;
              } finally {
                ids[0].close();
              }
            });
    ids[0].committed(); // only now: ids of a rolled-back batch must not be cached
    if (result.accepted() > 0) {
      listeners.forEach(Runnable::run);
    }
    return result;
  }
}
