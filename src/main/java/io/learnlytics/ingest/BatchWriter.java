package io.learnlytics.ingest;

import io.learnlytics.ingest.IngestResult.Conflict;
import io.learnlytics.rollup.DirtyMarks;
import io.learnlytics.support.ApiException.FieldError;
import io.learnlytics.support.ApiException.InvalidInput;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes one validated batch of {@code learner}'s events inside the caller's (single, IMMEDIATE)
 * transaction. Every statement binds the learner: ids, sessions and concepts match theirs only.
 *
 * <p>Each kind is inserted with {@code ON CONFLICT(learner_id, id) DO NOTHING} as one JDBC batch;
 * an update count of 0 means the id was already stored, and comparing the stored fingerprint tells
 * an idempotent retry from a conflict. Derived tables (sessions, concepts) are then updated only
 * from the rows actually inserted, aggregated per batch so that a 50 000-event batch costs one
 * upsert per session and per topic rather than one per exchange.
 */
final class BatchWriter {
  private final Connection conn;
  private final String learner;
  private final long nowUtc;
  private final DirtyMarks marks;
  private final TopicDictionary.Batch topics;
  private int accepted;
  private int duplicates;
  private final List<Conflict> conflicts = new ArrayList<>();

  BatchWriter(
      Connection conn,
      String learner,
      long nowUtc,
      DirtyMarks marks,
      TopicDictionary.Batch topics) {
    this.conn = conn;
    this.learner = learner;
    this.nowUtc = nowUtc;
    this.marks = marks;
    this.topics = topics;
  }

  /** What a quality score takes from its exchange: time (when it has none) and topic ids. */
  private record ExchangeInfo(long tsUtc, int offsetSeconds, @Nullable String topicIds) {}

  /** A validated event with its position in the request. */
  record Item<E extends Event>(int index, E event) {}

  /** A batch's events sorted by kind, each keeping its position in the request. */
  private record ByKind(
      List<Item<Event.Exchange>> exchanges,
      List<Item<Event.Feedback>> feedback,
      List<Item<Event.Quality>> quality,
      List<Item<Event.Relation>> relations) {

    static ByKind of(List<Event> events) {
      ByKind batch =
          new ByKind(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (int i = 0; i < events.size(); i++) {
        batch.add(i, events.get(i));
      }
      return batch;
    }

    private void add(int index, Event e) {
      if (e instanceof Event.Exchange x) {
        exchanges.add(new Item<>(index, x));
      } else if (e instanceof Event.Feedback f) {
        feedback.add(new Item<>(index, f));
      } else if (e instanceof Event.Quality q) {
        quality.add(new Item<>(index, q));
      } else if (e instanceof Event.Relation r) {
        relations.add(new Item<>(index, r));
      }
    }
  }

  IngestResult write(List<Event> events) throws SQLException {
    ByKind batch = ByKind.of(events);
    Map<String, ExchangeInfo> known = writeExchanges(batch.exchanges());
    insert(batch.feedback(), "feedback", EventInserts.FEEDBACK, f -> null)
        .forEach(f -> marks.touch(f.tsUtc()));
    writeQuality(batch.quality(), known);
    ensureConcepts(batch.relations());
    insert(batch.relations(), "concept_relations", EventInserts.RELATION, r -> null);
    marks.write(conn, nowUtc);
    return new IngestResult(accepted, duplicates, conflicts);
  }

  /**
   * Inserts the exchanges and folds the new ones into scores, sessions and concepts; returns what a
   * quality score takes from each new exchange, by id.
   */
  private Map<String, ExchangeInfo> writeExchanges(List<Item<Event.Exchange>> exchanges)
      throws SQLException {
    Map<Event.Exchange, String> topicIds = new IdentityHashMap<>();
    for (Item<Event.Exchange> item : exchanges) {
      topicIds.put(item.event(), topics.ids(item.event().topics()));
    }
    List<Event.Exchange> newExchanges =
        insert(exchanges, "exchanges", EventInserts.EXCHANGE, topicIds::get);
    newExchanges.forEach(e -> marks.touch(e.tsUtc()));
    Map<String, ExchangeInfo> known = new HashMap<>();
    for (Event.Exchange e : newExchanges) {
      known.put(e.id(), new ExchangeInfo(e.tsUtc(), e.offsetSeconds(), topicIds.get(e)));
    }
    new WaitingScores(conn, learner, marks).exchangesArrived(known);
    updateSessions(newExchanges, topicIds);
    updateConcepts(newExchanges);
    return known;
  }

  /** Inserts the placed scores; those whose exchange is not stored yet wait for it. */
  private void writeQuality(List<Item<Event.Quality>> quality, Map<String, ExchangeInfo> known)
      throws SQLException {
    Map<Event.Quality, String> scoreTopics = new IdentityHashMap<>();
    List<Item<Event.Quality>> placed = placeQuality(quality, known, scoreTopics);
    List<Event.Quality> newScores =
        insert(placed, "quality_scores", EventInserts.QUALITY, scoreTopics::get);
    // placeQuality gave every placed score its time
    newScores.forEach(q -> marks.touch(Objects.requireNonNull(q.tsUtc())));
    new WaitingScores(conn, learner, marks)
        .scoresWithoutExchange(
            newScores.stream().filter(q -> !scoreTopics.containsKey(q)).toList());
  }

  /** Inserts one kind's items; returns the new ones and sorts the re-sent ones. */
  private <E extends Event> List<E> insert(
      List<Item<E>> items,
      String table,
      EventInserts.Binder<E> binder,
      java.util.function.Function<E, String> topicIds)
      throws SQLException {
    List<E> inserted = new ArrayList<>(items.size());
    if (items.isEmpty()) {
      return inserted;
    }
    int[] counts = EventBatch.insert(conn, items, binder, nowUtc, topicIds, learner);
    List<Item<E>> existing = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (counts[i] > 0) {
        inserted.add(items.get(i).event());
      } else {
        existing.add(items.get(i));
      }
    }
    accepted += inserted.size();
    classifyExisting(existing, table);
    return inserted;
  }

