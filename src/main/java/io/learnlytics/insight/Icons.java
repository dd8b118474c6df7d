package io.learnlytics.insight;

import java.util.Map;

/**
 * Icon names (the icon-font names the specification's API examples use) per rule. Derived from the
 * stored dedupe key rather than stored, so every insight of a rule shows the same icon.
 */
final class Icons {
  private static final Map<String, String> BY_RULE =
      Map.ofEntries(
          Map.entry("trend:quality_up", "trending-up"),
          Map.entry("trend:quality_down", "trending-down"),
          Map.entry("trend:activity_up", "activity"),
          Map.entry("anomaly:quality_high", "star"),
          Map.entry("anomaly:quality_low", "alert-triangle"),
          Map.entry("anomaly:no_sessions", "moon"),
          Map.entry("anomaly:sessions_high", "zap"),
          Map.entry("anomaly:sessions_low", "alert-circle"),
          Map.entry("milestone:sessions", "trophy"),
          Map.entry("milestone:streak", "fire"),
          Map.entry("recommendation:peak_hour", "clock"),
          Map.entry("recommendation:correction_rate", "edit"),
          Map.entry("recommendation:revisit", "book-open"),
          Map.entry("knowledge:connection", "link"),
          Map.entry("knowledge:prerequisite", "map"),
          Map.entry("knowledge:emerging", "compass"));

  private Icons() {}

  /** The icon of the rule a dedupe key was made by ({@code type:name[:subject][@period]}). */
  static String forKey(String key) {
    return BY_RULE.getOrDefault(ruleOf(key), "info");
  }

  /** The rule ({@code type:name}) of a dedupe key {@code type:name[:subject][@period]}. */
  static String ruleOf(String key) {
    String[] parts = key.split(":", 3);
    String name = parts.length > 1 ? parts[1] : "";
    int at = name.indexOf('@');
    return parts[0] + ":" + (at < 0 ? name : name.substring(0, at));
  }
}
