package io.learnlytics.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.support.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded random learning history kept in memory as plain records, so tests can compute every
 * metric directly from it (the oracle) and also ingest it as JSON events. Sessions cluster around
 * DST changes and midnight, some span midnight, and events are sent with random UTC offsets (the
 * learner's zone, not the sender's offset, decides the buckets).
 */
final class History {
  record Exchange(String id, String session, long ts, long durationMs, List<String> topics) {}

  record Quality(
      String id,
      String exchangeId,
      Long ts,
      long effectiveTs,
      Double relevance,
      Double helpfulness,
      Double accuracy,
      Double clarity,
      Double engagement,
      Double composite) {
    /** The composite the server must store: as sent, or the renormalised weighted mean. */
    double effectiveComposite() {
      if (composite != null) {
        return composite;
      }
      double sum = 0;
      double w = 0;
      double[][] pairs = {
        {0.30, nan(relevance)},
        {0.25, nan(helpfulness)},
        {0.10, nan(accuracy)},
        {0.15, nan(clarity)},
        {0.20, nan(engagement)}
      };
      for (double[] p : pairs) {
        if (!Double.isNaN(p[1])) {
          sum += p[0] * p[1];
          w += p[0];
        }
      }
      return sum / w;
    }

    private static double nan(Double d) {
      return d == null ? Double.NaN : d;
    }
  }

  record Feedback(String id, String exchangeId, long ts, String type, Integer rating) {}

  static final String[] TOPICS = {"python", "recursion", "algebra", "spanish", "physics", "art"};
  static final String[] FEEDBACK_TYPES = {
    "thumbs_up",
    "thumbs_down",
    "copy",
    "share",
    "rating",
    "correction",
    "clarification",
    "follow_up"
  };

  final List<Exchange> exchanges = new ArrayList<>();
  final List<Quality> quality = new ArrayList<>();
  final List<Feedback> feedback = new ArrayList<>();

  /** Sessions spread over {@code days} days from {@code first}, many near {@code hotspot}. */
  static History random(long seed, ZoneId zone, ZonedDateTime first, int days, Instant hotspot) {
    Random r = new Random(seed);
    History h = new History();
    int sessions = 40 + r.nextInt(30);
    for (int s = 0; s < sessions; s++) {
      long start =
          r.nextInt(3) == 0
              ? hotspot.toEpochMilli() + (long) ((r.nextDouble() - 0.5) * 6 * 3_600_000)
              : first.toInstant().toEpochMilli() + (long) (r.nextDouble() * days * 86_400_000L);
      h.session("s" + s, start, r);
    }
    return h;
  }

  private void session(String id, long start, Random r) {
    int n = 1 + r.nextInt(8);
    long t = start;
    for (int i = 0; i < n; i++) {
      List<String> topics = new ArrayList<>();
      for (String topic : TOPICS) {
        if (r.nextInt(4) == 0) {
          topics.add(topic);
        }
      }
      String xid = id + "-x" + i;
      long duration = r.nextInt(5) == 0 ? 0 : r.nextInt(120_000);
      exchanges.add(new Exchange(xid, id, t, duration, topics));
      if (r.nextInt(10) < 8) {
        quality.add(randomQuality(xid, t, r));
      }
      if (r.nextInt(10) < 4) {
        String type = FEEDBACK_TYPES[r.nextInt(FEEDBACK_TYPES.length)];
        Integer rating = type.equals("rating") ? 1 + r.nextInt(5) : null;
        feedback.add(new Feedback(xid + "-f", xid, t + r.nextInt(90_000), type, rating));
      }
      // Gaps up to 40 minutes, so sessions span hour, day and DST boundaries.
      t += r.nextInt(40 * 60_000);
    }
  }

  private static Quality randomQuality(String xid, long t, Random r) {
    Double rel = r.nextInt(5) == 0 ? null : r.nextDouble();
    Double help = r.nextInt(5) == 0 ? null : r.nextDouble();
    Double acc = r.nextInt(5) == 0 ? null : r.nextDouble();
    Double cla = r.nextInt(5) == 0 ? null : r.nextDouble();
    Double eng = r.nextDouble();
    Double composite = r.nextBoolean() ? r.nextDouble() : null;
    boolean timed = r.nextBoolean();
    long ts = timed ? t + r.nextInt(30_000) : t;
    return new Quality(xid + "-q", xid, timed ? ts : null, ts, rel, help, acc, cla, eng, composite);
  }

  /** Every event as ingest JSON, exchanges first, with random sender offsets. */
  List<JsonNode> events(Random r) {
    List<JsonNode> out = new ArrayList<>();
    for (Exchange x : exchanges) {
      ObjectNode n = node("exchange", x.id());
      n.put("session_id", x.session()).put("timestamp", stamp(x.ts(), r));
      n.put("duration_ms", x.durationMs()).put("user_text", "q").put("agent_text", "a");
      x.topics().forEach(n.putArray("topics")::add);
      if (x.topics().isEmpty()) {
        n.putArray("topics");
      }
      out.add(n);
    }
    for (Quality q : quality) {
      ObjectNode n = node("quality", q.id()).put("exchange_id", q.exchangeId());
      if (q.ts() != null) {
        n.put("timestamp", stamp(q.ts(), r));
      }
      putIfSet(n, "relevance", q.relevance());
      putIfSet(n, "helpfulness", q.helpfulness());
      putIfSet(n, "accuracy", q.accuracy());
      putIfSet(n, "clarity", q.clarity());
      putIfSet(n, "engagement", q.engagement());
      putIfSet(n, "composite", q.composite());
      out.add(n);
    }
    for (Feedback f : feedback) {
      ObjectNode n = node("feedback", f.id()).put("exchange_id", f.exchangeId());
      n.put("timestamp", stamp(f.ts(), r)).put("type", f.type());
      if (f.rating() != null) {
        n.put("rating", f.rating());
      }
      out.add(n);
    }
    return out;
  }

  /** Events split into shuffled batches (late and out of order), exchanges before their scores. */
  List<List<JsonNode>> shuffledBatches(Random r) {
    List<JsonNode> all = events(r);
    int exchangeCount = exchanges.size();
    List<JsonNode> first = new ArrayList<>(all.subList(0, exchangeCount));
    List<JsonNode> rest = new ArrayList<>(all.subList(exchangeCount, all.size()));
    Collections.shuffle(first, r);
    Collections.shuffle(rest, r);
    List<List<JsonNode>> batches = new ArrayList<>();
    for (List<JsonNode> part : List.of(first, rest)) {
      for (int i = 0; i < part.size(); ) {
        int size = 1 + r.nextInt(60);
        batches.add(part.subList(i, Math.min(part.size(), i + size)));
        i += size;
      }
    }
    return batches;
  }

  private static ObjectNode node(String kind, String id) {
    return Json.MAPPER.createObjectNode().put("kind", kind).put("id", id);
  }

  private static void putIfSet(ObjectNode n, String field, Double v) {
    if (v != null) {
      n.put(field, v);
    }
  }

  private static String stamp(long ts, Random r) {
    ZoneOffset[] offsets = {
      ZoneOffset.UTC,
      ZoneOffset.ofHours(-5),
      ZoneOffset.ofHoursMinutes(5, 30),
      ZoneOffset.ofHours(11)
    };
    return Instant.ofEpochMilli(ts).atOffset(offsets[r.nextInt(offsets.length)]).toString();
  }
}
