package io.learnlytics.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.support.Json;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * The continuous ingest of the load run: NDJSON batches of exchanges (each with a quality score) in
 * sessions of the last 24 hours, as a voice assistant posts them. Ids carry a per-run prefix, so
 * every event is new even on a database an earlier run wrote to, and each batch really writes.
 * Timestamps fall in the recent days, so every commit marks rollups of the dashboard's periods
 * dirty and empties the response cache, as real ingest does.
 */
final class LoadBatches {
  static final String[] TOPICS = {"algebra", "geometry", "french", "chemistry", "history"};

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final Instant now;
  private final int exchangesPerBatch;
  private final Random random = new Random(42);
  private long next;

  LoadBatches(Instant now, int exchangesPerBatch) {
    this.now = now;
    this.exchangesPerBatch = exchangesPerBatch;
  }

  /** Events (exchanges and their scores) in each batch. */
  int eventsPerBatch() {
    return exchangesPerBatch * 2;
  }

  /** The next batch; one ingest client calls this, so it needs no locking. */
  byte[] next() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(exchangesPerBatch * 400);
    String session = "load-" + run + "-s" + next;
    Instant start = now.minusSeconds(60 + random.nextInt(86_400));
    for (int i = 0; i < exchangesPerBatch; i++) {
      String id = "load-" + run + "-" + next++;
      Instant at = start.plusSeconds(20L * i);
      write(out, exchange(id, session, at));
      write(out, quality(id));
    }
    return out.toByteArray();
  }

  private ObjectNode exchange(String id, String session, Instant at) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "exchange");
    n.put("id", id);
    n.put("session_id", session);
    n.put("timestamp", at.toString());
    n.put("user_text", "load question " + id);
    n.put("agent_text", "load answer");
    n.put("duration_ms", 1000 + random.nextInt(9000));
    n.putArray("topics").add(TOPICS[random.nextInt(TOPICS.length)]);
    return n;
  }

  private ObjectNode quality(String exchangeId) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "quality");
    n.put("id", "q-" + exchangeId);
    n.put("exchange_id", exchangeId);
    n.put("relevance", random.nextDouble());
    n.put("helpfulness", random.nextDouble());
    return n;
  }

  private static void write(ByteArrayOutputStream out, ObjectNode event) {
    try {
      out.writeBytes(Json.MAPPER.writeValueAsBytes(event));
      out.write('\n');
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event could not be serialised", e);
    }
  }
}
