package io.learnlytics.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded corpus of events built from the values that break JSON pipelines: control characters and
 * NUL, U+2028, emoji and combining marks, lone surrogates, formula and SQL text, 100 000-character
 * strings, subnormal and huge doubles, integers at and past 2^53, 400-digit integers, 1e400,
 * nesting at and past the metadata limit, timestamps at the edges of the accepted range with
 * unusual offsets and nine fractional digits. Some of it must be refused; what is accepted must
 * export, verify and re-import unchanged.
 */
final class HostileEvents {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] TEXTS = {
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\u0001\u001f\u007f",
    "\b\f\n\r\t",
    "\u2028\u2029",
    "😀👩‍👩‍👧",
    "e\u0301",
    "\uFEFFbom",
    "\"\\/",
    "</script><script>alert(1)</script>",
    "'; DROP TABLE exchanges;--",
    "=HYPERLINK(\"http://x\")",
    "+1",
    "-1",
    "@SUM(A1)",
    "日本語のテキスト",
    "\uD800",
    "x\uDC00y",
    "\uDBFF\uDFFF",
  };
  private static final double[] DOUBLES = {
    0.0,
    -0.0,
    1e-7,
    0.00001,
    5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    1e21,
    1e20,
    9.999999999999999e22,
    0.1 + 0.2,
    123456789.123456789,
    -1.5e-300,
    4.35,
  };
  private static final String[] RAW_NUMBERS = {
    "9007199254740992",
    "9007199254740993",
    "-9007199254740992",
    "1" + "0".repeat(20),
    "9".repeat(400),
    "1e400",
    "-1e400",
    "1152921504606846976",
    "12345678901234567890",
  };
  private static final String[] OFFSETS = {
    "Z", "+14:00", "-12:00", "+05:45", "-03:30", "+00:00", "+05:30:15", "-00:00"
  };

  private final Random random;
  private final Instant latest;
  private int seq;

  HostileEvents(long seed, Instant latest) {
    this.random = new Random(seed);
    this.latest = latest;
  }

  /** {@code n} events as JSON text (raw numbers must reach the parser as written). */
  List<String> events(int n) {
    List<String> out = new ArrayList<>();
    List<String> exchanges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int pick = random.nextInt(10);
      String event;
      if (pick < 5 || exchanges.isEmpty()) {
        String id = id("x");
        exchanges.add(id);
        event = exchange(id);
      } else if (pick < 7) {
        event = feedback(exchanges.get(random.nextInt(exchanges.size())));
      } else if (pick < 9) {
        event = quality(exchanges.get(random.nextInt(exchanges.size())));
      } else {
        event = relation();
      }
      out.add(escapeLoneSurrogates(event));
    }
    return out;
  }

  /**
   * A lone surrogate has no UTF-8 form: a client can only send it as a JSON escape, so that is how
   * it is written here (encoding the text to bytes would silently turn it into '?').
   */
  static String escapeLoneSurrogates(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private String exchange(String id) {
    ObjectNode e = F.objectNode().put("kind", "exchange").put("id", id);
    e.put("session_id", "s" + random.nextInt(40) + text(0.2));
    e.put("timestamp", timestamp());
    maybe(e, "user_text");
    maybe(e, "agent_text");
    if (random.nextBoolean()) {
      long[] durations = {0, 1, 86_400_000, 86_400_001, random.nextInt(600_000)};
      e.put("duration_ms", durations[random.nextInt(durations.length)]);
    }
    if (random.nextBoolean()) {
      ArrayNode topics = e.putArray("topics");
      int count = random.nextInt(10) == 0 ? 101 : random.nextInt(5);
      for (int i = 0; i < count; i++) {
        topics.add("topic-" + random.nextInt(30) + text(0.3));
      }
    }
    String json = e.toString();
    if (random.nextBoolean()) {
      json = json.substring(0, json.length() - 1) + ",\"metadata\":" + metadata(0) + "}";
    }
    return json;
  }

  private String feedback(String exchangeId) {
    String[] types = {"thumbs_up", "thumbs_down", "copy", "share", "rating", "correction"};
    ObjectNode f = F.objectNode().put("kind", "feedback").put("id", id("f"));
    f.put("exchange_id", exchangeId).put("timestamp", timestamp());
    String type = types[random.nextInt(types.length)];
    f.put("type", type);
    if (type.equals("rating")) {
      f.put("rating", 1 + random.nextInt(5));
    }
    maybe(f, "comment");
    return f.toString();
  }

  private String quality(String exchangeId) {
    ObjectNode q = F.objectNode().put("kind", "quality").put("id", id("q"));
    q.put("exchange_id", exchangeId);
    if (random.nextBoolean()) {
      q.put("timestamp", timestamp());
    }
    for (String dim : new String[] {"relevance", "helpfulness", "accuracy", "clarity"}) {
      if (random.nextBoolean()) {
        double[] values = {0, 1, 1e-7, 5e-324, 0.1 + 0.2, random.nextDouble()};
        q.put(dim, values[random.nextInt(values.length)]);
      }
    }
    q.put("composite", random.nextDouble());
    return q.toString();
  }

  private String relation() {
    ObjectNode r = F.objectNode().put("kind", "relation").put("id", id("r"));
    r.put("source", "c" + random.nextInt(20) + text(0.3));
    r.put("target", "c" + random.nextInt(20) + text(0.3));
    r.put("type", random.nextBoolean() ? "BUILDS_ON" : "RELATES_TO");
    if (random.nextBoolean()) {
      r.put("strength", random.nextDouble());
    }
    if (random.nextBoolean()) {
      r.put("timestamp", timestamp());
    }
    return r.toString();
  }

  private String id(String prefix) {
    return prefix + (seq++) + text(0.3);
  }

  private void maybe(ObjectNode n, String field) {
    if (random.nextInt(3) > 0) {
      n.put(field, random.nextInt(30) == 0 ? "x".repeat(100_000) : text(1.0));
    }
  }

  /** A hostile text with probability {@code p}, else the empty string. */
  private String text(double p) {
    return random.nextDouble() < p ? TEXTS[random.nextInt(TEXTS.length)] : "";
  }

  private String timestamp() {
    long lo = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    long hi = latest.toEpochMilli();
    int edge = random.nextInt(12);
    long ms =
        switch (edge) {
          case 0 -> lo;
          case 1 -> lo - 1;
          case 2 -> hi - 60_000;
          case 3 -> hi + 3_600_000L * 25;
          case 4 -> Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
          default -> hi - (long) (random.nextDouble() * 400L * 86_400_000L);
        };
    String offset = OFFSETS[random.nextInt(OFFSETS.length)];
    ZoneOffset zo =
        offset.equals("Z") || offset.equals("-00:00") ? ZoneOffset.UTC : ZoneOffset.of(offset);
    OffsetDateTime t = Instant.ofEpochMilli(ms).atOffset(zo);
    String nanos = random.nextBoolean() ? ".123456789" : random.nextBoolean() ? ".5" : "";
    String local = t.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
    return local + nanos + offset;
  }

  /** Metadata as JSON text, nested up to (and sometimes past) 32 levels. */
  private String metadata(int depth) {
    StringBuilder sb = new StringBuilder("{");
    int members = depth > 4 ? 1 : 1 + random.nextInt(4);
    for (int i = 0; i < members; i++) {
      sb.append(i == 0 ? "" : ",").append(F.textNode("k" + i + text(0.3))).append(':');
      sb.append(value(depth + 1));
    }
    return sb.append('}').toString();
  }

  private String value(int depth) {
    int pick = random.nextInt(8);
    if (depth < 34 && (pick == 0 || (depth > 4 && random.nextInt(4) == 0))) {
      return random.nextBoolean() ? metadata(depth) : "[" + value(depth + 1) + "]";
    }
    return switch (pick) {
      case 1 -> RAW_NUMBERS[random.nextInt(RAW_NUMBERS.length)];
      case 2, 3 -> doubleText(DOUBLES[random.nextInt(DOUBLES.length)]);
      case 4 -> F.textNode(text(1.0)).toString();
      case 5 -> random.nextBoolean() ? "true" : "null";
      case 6 -> new BigInteger(50, random).toString();
      default -> Long.toString(random.nextInt());
    };
  }

  private static String doubleText(double d) {
    return Double.toString(d);
  }

  static JsonNode parse(String json) {
    try {
      return io.learnlytics.support.Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
