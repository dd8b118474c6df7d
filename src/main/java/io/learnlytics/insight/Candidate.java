package io.learnlytics.insight;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An insight a rule found, before it is stored.
 *
 * <p>Its dedupe key is {@code rule[:subject][@period]}, e.g. {@code trend:quality_up@2025-11-12},
 * {@code milestone:sessions:100}, {@code knowledge:prerequisite:neural networks|linear algebra}. A
 * stored key is never stored again, so re-generation is idempotent. A candidate with a period is
 * also held back while an unexpired insight of its family ({@code rule[:subject]@}, any period)
 * exists, dismissed or not: the same recommendation or trend is not repeated every day while the
 * last one is still live, and comes back once it has expired. {@code maxLive} caps how many
 * unexpired, undismissed insights of one rule are listed at once (for rules with many subjects).
 */
record Candidate(
    String rule,
    @Nullable String subject,
    @Nullable String period,
    String title,
    String description,
    String importance,
    Map<String, Object> data,
    @Nullable Integer maxLive) {

  static Candidate of(
      String rule,
      @Nullable String subject,
      @Nullable String period,
      String importance,
      String title,
      String description,
      Map<String, Object> data) {
    return new Candidate(rule, subject, period, title, description, importance, data, null);
  }

  Candidate withMaxLive(int n) {
    return new Candidate(rule, subject, period, title, description, importance, data, n);
  }

  /** One of trend, anomaly, milestone, recommendation, knowledge: the rule's first part. */
  String type() {
    return rule.substring(0, rule.indexOf(':'));
  }

  String key() {
    return familyBase() + (period == null ? "" : "@" + period);
  }

  /** Prefix shared by every key of this candidate's family, or null without a period. */
  @Nullable String familyPrefix() {
    return period == null ? null : familyBase() + "@";
  }

  /** Prefix shared by every key of this candidate's rule with a subject. */
  String rulePrefix() {
    return rule + ":";
  }

  private String familyBase() {
    return subject == null ? rule : rule + ":" + escape(subject);
  }

  /** Keeps '@' (the period separator) out of subjects such as topic names. */
  static String escape(String subject) {
    return subject.replace("%", "%25").replace("@", "%40");
  }

  /** How long an insight of a type stays listed. */
  static Duration ttl(String type) {
    return switch (type) {
      case "trend", "anomaly" -> Duration.ofDays(7);
      case "recommendation" -> Duration.ofDays(14);
      case "milestone", "knowledge" -> Duration.ofDays(30);
      default -> throw new IllegalArgumentException("unknown insight type " + type);
    };
  }

  /** An evidence map from alternating keys and values, doubles rounded to 4 digits. */
  static Map<String, Object> evidence(@Nullable Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], round(keysAndValues[i + 1]));
    }
    return out;
  }

  private static Object round(Object v) {
    if (v instanceof Double d && Double.isFinite(d)) {
      return Math.round(d * 10_000) / 10_000.0;
    }
    return v;
  }
}