  /** Splits re-sent ids into idempotent duplicates and conflicts by their stored fingerprint. */
  private <E extends Event> void classifyExisting(List<Item<E>> existing, String table)
      throws SQLException {
    if (existing.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT fingerprint FROM " + table + " WHERE learner_id = ? AND id = ?")) {
      ps.setString(1, learner);
      for (Item<E> item : existing) {
        if (storedFingerprint(ps, item.event().id()) == item.event().fingerprint()) {
          duplicates++;
        } else {
          conflicts.add(conflict(item));
        }
      }
    }
  }

  private static long storedFingerprint(PreparedStatement ps, String id) throws SQLException {
    ps.setString(2, id);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Conflict conflict(Item<? extends Event> item) {
    Event e = item.event();
    return new Conflict(
        item.index(),
        e.kind(),
        e.id(),
        "a " + e.kind() + " with this id is already stored with different content; not applied");
  }

  /**
   * Places each quality score: one without a timestamp takes its exchange's, and every score takes
   * its exchange's topic ids (into {@code topicIds}; absent when the exchange is not stored yet).
   * The exchange may come earlier in this batch or from an earlier batch. A score without a
   * timestamp whose exchange is unknown rejects the whole batch: it could not be placed in time.
   */
  private List<Item<Event.Quality>> placeQuality(
      List<Item<Event.Quality>> items,
      Map<String, ExchangeInfo> known,
      Map<Event.Quality, String> topicIds)
      throws SQLException {
    Map<String, ExchangeInfo> stored = storedExchanges(items, known);
    List<Item<Event.Quality>> out = new ArrayList<>(items.size());
    List<FieldError> errors = new ArrayList<>();
    for (Item<Event.Quality> item : items) {
      Event.Quality q = item.event();
      ExchangeInfo x = known.getOrDefault(q.exchangeId(), stored.get(q.exchangeId()));
      if (x == null && q.tsUtc() == null) {
        errors.add(unplaceable(item));
        continue;
      }
      Event.Quality placedScore = q;
      if (x != null) {
        placedScore = q.tsUtc() != null ? q : q.at(x.tsUtc(), x.offsetSeconds());
        topicIds.put(placedScore, x.topicIds());
      }
      out.add(new Item<>(item.index(), placedScore));
    }
    requireAllPlaced(errors);
    return out;
  }

  private static void requireAllPlaced(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidInput(
          errors.size() + " quality scores cannot be placed in time; nothing was written", errors);
    }
  }

  private static FieldError unplaceable(Item<Event.Quality> item) {
    return new FieldError(
        item.index(),
        "timestamp",
        "is required when exchange '" + item.event().exchangeId() + "' is not ingested yet");
  }

