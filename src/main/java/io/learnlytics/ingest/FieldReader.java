package io.learnlytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.AllowedValues;
import io.learnlytics.support.ApiException.FieldError;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the fields of one event object, collecting every problem (rather than stopping at the
 * first) so that a client sees all of them in one answer. Getters return null for absent or invalid
 * values; callers check {@link #hasErrors()} before building the event.
 */
final class FieldReader {
  static final int MAX_ID_LENGTH = 256;

  /** Longest accepted {@code duration_ms}: one exchange cannot last more than a day. */
  static final long MAX_DURATION_MS = 24L * 60 * 60 * 1000;

  /** Most topics on one exchange. */
  static final int MAX_TOPICS = 100;

  private static final Instant MAX_MILLIS = Instant.ofEpochMilli(Long.MAX_VALUE);
  private static final Instant MIN_MILLIS = Instant.ofEpochMilli(Long.MIN_VALUE);

  private final JsonNode node;
  private final int index;
  private final Problems problems;
  private final TimeWindow window;
  private final int errorsAtStart;
  private final boolean storesNul;

  FieldReader(JsonNode node, int index, Problems problems, TimeWindow window, boolean storesNul) {
    this.node = node;
    this.index = index;
    this.problems = problems;
    this.window = window;
    this.errorsAtStart = problems.count();
    this.storesNul = storesNul;
  }

  boolean hasErrors() {
    return problems.count() > errorsAtStart;
  }

  void error(String field, @Nullable String message) {
    problems.add(new FieldError(index, field, message));
  }

  void rejectUnknownFields(Set<String> allowed) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        error(name, "unknown field; allowed fields are " + String.join(", ", allowed));
      }
    }
  }

  /** An identifier: a non-blank string of at most 256 characters. */
  @Nullable String id(String field) {
    String value = string(field, true);
    if (value != null && (value.isBlank() || value.length() > MAX_ID_LENGTH)) {
      error(field, "must be a non-blank string of at most " + MAX_ID_LENGTH + " characters");
      return null;
    }
    return value;
  }

  @Nullable String string(String field, boolean required) {
    JsonNode v = present(field, required);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      error(field, "must be a string");
      return null;
    }
    String text = v.textValue();
    String problem = Unicode.problem(text, storesNul);
    if (problem != null) {
      error(field, problem);
      return null;
    }
    return text;
  }

  @Nullable String oneOf(String field, AllowedValues allowed) {
    String value = string(field, true);
    if (value != null && !allowed.contains(value)) {
      error(field, allowed.notAllowed(value));
      return null;
    }
    return value;
  }

  /** An ISO-8601 timestamp that carries a UTC offset or {@code Z}. */
  @Nullable OffsetDateTime timestamp(String field, boolean required) {
    String text = string(field, required);
    if (text == null) {
      return null;
    }
    OffsetDateTime ts;
    try {
      ts = Timestamps.parse(text);
    } catch (DateTimeParseException e) {
      error(
          field,
          isNaive(text) ? naiveMessage(text) : "'" + text + "' is not an ISO-8601 timestamp");
      return null;
    }
    if (!window.contains(saturatedMillis(ts.toInstant()))) {
      error(field, outsideWindow(text));
      return null;
    }
    return ts;
  }

  /**
   * Epoch milliseconds, clamped: a year such as +999999999 is a valid timestamp but overflows a
   * long of milliseconds ({@code toEpochMilli} threw, a 500); clamped, it is simply outside the
   * window.
   */
  private static long saturatedMillis(Instant instant) {
    if (instant.isAfter(MAX_MILLIS)) {
      return Long.MAX_VALUE;
    }
    return instant.isBefore(MIN_MILLIS) ? Long.MIN_VALUE : instant.toEpochMilli();
  }

  private String outsideWindow(String text) {
    return "'"
        + text
        + "' is outside the accepted range "
        + window.describe()
        + " (from LEARNLYTICS_EARLIEST_EVENT_DATE to LEARNLYTICS_MAX_FUTURE_HOURS ahead of"
        + " the server's clock)";
  }

  @Nullable Double unitInterval(String field) {
    Double value = number(field);
    if (value != null && !(value >= 0.0 && value <= 1.0)) {
      error(field, "must be between 0 and 1, got " + value);
      return null;
    }
    return value;
  }

  /** A duration in milliseconds, from 0 to {@link #MAX_DURATION_MS}. */
  @Nullable Long durationMs(String field) {
    JsonNode v = present(field, false);
    if (v == null) {
      return null;
    }
    if (!v.isNumber()
        || !v.canConvertToExactIntegral()
        || !v.canConvertToLong()
        || v.asLong() < 0
        || v.asLong() > MAX_DURATION_MS) {
      error(
          field,
          "must be a whole number of milliseconds from 0 to " + MAX_DURATION_MS + " (24 hours)");
      return null;
    }
    return v.asLong();
  }

  @Nullable Integer intBetween(String field, int min, int max, boolean required) {
    JsonNode v = present(field, required);
    if (v == null) {
      return null;
    }
    if (!v.isNumber() || !v.canConvertToExactIntegral() || v.asLong() < min || v.asLong() > max) {
      error(field, "must be a whole number from " + min + " to " + max);
      return null;
    }
    return v.asInt();
  }

  /**
   * Topic names: distinct, trimmed, non-blank strings of at most {@value #MAX_ID_LENGTH}
   * characters, at most {@value #MAX_TOPICS} of them, in first-seen order.
   */
  List<String> topics(String field) {
    JsonNode v = present(field, false);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray() || v.size() > MAX_TOPICS) {
      error(field, "must be an array of at most " + MAX_TOPICS + " strings");
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode item : v) {
      String problem = topicProblem(item);
      if (problem != null) {
        error(field, problem);
        return List.of();
      }
      out.add(item.textValue().strip());
    }
    return new ArrayList<>(out);
  }

  /** Why one topic name is rejected, or null when it is acceptable. */
  private @Nullable String topicProblem(JsonNode item) {
    if (!item.isTextual()
        || item.textValue().isBlank()
        || item.textValue().strip().length() > MAX_ID_LENGTH) {
      return "must contain only non-blank strings of at most " + MAX_ID_LENGTH + " characters";
    }
    return Unicode.problem(item.textValue(), storesNul);
  }

  /** A JSON object within {@link Metadata}'s bounds, as its stored text; null when absent. */
  @Nullable String metadata(String field) {
    JsonNode v = present(field, false);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      error(field, "must be a JSON object");
      return null;
    }
    try {
      return Metadata.storedForm(v);
    } catch (Metadata.Invalid e) {
      error(field + e.path(), e.getMessage());
      return null;
    }
  }

  private @Nullable Double number(String field) {
    JsonNode v = present(field, false);
    if (v == null) {
      return null;
    }
    if (!v.isNumber()) {
      error(field, "must be a number");
      return null;
    }
    return v.doubleValue();
  }

  /** The value of a field, or null when it is absent or JSON null (an error if required). */
  private @Nullable JsonNode present(String field, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    return v;
  }

  private static boolean isNaive(String text) {
    try {
      LocalDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String naiveMessage(String text) {
    return "'"
        + text
        + "' has no UTC offset; add 'Z' or an offset such as '+01:00'"
        + " (e.g. "
        + text
        + "Z)";
  }
}
