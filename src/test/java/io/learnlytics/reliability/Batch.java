package io.learnlytics.reliability;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.support.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One ingest batch of the crash test with ids unique to it, and what its client learned: the
 * answer's status and counts, or nothing when the connection died first. The stored ids are keyed
 * {@code table:id} so that {@link CrashDb} can find every event of the batch after a restart.
 */
final class Batch {
  static final int NO_ANSWER = -1;
  private static final String[] FEEDBACK = {"thumbs_up", "thumbs_down", "rating", "correction"};
  private static final ZoneOffset[] OFFSETS = {
    ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-8)
  };

  final String name;
  final String body;
  final List<String> keys = new ArrayList<>();
  private volatile int status = NO_ANSWER;
  private volatile long accepted;
  private volatile long duplicates;

  private Batch(String name, String body, List<String> keys) {
    this.name = name;
    this.body = body;
    this.keys.addAll(keys);
  }

  /**
   * 1-6 exchanges within the last 40 days, in sessions shared with other batches (a late exchange
   * moves a session's start, and with it the days the refresh must recompute), about half of them
   * scored, some with feedback, and now and then a concept relation.
   */
  static Batch random(String name, Random r, Instant now) {
    ArrayNode events = Json.MAPPER.createArrayNode();
    List<String> keys = new ArrayList<>();
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      String id = name + "-x" + i;
      Instant ts = now.minusSeconds(60 + r.nextInt(40 * 86_400));
      ObjectNode x = events.addObject().put("kind", "exchange").put("id", id);
      x.put("session_id", "s" + r.nextInt(60));
      x.put("timestamp", ts.atOffset(OFFSETS[r.nextInt(OFFSETS.length)]).toString());
      x.put("duration_ms", r.nextInt(120_000)).put("user_text", "question " + id);
      x.putArray("topics").add("topic-" + r.nextInt(8)).add("topic-" + r.nextInt(8));
      keys.add("exchanges:" + id);
      if (r.nextBoolean()) {
        ObjectNode q = events.addObject().put("kind", "quality").put("id", id + "-q");
        q.put("exchange_id", id).put("relevance", r.nextDouble()).put("clarity", r.nextDouble());
        keys.add("quality_scores:" + id + "-q");
      }
      if (r.nextInt(3) == 0) {
        keys.add("feedback:" + feedback(events.addObject(), id, ts, r));
      }
    }
    if (r.nextInt(5) == 0) {
      ObjectNode rel = events.addObject().put("kind", "relation").put("id", name + "-r");
      int source = r.nextInt(8);
      rel.put("source", "topic-" + source)
          .put("target", "topic-" + (source + 1 + r.nextInt(7)) % 8);
      rel.put("type", "BUILDS_ON");
      keys.add("concept_relations:" + name + "-r");
    }
    return new Batch(name, events.toString(), keys);
  }

  private static String feedback(ObjectNode f, String exchangeId, Instant ts, Random r) {
    String type = FEEDBACK[r.nextInt(FEEDBACK.length)];
    f.put("kind", "feedback").put("id", exchangeId + "-f").put("exchange_id", exchangeId);
    f.put("timestamp", ts.plusSeconds(5).toString()).put("type", type);
    if (type.equals("rating")) {
      f.put("rating", 1 + r.nextInt(5));
    }
    return exchangeId + "-f";
  }

  int size() {
    return keys.size();
  }

  void answered(int code, long acceptedCount, long duplicateCount) {
    accepted = acceptedCount;
    duplicates = duplicateCount;
    status = code;
  }

  /** True when the server answered 2xx: from then on every event of the batch must be stored. */
  boolean acknowledged() {
    int s = status;
    return s >= 200 && s < 300;
  }

  int status() {
    return status;
  }

  long accepted() {
    return accepted;
  }

  long duplicates() {
    return duplicates;
  }
}