  /** The stored exchanges of the scores whose exchange is not new in this batch, by id. */
  private Map<String, ExchangeInfo> storedExchanges(
      List<Item<Event.Quality>> items, Map<String, ExchangeInfo> known) throws SQLException {
    Map<String, ExchangeInfo> stored = new HashMap<>();
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT ts_utc, utc_offset_s, topic_ids FROM exchanges"
                + " WHERE learner_id = ? AND id = ?")) {
      ps.setString(1, learner);
      for (Item<Event.Quality> item : items) {
        String id = item.event().exchangeId();
        if (!known.containsKey(id) && !stored.containsKey(id)) {
          ExchangeInfo x = lookup(ps, id);
          if (x != null) {
            stored.put(id, x);
          }
        }
      }
    }
    return stored;
  }

  private static @Nullable ExchangeInfo lookup(PreparedStatement ps, String exchangeId)
      throws SQLException {
    ps.setString(2, exchangeId);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? new ExchangeInfo(rs.getLong(1), rs.getInt(2), rs.getString(3)) : null;
    }
  }

  /** Folds the batch's new exchanges into their sessions (first start, last end, count). */
  private void updateSessions(List<Event.Exchange> inserted, Map<Event.Exchange, String> topicIds)
      throws SQLException {
    Map<String, SessionDelta> deltas = new LinkedHashMap<>();
    for (Event.Exchange e : inserted) {
      deltas.computeIfAbsent(e.sessionId(), id -> new SessionDelta(e)).add(e, topicIds.get(e));
    }
    markSessionStarts(deltas);
    try (PreparedStatement ps = conn.prepareStatement(UPSERT_SESSION)) {
      for (Map.Entry<String, SessionDelta> en : deltas.entrySet()) {
        en.getValue().bind(ps, en.getKey(), learner);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  // Every SET expression sees the old row, so the order of the assignments does not matter.
  // On a tie of last exchange times the longer duration wins, so the result is order-independent.
  // Old values are named by table (PostgreSQL finds bare names ambiguous), and CASE stands for the
  // two-argument min/max, which SQLite spells min/max and PostgreSQL LEAST/GREATEST.
  private static final String UPSERT_SESSION =
      "INSERT INTO sessions (session_id, start_utc, start_offset_s, last_utc, last_duration_ms,"
          + " exchange_count, topic_ids, learner_id) VALUES (?,?,?,?,?,?,?,?)"
          + " ON CONFLICT (learner_id, session_id)"
          + " DO UPDATE SET topic_ids = excluded.topic_ids,"
          + " start_offset_s = CASE WHEN excluded.start_utc < sessions.start_utc"
          + "   THEN excluded.start_offset_s ELSE sessions.start_offset_s END,"
          + " start_utc = CASE WHEN excluded.start_utc < sessions.start_utc"
          + "   THEN excluded.start_utc ELSE sessions.start_utc END,"
          + " last_duration_ms = CASE WHEN excluded.last_utc > sessions.last_utc"
          + "   THEN excluded.last_duration_ms"
          + "   WHEN excluded.last_utc = sessions.last_utc"
          + "   AND excluded.last_duration_ms > sessions.last_duration_ms"
          + "   THEN excluded.last_duration_ms ELSE sessions.last_duration_ms END,"
          + " last_utc = CASE WHEN excluded.last_utc > sessions.last_utc"
          + "   THEN excluded.last_utc ELSE sessions.last_utc END,"
          + " exchange_count = sessions.exchange_count + excluded.exchange_count";

  /**
   * A session counts in the buckets of its start: both the buckets of its stored start and those of
   * the batch's earliest exchange change when a late exchange moves the start or the duration. The
   * stored session's topics join the batch's, so that the row keeps their union.
   */
  private void markSessionStarts(Map<String, SessionDelta> deltas) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "SELECT start_utc, topic_ids FROM sessions WHERE learner_id = ? AND session_id = ?")) {
      ps.setString(1, learner);
      for (Map.Entry<String, SessionDelta> en : deltas.entrySet()) {
        marks.touch(en.getValue().startUtc);
        ps.setString(2, en.getKey());
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            marks.touch(rs.getLong(1));
            en.getValue().addTopicIds(rs.getString(2));
          }
        }
      }
    }
  }

  /** Adds the batch's new exchanges to the frequency and first/last sighting of their topics. */
  private void updateConcepts(List<Event.Exchange> inserted) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(UPSERT_CONCEPT)) {
      for (Map.Entry<String, long[]> en : conceptDeltas(inserted).entrySet()) {
        ps.setString(1, en.getKey());
        ps.setLong(2, en.getValue()[0]);
        ps.setLong(3, en.getValue()[1]);
        ps.setLong(4, en.getValue()[2]);
        ps.setString(5, learner);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Per topic name: {count, first, last} of the batch's new exchanges. */
  private static Map<String, long[]> conceptDeltas(List<Event.Exchange> inserted) {
    Map<String, long[]> deltas = new LinkedHashMap<>();
    for (Event.Exchange e : inserted) {
      for (String topic : e.topics()) {
        long[] d = deltas.computeIfAbsent(topic, t -> new long[] {0, e.tsUtc(), e.tsUtc()});
        d[0]++;
        d[1] = Math.min(d[1], e.tsUtc());
        d[2] = Math.max(d[2], e.tsUtc());
      }
    }
    return deltas;
  }

  private static final String UPSERT_CONCEPT =
      "INSERT INTO concepts (name, frequency, first_seen_utc, last_seen_utc, learner_id)"
          + " VALUES (?,?,?,?,?)"
          + " ON CONFLICT (learner_id, name) DO UPDATE"
          + " SET frequency = concepts.frequency + excluded.frequency,"
          + " first_seen_utc = CASE WHEN concepts.first_seen_utc < excluded.first_seen_utc"
          + "   THEN concepts.first_seen_utc ELSE excluded.first_seen_utc END,"
          + " last_seen_utc = CASE WHEN concepts.last_seen_utc > excluded.last_seen_utc"
          + "   THEN concepts.last_seen_utc ELSE excluded.last_seen_utc END";

  /** Relations may name concepts no exchange has mentioned yet; they exist with frequency 0. */
  private void ensureConcepts(List<Item<Event.Relation>> relations) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement(
            "INSERT INTO concepts (learner_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      for (Item<Event.Relation> item : relations) {
        ps.setString(1, learner);
        ps.setString(2, item.event().source());
        ps.addBatch();
        ps.setString(2, item.event().target());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
