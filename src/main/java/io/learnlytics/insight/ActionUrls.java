package io.learnlytics.insight;

import io.learnlytics.store.Database;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The specification's {@code action_url}: where on the dashboard page an insight can be followed
 * up, as a relative URL. Topic insights open the topic's view ({@code /?topic=NAME}, the page's own
 * URL for it); the others go to the panel that shows what they are about ({@code #trend}, {@code
 * #progress}, ...). Another learner's URL carries {@code learner=ID}, as the page's own links do.
 * Derived when read, from the rule and the evidence, so insights stored before it have one too; an
 * insight with nothing to open (a correction rate) has none.
 */
final class ActionUrls {
  private static final Map<String, String> PANELS =
      Map.ofEntries(
          Map.entry("trend:quality_up", "period=7d#trend"),
          Map.entry("trend:quality_down", "period=7d#trend"),
          Map.entry("trend:activity_up", "period=7d#progress"),
          Map.entry("anomaly:quality_high", "period=30d#trend"),
          Map.entry("anomaly:quality_low", "period=30d#trend"),
          Map.entry("anomaly:no_sessions", "period=30d#progress"),
          Map.entry("anomaly:sessions_high", "period=30d#progress"),
          Map.entry("anomaly:sessions_low", "period=30d#progress"),
          Map.entry("milestone:sessions", "#progress"),
          Map.entry("milestone:streak", "#streak"),
          Map.entry("recommendation:peak_hour", "period=30d#rhythm"));

  /** The evidence field naming the topic a topic insight opens. */
  private static final Map<String, String> TOPIC_FIELD =
      Map.of(
          "recommendation:revisit", "topic",
          "knowledge:connection", "source",
          "knowledge:prerequisite", "concept",
          "knowledge:emerging", "concept");

  private ActionUrls() {}

  /** The URL of the insight with that dedupe key and evidence, or null when it has no action. */
  static @Nullable String of(String learner, String key, Map<String, Object> data) {
    String rule = Icons.ruleOf(key);
    String field = TOPIC_FIELD.get(rule);
    if (field != null) {
      return data.get(field) instanceof String topic
          ? page(learner, "topic=" + encode(topic))
          : null;
    }
    String panel = PANELS.get(rule);
    return panel == null ? null : page(learner, panel);
  }

  private static String page(String learner, String query) {
    String who = learner.equals(Database.DEFAULT_LEARNER) ? "" : "learner=" + encode(learner);
    if (query.startsWith("#")) {
      return who.isEmpty() ? "/" + query : "/?" + who + query;
    }
    return "/?" + (who.isEmpty() ? "" : who + "&") + query;
  }

  /** Query-string encoding with {@code %20} for a space, which every URL parser reads alike. */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
