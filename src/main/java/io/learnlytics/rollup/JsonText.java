package io.learnlytics.rollup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON columns of rollup rows (topic maps, top topics, weekday counts), written by hand: a full
 * rebuild writes tens of thousands of rows, and a general-purpose serializer spent more time on
 * them than the aggregation did. Output is plain JSON that Jackson reads back; doubles use {@link
 * Double#toString}, which reads back as the same double.
 */
public final class JsonText {
  private JsonText() {}

  static String counts(Map<String, Long> m) {
    if (m instanceof LazyMap<?> lazy) {
      return lazy.json();
    }
    StringBuilder sb = new StringBuilder(16 + m.size() * 24).append('{');
    for (Map.Entry<String, Long> e : m.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      string(sb, e.getKey()).append(':').append(e.getValue().longValue());
    }
    return sb.append('}').toString();
  }

  /** A JSON array of strings. */
  public static String names(List<String> names) {
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
    if (m instanceof LazyMap<?> lazy) {
      return lazy.json();
    }
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

  // ---- reading: the same shapes back, by hand (every dashboard read parses these columns) ----

  /** {@code {"name":count,...}} as a sorted map. */
  static TreeMap<String, Long> parseCounts(String json) {
    return parseCounts(json, new TreeMap<>());
  }

  /** {@code {"name":count,...}} into {@code out} (a LinkedHashMap keeps the stored order). */
  static <M extends Map<String, Long>> M parseCounts(String json, M out) {
    readCounts(json, out::put);
    return out;
  }

  /**
   * Adds {@code {"name":count,...}} into {@code sums} (name to a one-element counter): summing a
   * period's rows this way builds no map per row, which was most of a topic answer's time.
   */
  static void addCounts(String json, Map<String, long[]> sums) {
    readCounts(json, (name, count) -> sums.computeIfAbsent(name, k -> new long[1])[0] += count);
  }

  /** Reads {@code {"name":count,...}} into {@code sink}, in stored order. */
  private static void readCounts(String json, java.util.function.ObjLongConsumer<String> sink) {
    Reader r = new Reader(json);
    r.expect('{');
    if (!r.consume('}')) {
      do {
        String name = r.string();
        r.expect(':');
        sink.accept(name, r.integer());
      } while (r.consume(','));
      r.expect('}');
    }
  }

  /** {@code ["a","b"]}. */
  static List<String> parseNames(String json) {
    List<String> out = new ArrayList<>();
    Reader r = new Reader(json);
    r.expect('[');
    if (!r.consume(']')) {
      do {
        out.add(r.string());
      } while (r.consume(','));
      r.expect(']');
    }
    return out;
  }

  /** {@code {"name":{"count":n,"sum":x},...}}. */
  static TreeMap<String, TopicQuality> parseQuality(String json) {
    TreeMap<String, TopicQuality> out = new TreeMap<>();
    readQuality(json, (name, count, sum) -> out.put(name, new TopicQuality(count, sum)));
    return out;
  }

  /** Receives the entries of a quality column one by one. */
  interface QualitySink {
    void add(String name, long count, double sum);
  }

  /** Reads {@code {"name":{"count":n,"sum":x},...}} into {@code sink}, in stored order. */
  static void readQuality(String json, QualitySink sink) {
    Reader r = new Reader(json);
    r.expect('{');
    if (!r.consume('}')) {
      do {
        String name = r.string();
        r.expect(':');
        r.expect('{');
        long count = 0;
        double sum = 0;
        do {
          String field = r.string();
          r.expect(':');
          if (field.equals("count")) {
            count = r.integer();
          } else {
            sum = r.number();
          }
        } while (r.consume(','));
        r.expect('}');
        sink.add(name, count, sum);
      } while (r.consume(','));
      r.expect('}');
    }
  }

  /** A cursor over JSON text of the shapes above (no whitespace is written, some is tolerated). */
  private static final class Reader {
    private final String s;
    private int p;

    Reader(String s) {
      this.s = s;
    }

    void expect(char c) {
      skipSpace();
      if (p >= s.length() || s.charAt(p) != c) {
        throw new IllegalStateException("stored rollup JSON is not valid at " + p + ": " + s);
      }
      p++;
    }

    boolean consume(char c) {
      skipSpace();
      if (p < s.length() && s.charAt(p) == c) {
        p++;
        return true;
      }
      return false;
    }

    String string() {
      expect('"');
      StringBuilder sb = null;
      int start = p;
      while (true) {
        char c = s.charAt(p++);
        if (c == '"') {
          return sb == null ? s.substring(start, p - 1) : sb.toString();
        }
        if (c == '\\') {
          if (sb == null) {
            sb = new StringBuilder(s.substring(start, p - 1));
          }
          unescape(sb);
        } else if (sb != null) {
          sb.append(c);
        }
      }
    }

    /** Appends the character of the escape after a backslash. */
    private void unescape(StringBuilder sb) {
      char e = s.charAt(p++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          sb.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
          p += 4;
        }
        default -> sb.append(e); // quote, backslash, slash
      }
    }

    long integer() {
      skipSpace();
      int start = p;
      while (p < s.length() && (Character.isDigit(s.charAt(p)) || s.charAt(p) == '-')) {
        p++;
      }
      return Long.parseLong(s, start, p, 10);
    }

    double number() {
      skipSpace();
      int start = p;
      while (p < s.length() && "+-.eE0123456789".indexOf(s.charAt(p)) >= 0) {
        p++;
      }
      return Double.parseDouble(s.substring(start, p));
    }

    private void skipSpace() {
      while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
        p++;
      }
    }
  }
}
