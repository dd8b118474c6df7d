package io.learnlytics.rollup;

import java.util.List;
import java.util.Map;

/**
 * The JSON columns of rollup rows (topic maps, top topics, weekday counts), written by hand: a full
 * rebuild writes tens of thousands of rows, and a general-purpose serializer spent more time on
 * them than the aggregation did. Output is plain JSON that Jackson reads back; doubles use {@link
 * Double#toString}, which reads back as the same double.
 */
final class JsonText {
  private JsonText() {}

  static String counts(Map<String, Long> m) {
    StringBuilder sb = new StringBuilder(16 + m.size() * 24).append('{');
    for (Map.Entry<String, Long> e : m.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      string(sb, e.getKey()).append(':').append(e.getValue().longValue());
    }
    return sb.append('}').toString();
  }

  static String names(List<String> names) {
    StringBuilder sb = new StringBuilder(16 + names.size() * 16).append('[');
    for (String n : names) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      string(sb, n);
    }
    return sb.append(']').toString();
  }

  static String quality(Map<String, TopicQuality> m) {
    StringBuilder sb = new StringBuilder(16 + m.size() * 40).append('{');
    for (Map.Entry<String, TopicQuality> e : m.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      TopicQuality q = e.getValue();
      string(sb, e.getKey())
          .append(":{\"count\":")
          .append(q.count())
          .append(",\"sum\":")
          .append(q.sum())
          .append('}');
    }
    return sb.append('}').toString();
  }

  /** Appends {@code s} as a JSON string: quotes, backslashes and control characters escaped. */
  static StringBuilder string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"');
  }
}
