package io.learnlytics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.ApiException.FieldError;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one event object, collecting every problem (rather than stopping at the
 * first) so that a client sees all of them in one answer. Getters return null for absent or invalid
 * values; callers check {@link #hasErrors()} before building the event.
 */
final class FieldReader {
  static final int MAX_ID_LENGTH = 256;

  private final JsonNode node;
  private final int index;
  private final List<FieldError> errors;
  private final int errorsAtStart;

  FieldReader(JsonNode node, int index, List<FieldError> errors) {
    this.node = node;
    this.index = index;
    this.errors = errors;
    this.errorsAtStart = errors.size();
  }

  boolean hasErrors() {
    return errors.size() > errorsAtStart;
  }

  void error(String field, String message) {
    errors.add(new FieldError(index, field, message));
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
  String id(String field) {
    String value = string(field, true);
    if (value != null && (value.isBlank() || value.length() > MAX_ID_LENGTH)) {
      error(field, "must be a non-blank string of at most " + MAX_ID_LENGTH + " characters");
      return null;
    }
    return value;
  }

  String string(String field, boolean required) {
    JsonNode v = present(field, required);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      error(field, "must be a string");
      return null;
    }
    return v.textValue();
  }

  String oneOf(String field, Set<String> allowed) {
    String value = string(field, true);
    if (value != null && !allowed.contains(value)) {
      error(
          field,
          "'" + value + "' is not allowed; allowed values are " + String.join(", ", allowed));
      return null;
    }
    return value;
  }

  /** An ISO-8601 timestamp that carries a UTC offset or {@code Z}. */
  OffsetDateTime timestamp(String field, boolean required) {
    String text = string(field, required);
    if (text == null) {
      return null;
    }
    try {
      return Timestamps.parse(text);
    } catch (DateTimeParseException e) {
      error(
          field,
          isNaive(text) ? naiveMessage(text) : "'" + text + "' is not an ISO-8601 timestamp");
      return null;
    }
  }

  Double unitInterval(String field) {
    Double value = number(field);
    if (value != null && !(value >= 0.0 && value <= 1.0)) {
      error(field, "must be between 0 and 1, got " + value);
      return null;
    }
    return value;
  }

  Long nonNegativeLong(String field) {
    JsonNode v = present(field, false);
    if (v == null) {
      return null;
    }
    if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 0) {
      error(field, "must be a whole number >= 0");
      return null;
    }
    return v.asLong();
  }

  Integer intBetween(String field, int min, int max, boolean required) {
    JsonNode v = present(field, required);
    if (v == null) {
      return null;
    }
    if (!v.canConvertToExactIntegral() || v.asLong() < min || v.asLong() > max) {
      error(field, "must be a whole number from " + min + " to " + max);
      return null;
    }
    return v.asInt();
  }

  /** A list of distinct, trimmed, non-blank strings, in first-seen order. */
  List<String> distinctStrings(String field) {
    JsonNode v = present(field, false);
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      error(field, "must be an array of strings");
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonNode item : v) {
      if (!item.isTextual() || item.textValue().isBlank()) {
        error(field, "must contain only non-blank strings");
        return List.of();
      }
      out.add(item.textValue().strip());
    }
    return new ArrayList<>(out);
  }

  /** A JSON object, returned in its canonical (sorted-keys) text form. */
  JsonNode object(String field) {
    JsonNode v = present(field, false);
    if (v != null && !v.isObject()) {
      error(field, "must be a JSON object");
      return null;
    }
    return v;
  }

  private Double number(String field) {
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
  private JsonNode present(String field, boolean required) {
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
