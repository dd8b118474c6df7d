package io.learnlytics.goal;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.AllowedValues;
import io.learnlytics.support.ApiException.FieldError;
import io.learnlytics.support.ApiException.InvalidInput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Validates the body of {@code POST}/{@code PUT /api/analytics/goals}, listing every problem. */
final class GoalRequest {
  static final List<String> FREQUENCIES = Frequency.ids();
  static final List<String> COMPARISONS = Comparison.ids();
  static final List<String> TYPES =
      List.of("activity", "quality", "topic", "streak", "milestone", "custom");
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "description",
          "goal_type",
          "frequency",
          "target_metric",
          "target_value",
          "comparison",
          "filters",
          "icon",
          "color",
          "enabled");
  static final String DEFAULT_COLOR = "#4F46E5";
  private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

  final @Nullable String name;
  final @Nullable String description;
  final @Nullable String goalType;
  final @Nullable String frequency;
  final @Nullable String targetMetric;
  final double targetValue;
  final @Nullable String comparison;
  final @Nullable String topic;
  final @Nullable String icon;
  final String color;
  final boolean enabled;

  private final List<FieldError> errors = new ArrayList<>();

  GoalRequest(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw InvalidInput.of("body", "must be a JSON object");
    }
    checkFieldNames(body);
    name = text(body, "name", true, 100);
    description = orElse(text(body, "description", false, 500), name);
    goalType = oneOf(body, "goal_type", TYPES, "custom");
    frequency = oneOf(body, "frequency", FREQUENCIES, null);
    targetMetric = oneOf(body, "target_metric", GoalMetric.ids(), null);
    comparison = oneOf(body, "comparison", COMPARISONS, "gte");
    targetValue = positive(body, "target_value");
    topic = topic(body);
    icon = orElse(text(body, "icon", false, 40), "target");
    color = color(body);
    enabled = !body.has("enabled") || body.get("enabled").asBoolean(true);
    checkTargetFitsMetric(body);
    if (!errors.isEmpty()) {
      throw new InvalidInput(
          errors.size()
              + (errors.size() == 1 ? " problem" : " problems")
              + " with the goal; nothing was saved",
          errors);
    }
  }

  private void checkFieldNames(JsonNode body) {
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        error(f, "unknown field; allowed fields are " + String.join(", ", List.copyOf(FIELDS)));
      }
    }
  }

  /** A fraction metric takes a target up to 1; only some metrics can be filtered by topic. */
  private void checkTargetFitsMetric(JsonNode body) {
    if (targetMetric != null && GoalMetric.of(targetMetric).isFraction() && targetValue > 1) {
      error(
          "target_value",
          "must be a fraction from 0 to 1 for "
              + targetMetric
              + " (0.8 means 80 %), got "
              + body.get("target_value").asText());
    }
    if (topic != null
        && targetMetric != null
        && !GoalMetric.topicFilterIds().contains(targetMetric)) {
      error("filters.topic", "applies only to " + String.join(", ", GoalMetric.topicFilterIds()));
    }
  }

  private @Nullable String text(JsonNode body, String field, boolean required, int max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!v.isTextual() || v.textValue().isBlank() || v.textValue().length() > max) {
      error(field, "must be a non-blank string of at most " + max + " characters");
      return null;
    }
    return v.textValue().strip();
  }

  private @Nullable String oneOf(
      JsonNode body, String field, List<String> allowed, @Nullable String fallback) {
    AllowedValues values = AllowedValues.of(allowed);
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        error(field, values.required());
      }
      return fallback;
    }
    if (!v.isTextual() || !values.contains(v.textValue())) {
      error(field, values.notAllowed(v.asText()));
      return null;
    }
    return v.textValue();
  }

  private double positive(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null
        || !v.isNumber()
        || !(v.doubleValue() > 0)
        || Double.isInfinite(v.doubleValue())) {
      error(field, "must be a number greater than 0");
      return 0;
    }
    return v.doubleValue();
  }

  private @Nullable String topic(JsonNode body) {
    JsonNode f = body.get("filters");
    if (f == null || f.isNull()) {
      return null;
    }
    if (!f.isObject()) {
      error("filters", "must be an object such as {\"topic\": \"python\"}");
      return null;
    }
    for (Iterator<String> it = f.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("topic")) {
        error("filters." + k, "unknown filter; allowed filters are topic");
      }
    }
    return text(f, "topic", false, 200);
  }

  private String color(JsonNode body) {
    String c = text(body, "color", false, 7);
    if (c != null && !COLOR.matcher(c).matches()) {
      error("color", "must be a hex colour such as #4F46E5");
    }
    return c == null ? DEFAULT_COLOR : c;
  }

  private void error(String field, String message) {
    errors.add(new FieldError(null, field, message));
  }

  private static @Nullable String orElse(@Nullable String v, @Nullable String fallback) {
    return v != null ? v : fallback;
  }
}
