package io.learnlytics.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws hostile cases from a seeded {@link Random}: a route (every route equally often), then a
 * category of trouble, then the values. The same seed gives the same cases, so a failure found in a
 * long random run is replayed with {@code -Dfuzz.seed=N}.
 */
final class RandomCases {
  /** Categories with their weights; "10mb" is rare because each case moves 10 MB. */
  static final List<String> CATEGORIES =
      List.of(
          "query",
          "query",
          "repeated",
          "path",
          "method",
          "malformed",
          "malformed",
          "truncated",
          "field",
          "field",
          "field",
          "framing",
          "framing",
          "framing",
          "10mb");

  /** Percent-encodings that decode to nothing valid: sent as they are, not encoded again. */
  private static final List<String> RAW_ENCODED =
      List.of("%", "%zz", "%ED%A0%80", "%C0%80", "%00", "%FF%FE", "%u0041", "a%2", "%0D%0A");

  private static final List<String> METHODS =
      List.of("HEAD", "OPTIONS", "TRACE", "PATCH", "PROPFIND", "FOO", "get", "PUT", "DELETE");

  private final Random random;

  RandomCases(Random random) {
    this.random = random;
  }

  FuzzCase next(FuzzRoute route) {
    String category = FuzzCorpus.pick(random, CATEGORIES);
    return switch (category) {
      case "query" -> noBody(route, category, route.method(), route.path("fz-1") + query(route));
      case "repeated" ->
          noBody(route, category, route.method(), route.path("fz-1") + repeated(route));
      case "path" -> malformedUri(route, category, route.method(), path(route));
      case "method" ->
          noBody(route, category, FuzzCorpus.pick(random, METHODS), route.path("fz-1"));
      default -> withBody(route, category);
    };
  }

  private FuzzCase noBody(FuzzRoute route, String category, String method, String target) {
    boolean wellFormed = RAW_ENCODED.stream().noneMatch(target::contains);
    return new FuzzCase(route, category, method, target, List.of(), new byte[0], false, wellFormed);
  }

  /**
   * A hostile path segment: Jetty refuses a NUL, an encoded slash or a bad escape in the path
   * before any route runs, as a malformed URI (400 in our shape, but without a field to name).
   */
  private FuzzCase malformedUri(FuzzRoute route, String category, String method, String target) {
    return new FuzzCase(route, category, method, target, List.of(), new byte[0], false, false);
  }

  private FuzzCase withBody(FuzzRoute route, String category) {
    String template = FuzzCorpus.template(route, random);
    byte[] body =
        switch (category) {
          case "malformed" -> malformed();
          case "truncated" -> utf8(FuzzCorpus.truncated(template, random));
          case "10mb" ->
              utf8(FuzzCorpus.withValue(template, "\"" + HostileValues.TEN_MB + "\"", random));
          case "framing" -> utf8(random.nextBoolean() ? template : field(template));
          default -> utf8(field(template));
        };
    Framings framing =
        category.equals("framing")
            ? Framings.values()[1 + random.nextInt(Framings.values().length - 1)]
            : Framings.PLAIN;
    String type =
        route.body() == FuzzRoute.Body.EVENTS && random.nextInt(4) == 0
            ? "application/x-ndjson"
            : "application/json";
    Framings.Wire wire = framing.frame(body, type, random);
    boolean wellFormed = framing == Framings.PLAIN || framing == Framings.CHUNKED;
    return new FuzzCase(
        route,
        category,
        route.method(),
        route.path("fz-1"),
        wire.headers(),
        wire.body(),
        wire.halfClose(),
        wellFormed);
  }

  private byte[] malformed() {
    if (random.nextInt(5) == 0) {
      return FuzzCorpus.pick(random, FuzzCorpus.RAW);
    }
    return utf8(FuzzCorpus.pick(random, FuzzCorpus.MALFORMED));
  }

  /** The template with one field set to a hostile JSON value or a hostile string. */
  private String field(String template) {
    String json =
        random.nextBoolean()
            ? FuzzCorpus.pick(random, HostileValues.JSON)
            : jsonString(FuzzCorpus.pick(random, HostileValues.TEXTS));
    String body = FuzzCorpus.withValue(template, json, random);
    return random.nextInt(6) == 0 ? "[" + body + "," + body + "]" : body;
  }

  /** One hostile value for one of the route's parameters (or a made-up one). */
  private String query(FuzzRoute route) {
    List<String> names = new ArrayList<>(route.params());
    names.add(FuzzCorpus.pick(random, HostileValues.TEXTS));
    String name = FuzzCorpus.pick(random, names);
    if (random.nextInt(10) == 0) {
      return "?" + encode(name);
    }
    return "?" + encode(name) + "=" + value();
  }

  /** One parameter many times, mixing a valid-looking value with hostile ones. */
  private String repeated(FuzzRoute route) {
    String name = route.params().isEmpty() ? "period" : FuzzCorpus.pick(random, route.params());
    StringBuilder q = new StringBuilder("?");
    int times = 2 + random.nextInt(random.nextInt(10) == 0 ? 500 : 5);
    for (int i = 0; i < times; i++) {
      q.append(i == 0 ? "" : "&").append(encode(name)).append('=');
      q.append(random.nextBoolean() ? "7d" : value());
    }
    return q.toString();
  }

  private String path(FuzzRoute route) {
    String v = value();
    return route.hasPathParam() ? route.path(v) : route.path("") + "/" + v;
  }

  private String value() {
    if (random.nextInt(5) == 0) {
      return FuzzCorpus.pick(random, RAW_ENCODED);
    }
    return encode(FuzzCorpus.pick(random, HostileValues.TEXTS));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** {@code s} as a JSON string literal, escaping what JSON requires (lone surrogates kept). */
  static String jsonString(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
