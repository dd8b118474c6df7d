package io.learnlytics.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.support.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import org.jspecify.annotations.Nullable;

/**
 * Builds events in the ingest format of DESIGN.md §4 and numbers them: ids are sequential per kind
 * ({@code ex-00000001}, {@code s-000001}, ...), so they are unique and reproducible.
 */
final class EventFactory {
  private final ZoneRules rules;
  private long exchanges;
  private long sessions;
  private long feedback;
  private long qualities;
  private long relations;

  EventFactory(ZoneId zone) {
    this.rules = zone.getRules();
  }

  String nextSessionId() {
    return id("s-", ++sessions, 6);
  }

  String nextExchangeId() {
    return id("ex-", ++exchanges, 8);
  }

  long exchangeCount() {
    return exchanges;
  }

  ObjectNode exchange(
      String id,
      String sessionId,
      long epochMilli,
      String userText,
      String agentText,
      long durationMs,
      String[] topics,
      int topicCount,
      String device,
      String model) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "exchange");
    n.put("id", id);
    n.put("session_id", sessionId);
    n.put("timestamp", timestamp(epochMilli));
    n.put("user_text", userText);
    n.put("agent_text", agentText);
    n.put("duration_ms", durationMs);
    ArrayNode array = n.putArray("topics");
    for (int i = 0; i < topicCount; i++) {
      array.add(topics[i]);
    }
    ObjectNode metadata = n.putObject("metadata");
    metadata.put("device", device);
    metadata.put("model", model);
    return n;
  }

  /** A quality score from {@code scores}: the five dimensions, then the composite. */
  ObjectNode quality(String exchangeId, long epochMilli, double[] scores) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "quality");
    n.put("id", id("q-", ++qualities, 8));
    n.put("exchange_id", exchangeId);
    n.put("timestamp", timestamp(epochMilli));
    n.put("relevance", scores[0]);
    n.put("helpfulness", scores[1]);
    n.put("accuracy", scores[2]);
    n.put("clarity", scores[3]);
    n.put("engagement", scores[4]);
    n.put("composite", scores[5]);
    return n;
  }

  /** A feedback event; {@code rating} is only written for type rating, {@code comment} if set. */
  ObjectNode feedback(
      String exchangeId, long epochMilli, String type, int rating, @Nullable String comment) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "feedback");
    n.put("id", id("fb-", ++feedback, 8));
    n.put("exchange_id", exchangeId);
    n.put("timestamp", timestamp(epochMilli));
    n.put("type", type);
    if (type.equals("rating")) {
      n.put("rating", rating);
    }
    if (comment != null) {
      n.put("comment", comment);
    }
    return n;
  }

  ObjectNode relation(Relations.Relation r, long epochMilli) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("kind", "relation");
    n.put("id", id("rel-", ++relations, 4));
    n.put("source", r.source());
    n.put("target", r.target());
    n.put("type", r.type());
    n.put("strength", r.strength());
    n.put("timestamp", timestamp(epochMilli));
    return n;
  }

  /**
   * ISO-8601 with milliseconds and the zone's real offset at that instant, e.g. {@code
   * 2024-07-01T07:15:03.120-04:00} ({@code Z} for UTC). Written by hand because this runs a few
   * million times per benchmark history; seconds and milliseconds are always present.
   */
  String timestamp(long epochMilli) {
    ZoneOffset offset = rules.getOffset(Instant.ofEpochMilli(epochMilli));
    long seconds = Math.floorDiv(epochMilli, 1000);
    int millis = Math.floorMod(epochMilli, 1000);
    LocalDateTime local = LocalDateTime.ofEpochSecond(seconds, millis * 1_000_000, offset);
    StringBuilder sb = new StringBuilder(29);
    pad(sb, local.getYear(), 4).append('-');
    pad(sb, local.getMonthValue(), 2).append('-');
    pad(sb, local.getDayOfMonth(), 2).append('T');
    pad(sb, local.getHour(), 2).append(':');
    pad(sb, local.getMinute(), 2).append(':');
    pad(sb, local.getSecond(), 2).append('.');
    pad(sb, millis, 3);
    return sb.append(offset.getId()).toString();
  }

  private static String id(String prefix, long number, int width) {
    StringBuilder sb = new StringBuilder(prefix.length() + width + 2).append(prefix);
    return pad(sb, number, width).toString();
  }

  private static StringBuilder pad(StringBuilder sb, long value, int width) {
    String digits = Long.toString(value);
    for (int i = digits.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(digits);
  }
}
