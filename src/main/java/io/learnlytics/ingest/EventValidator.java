package io.learnlytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.rollup.FeedbackKind;
import io.learnlytics.rollup.QualityWeights;
import io.learnlytics.support.AllowedValues;
import io.learnlytics.support.ApiException.FieldError;
import io.learnlytics.support.ApiException.InvalidInput;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns parsed JSON objects, one at a time as the body streams in, into validated {@link Event}s;
 * at the end, either the whole batch or one 400 listing its problems. Only the validated events are
 * kept, never the JSON trees, so a batch costs about the memory of its content.
 */
final class EventValidator {
  static final AllowedValues KINDS =
      AllowedValues.of("exchange", "feedback", "quality", "relation");
  static final AllowedValues FEEDBACK_TYPES = AllowedValues.of(FeedbackKind.ids());
  static final AllowedValues RELATION_TYPES = AllowedValues.of("RELATES_TO", "BUILDS_ON");

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

  private final TimeWindow window;
  private final boolean storesNul;
  private final Problems problems = new Problems();
  private final List<Event> events = new ArrayList<>();
  private int seen;

  EventValidator(TimeWindow window, boolean storesNul) {
    this.window = window;
    this.storesNul = storesNul;
  }

  /** Validates the next event of the batch. */
  void add(JsonNode node) {
    Event e = validate(node, seen++);
    if (e != null && problems.isEmpty()) {
      events.add(e);
    }
  }

  /** The validated batch, or a 400 listing every problem found. */
  List<Event> events() {
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems.summary(seen), problems.details());
    }
    return events;
  }

  private @Nullable Event validate(JsonNode node, int index) {
    if (!node.isObject()) {
      problems.add(new FieldError(index, "body", "an event must be a JSON object"));
      return null;
    }
    FieldReader r = new FieldReader(node, index, problems, window, storesNul);
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

  // FieldReader returns null for a required field only after recording an error (see hasErrors).
  @SuppressWarnings("NullAway")
  private @Nullable Event exchange(FieldReader r) {
    r.rejectUnknownFields(EXCHANGE_FIELDS);
    String id = r.id("id");
    String sessionId = r.id("session_id");
    OffsetDateTime ts = r.timestamp("timestamp", true);
    String userText = r.string("user_text", false);
    String agentText = r.string("agent_text", false);
    Long duration = r.durationMs("duration_ms");
    List<String> topics = r.topics("topics");
    String metadataJson = r.metadata("metadata");
    if (r.hasErrors()) {
      return null;
    }
    long durationMs = duration == null ? 0 : duration;
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

  // FieldReader returns null for a required field only after recording an error (see hasErrors).
  @SuppressWarnings("NullAway")
  private @Nullable Event feedback(FieldReader r) {
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

  // FieldReader returns null for a required field only after recording an error (see hasErrors).
  @SuppressWarnings("NullAway")
  private @Nullable Event quality(FieldReader r) {
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
      composite = QualityWeights.composite(relevance, helpfulness, accuracy, clarity, engagement);
      if (composite == null) {
        r.error("composite", "is required when no dimension is given");
        return null;
      }
    }
    return Event.Quality.of(
        id,
        exchangeId,
        ts == null ? null : ts.toInstant().toEpochMilli(),
        ts == null ? null : ts.getOffset().getTotalSeconds(),
        relevance,
        helpfulness,
        accuracy,
        clarity,
        engagement,
        composite);
  }

  // FieldReader returns null for a required field only after recording an error (see hasErrors).
  @SuppressWarnings("NullAway")
  private @Nullable Event relation(FieldReader r) {
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

  /** The instant and offset as fingerprint input: equal however the client wrote them. */
  private static @Nullable String instant(@Nullable OffsetDateTime ts) {
    return ts == null
        ? null
        : ts.toInstant().toEpochMilli() + "/" + ts.getOffset().getTotalSeconds();
  }

  private static Set<String> ordered(String... values) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(values)));
  }
}
