package io.learnlytics.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.ApiException.FieldError;
import io.learnlytics.support.ApiException.InvalidInput;
import io.learnlytics.support.Json;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns parsed JSON objects into validated {@link Event}s, or one 400 listing every problem. */
final class EventValidator {
  static final Set<String> KINDS = ordered("exchange", "feedback", "quality", "relation");
  static final Set<String> FEEDBACK_TYPES =
      ordered(
          "thumbs_up",
          "thumbs_down",
          "copy",
          "share",
          "rating",
          "correction",
          "clarification",
          "follow_up");
  static final Set<String> RELATION_TYPES = ordered("RELATES_TO", "BUILDS_ON");

  private static final Set<String> EXCHANGE_FIELDS =
      ordered(
          "kind",
          "id",
          "session_id",
          "timestamp",
          "user_text",
          "agent_text",
          "duration_ms",
          "topics",
          "metadata");
  private static final Set<String> FEEDBACK_FIELDS =
      ordered("kind", "id", "exchange_id", "timestamp", "type", "rating", "comment");
  private static final Set<String> QUALITY_FIELDS =
      ordered(
          "kind",
          "id",
          "exchange_id",
          "timestamp",
          "relevance",
          "helpfulness",
          "accuracy",
          "clarity",
          "engagement",
          "composite");
  private static final Set<String> RELATION_FIELDS =
      ordered("kind", "id", "source", "target", "type", "strength", "timestamp");

  /** Weights of the quality dimensions for a composite the client did not send (DESIGN.md §4). */
  private static final double W_RELEVANCE = 0.30;

  private static final double W_HELPFULNESS = 0.25;
  private static final double W_ENGAGEMENT = 0.20;
  private static final double W_CLARITY = 0.15;
  private static final double W_ACCURACY = 0.10;

  private EventValidator() {}

  static List<Event> validate(List<JsonNode> nodes) {
    List<FieldError> errors = new ArrayList<>();
    List<Event> events = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      Event e = validate(nodes.get(i), i, errors);
      if (e != null) {
        events.add(e);
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(summary(errors, nodes.size()), errors);
    }
    return events;
  }

  private static Event validate(JsonNode node, int index, List<FieldError> errors) {
    if (!node.isObject()) {
      errors.add(new FieldError(index, null, "an event must be a JSON object"));
      return null;
    }
    FieldReader r = new FieldReader(node, index, errors);
    String kind = r.oneOf("kind", KINDS);
    if (kind == null) {
      return null;
    }
    return switch (kind) {
      case "exchange" -> exchange(r);
      case "feedback" -> feedback(r);
      case "quality" -> quality(r);
      default -> relation(r);
    };
  }

  private static Event exchange(FieldReader r) {
    r.rejectUnknownFields(EXCHANGE_FIELDS);
    String id = r.id("id");
    String sessionId = r.id("session_id");
    OffsetDateTime ts = r.timestamp("timestamp", true);
    String userText = r.string("user_text", false);
    String agentText = r.string("agent_text", false);
    Long duration = r.nonNegativeLong("duration_ms");
    List<String> topics = r.distinctStrings("topics");
    JsonNode metadata = r.object("metadata");
    if (r.hasErrors()) {
      return null;
    }
    long durationMs = duration == null ? 0 : duration;
    String metadataJson = metadata == null ? null : canonical(metadata);
    return new Event.Exchange(
        id,
        sessionId,
        ts.toInstant().toEpochMilli(),
        ts.getOffset().getTotalSeconds(),
        userText,
        agentText,
        durationMs,
        topics,
        metadataJson,
        Fingerprint.of(
            "exchange",
            id,
            sessionId,
            instant(ts),
            userText,
            agentText,
            durationMs,
            topics,
            metadataJson));
  }

