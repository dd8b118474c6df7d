package io.learnlytics.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Request bodies: well-formed templates of each body a route takes (so that a hostile value lands
 * deep inside an otherwise valid request, past the first checks), and bodies broken as a whole.
 */
final class FuzzCorpus {
  private FuzzCorpus() {}

  /** One valid event of each kind; {@code %s} marks where {@link #withValue} puts its field. */
  static final List<String> EVENTS =
      List.of(
          "{\"kind\":\"exchange\",\"id\":\"fz-e1\",\"session_id\":\"fz-s1\","
              + "\"timestamp\":\"2025-11-18T09:00:00+01:00\",\"user_text\":\"what is a graph\","
              + "\"agent_text\":\"nodes and edges\",\"duration_ms\":1200,"
              + "\"topics\":[\"graphs\"],\"metadata\":{\"lang\":\"en\"}}",
          "{\"kind\":\"feedback\",\"id\":\"fz-f1\",\"exchange_id\":\"fz-e1\","
              + "\"timestamp\":\"2025-11-18T09:01:00Z\",\"type\":\"rating\",\"rating\":4,"
              + "\"comment\":\"good\"}",
          "{\"kind\":\"quality\",\"id\":\"fz-q1\",\"exchange_id\":\"fz-e1\",\"relevance\":0.9,"
              + "\"helpfulness\":0.8,\"accuracy\":0.7,\"clarity\":0.6,\"engagement\":0.5}",
          "{\"kind\":\"relation\",\"id\":\"fz-r1\",\"source\":\"graphs\",\"target\":\"trees\","
              + "\"type\":\"BUILDS_ON\",\"strength\":0.5,\"timestamp\":\"2025-11-18T09:00:00Z\"}");

  static final String GOAL =
      "{\"name\":\"Daily practice\",\"description\":\"one session a day\",\"goal_type\":\"activity\","
          + "\"frequency\":\"daily\",\"target_metric\":\"session_count\",\"target_value\":1,"
          + "\"comparison\":\"gte\",\"filters\":{\"topic\":\"graphs\"},\"icon\":\"map\","
          + "\"color\":\"#06B6D4\",\"enabled\":true}";

  /** Broken as a whole: not JSON, almost JSON, or JSON of the wrong shape. */
  static final List<String> MALFORMED =
      List.of(
          "",
          " ",
          "{",
          "[",
          "}",
          "]{",
          "{\"a\":}",
          "{\"a\" 1}",
          "{'kind':'exchange'}",
          "[1,]",
          "{,}",
          "nul",
          "tru",
          "\"unterminated",
          "\"\\x00\"",
          "\"\\u12\"",
          "{\"kind\":\"exchange\"}{\"kind\":",
          "null",
          "0",
          "[]",
          "[[]]",
          "{}",
          "\"text\"",
          "1e400",
          "NaN",
          "[NaN]",
          "{\"kind\":\"exchange\",\"kind\":\"feedback\"}",
          "// comment\n{}",
          "/* c */ []",
          "\n\n\n",
          "{\"id\":1}\n{\"id\":2}\nnot json\n",
          Framings.deepArrays(10_000),
          Framings.deepObjects(10_000),
          "[".repeat(10_000),
          "{\"a\":".repeat(10_000),
          "[" + "{},".repeat(60_000) + "{}]");

  /** Raw bytes that are not valid UTF-8 JSON text. */
  static final List<byte[]> RAW =
      List.of(
          new byte[] {0},
          new byte[] {'{', 0, '}'},
          new byte[] {'[', '"', (byte) 0xFF, (byte) 0xFE, '"', ']'},
          new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
          new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'},
          new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},
          new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'},
          "{\"kind\":\"exchange\"}".getBytes(StandardCharsets.UTF_16LE),
          new byte[] {(byte) 0x1F, (byte) 0x8B, 8, 0, 0, 0});

  /** The template for a route's body, or an event one for a route that takes none. */
  static String template(FuzzRoute route, Random random) {
    return route.body() == FuzzRoute.Body.GOAL ? GOAL : pick(random, EVENTS);
  }

  /**
   * {@code template} with the value of one of its fields replaced by {@code json} (or a new field
   * added), so that validation of that one field is what the case tests.
   */
  static String withValue(String template, String json, Random random) {
    List<String> keys = keys(template);
    if (random.nextInt(8) == 0) {
      return template.substring(0, template.length() - 1) + ",\"unknown_field\":" + json + "}";
    }
    String key = keys.get(random.nextInt(keys.size()));
    int start = template.indexOf("\"" + key + "\":") + key.length() + 3;
    int end = valueEnd(template, start);
    return template.substring(0, start) + json + template.substring(end);
  }

  /** A valid body cut at a random byte: truncated JSON. */
  static String truncated(String template, Random random) {
    return template.substring(0, random.nextInt(template.length()));
  }

  private static List<String> keys(String template) {
    return java.util.regex.Pattern.compile("\"([a-z_]+)\":")
        .matcher(template)
        .results()
        .map(m -> m.group(1))
        .toList();
  }

  /** The end of the JSON value starting at {@code i}: strings, numbers, literals, one nesting. */
  private static int valueEnd(String s, int i) {
    char c = s.charAt(i);
    if (c == '"') {
      return s.indexOf('"', i + 1) + 1;
    }
    if (c == '[' || c == '{') {
      return s.indexOf(c == '[' ? ']' : '}', i) + 1;
    }
    int j = i;
    while (j < s.length() && s.charAt(j) != ',' && s.charAt(j) != '}') {
      j++;
    }
    return j;
  }

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