  private static Event feedback(FieldReader r) {
    r.rejectUnknownFields(FEEDBACK_FIELDS);
    String id = r.id("id");
    String exchangeId = r.id("exchange_id");
    OffsetDateTime ts = r.timestamp("timestamp", true);
    String type = r.oneOf("type", FEEDBACK_TYPES);
    Integer rating = r.intBetween("rating", 1, 5, "rating".equals(type));
    String comment = r.string("comment", false);
    if (r.hasErrors()) {
      return null;
    }
    return new Event.Feedback(
        id,
        exchangeId,
        ts.toInstant().toEpochMilli(),
        ts.getOffset().getTotalSeconds(),
        type,
        rating,
        comment,
        Fingerprint.of("feedback", id, exchangeId, instant(ts), type, rating, comment));
  }

  private static Event quality(FieldReader r) {
    r.rejectUnknownFields(QUALITY_FIELDS);
    String id = r.id("id");
    String exchangeId = r.id("exchange_id");
    OffsetDateTime ts = r.timestamp("timestamp", false);
    Double relevance = r.unitInterval("relevance");
    Double helpfulness = r.unitInterval("helpfulness");
    Double accuracy = r.unitInterval("accuracy");
    Double clarity = r.unitInterval("clarity");
    Double engagement = r.unitInterval("engagement");
    Double composite = r.unitInterval("composite");
    if (r.hasErrors()) {
      return null;
    }
    if (composite == null) {
      composite = weightedComposite(relevance, helpfulness, accuracy, clarity, engagement);
      if (composite == null) {
        r.error("composite", "is required when no dimension is given");
        return null;
      }
    }
    return new Event.Quality(
        id,
        exchangeId,
        ts == null ? null : ts.toInstant().toEpochMilli(),
        ts == null ? null : ts.getOffset().getTotalSeconds(),
        relevance,
        helpfulness,
        accuracy,
        clarity,
        engagement,
        composite,
        Fingerprint.of(
            "quality",
            id,
            exchangeId,
            instant(ts),
            relevance,
            helpfulness,
            accuracy,
            clarity,
            engagement,
            composite));
  }

  private static Event relation(FieldReader r) {
    r.rejectUnknownFields(RELATION_FIELDS);
    String id = r.id("id");
    String source = r.id("source");
    String target = r.id("target");
    String type = r.oneOf("type", RELATION_TYPES);
    Double strength = r.unitInterval("strength");
    OffsetDateTime ts = r.timestamp("timestamp", false);
    if (r.hasErrors()) {
      return null;
    }
    return new Event.Relation(
        id,
        source.strip(),
        target.strip(),
        type,
        strength,
        ts == null ? null : ts.toInstant().toEpochMilli(),
        ts == null ? null : ts.getOffset().getTotalSeconds(),
        Fingerprint.of(
            "relation", id, source.strip(), target.strip(), type, strength, instant(ts)));
  }

  /** Weighted mean of the dimensions present, weights renormalised over them; null if none. */
  static Double weightedComposite(
      Double relevance, Double helpfulness, Double accuracy, Double clarity, Double engagement) {
    double sum = 0;
    double weights = 0;
    double[][] pairs = {
      {W_RELEVANCE, relevance == null ? Double.NaN : relevance},
      {W_HELPFULNESS, helpfulness == null ? Double.NaN : helpfulness},
      {W_ACCURACY, accuracy == null ? Double.NaN : accuracy},
      {W_CLARITY, clarity == null ? Double.NaN : clarity},
      {W_ENGAGEMENT, engagement == null ? Double.NaN : engagement},
    };
    for (double[] p : pairs) {
      if (!Double.isNaN(p[1])) {
        sum += p[0] * p[1];
        weights += p[0];
      }
    }
    return weights == 0 ? null : sum / weights;
  }

  /** The instant and offset as fingerprint input: equal however the client wrote them. */
  private static String instant(OffsetDateTime ts) {
    return ts == null
        ? null
        : ts.toInstant().toEpochMilli() + "/" + ts.getOffset().getTotalSeconds();
  }

  /** Sorted-keys JSON text, so equal metadata hashes equal whatever the client's key order. */
  private static String canonical(JsonNode node) {
    try {
      return Json.SORTED.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serialises", e);
    }
  }

  private static String summary(List<FieldError> errors, int total) {
    long bad = errors.stream().map(FieldError::index).distinct().count();
    return bad + " of " + total + " events are invalid; nothing was written";
  }

  private static Set<String> ordered(String... values) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
  }
}
