package io.learnlytics.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.export.source.ExportRequest;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestConfig;
import io.learnlytics.testing.TestStores;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A small learning history in Europe/Berlin, "now" fixed at Thu 2025-11-20 13:00 local, and helpers
 * shared by the export tests.
 *
 * <pre>
 * s-old  2025-09-01 12:00+02:00  e0 [history]                         (outside 30d, inside all)
 * s1     2025-11-18 09:00+01:00  e1 [recursion] metadata, q1 (no timestamp: takes e1's), thumbs_up
 *                    09:05+01:00  e2 [recursion, stacks] unicode and quotes, q2 (dimensions only),
 *                                 rating 5 with a comment
 * s2     2025-11-19 20:00-05:00  e3 [graphs] sent from New York (Nov 20, 02:00 in Berlin), q3 0.9,
 *                                 correction
 * s3     2025-11-20 10:00+01:00  e4 [graphs]
 * relations: recursion BUILDS_ON functions 0.8 (timestamped), graphs RELATES_TO trees (no time)
 * a custom daily goal "Graph day" (one graphs session a day); goals evaluated, so achievements exist
 * </pre>
 */
public final class ExportFixture {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final Instant NOW = Instant.parse("2025-11-20T12:00:00Z");

  private ExportFixture() {}

  static App app(Path dir, String name) {
    Config config = TestConfig.forDb(dir.resolve(name)).withZone(ZONE).build();
    return new App(config, Clock.fixed(NOW, ZONE), new PrometheusRegistry());
  }

  static ExportService exports(App app) {
    return new ExportService(app.db(), app.rollups(), app.goals(), app.clock(), new ExportSlots());
  }

  /**
   * The NUL character ending one exchange's text: SQLite keeps it; PostgreSQL text cannot hold it,
   * so the PostgreSQL run leaves it out (its refusal is tested in PostgresStoreTest).
   */
  static final String NUL = TestStores.POSTGRES ? "" : "\\u0000";

  /** Loads the history above, refreshes the rollups and evaluates the goals. */
  static App history(Path dir, String name) {
    App app = app(dir, name);
    ingest(
        app,
        """
        [
         {"kind":"exchange","id":"e0","session_id":"s-old","timestamp":"2025-09-01T12:00:00+02:00",
          "user_text":"When did it start?","agent_text":"In 1914.NUL","duration_ms":30000,
          "topics":["history"]},
         {"kind":"exchange","id":"e1","session_id":"s1","timestamp":"2025-11-18T09:00:00+01:00",
          "user_text":"What is recursion?","agent_text":"A function that calls itself.",
          "duration_ms":4000,"topics":["recursion"],
          "metadata":{"model":"tutor-1","device":"mobile","temperature":0.7,"turn":1}},
         {"kind":"exchange","id":"e2","session_id":"s1","timestamp":"2025-11-18T09:05:00.250+01:00",
          "user_text":"Grüße — what is a \\"stack\\"?\\nAnd 😀?","agent_text":"LIFO, tab:\\there.",
          "duration_ms":6000,"topics":["recursion","stacks"]},
         {"kind":"exchange","id":"e3","session_id":"s2","timestamp":"2025-11-19T20:00:00-05:00",
          "user_text":"Graphs?","duration_ms":2000,"topics":["graphs"]},
         {"kind":"exchange","id":"e4","session_id":"s3","timestamp":"2025-11-20T10:00:00+01:00",
          "agent_text":"Nodes and edges.","topics":["graphs"]},
         {"kind":"quality","id":"q1","exchange_id":"e1","composite":0.55},
         {"kind":"quality","id":"q2","exchange_id":"e2","timestamp":"2025-11-18T09:05:30+01:00",
          "relevance":0.9,"clarity":0.8,"accuracy":0.7},
         {"kind":"quality","id":"q3","exchange_id":"e3","timestamp":"2025-11-19T20:00:10-05:00",
          "composite":0.9,"relevance":1,"helpfulness":0.85,"engagement":0.6},
         {"kind":"feedback","id":"f1","exchange_id":"e1","timestamp":"2025-11-18T09:01:00+01:00",
          "type":"thumbs_up"},
         {"kind":"feedback","id":"f2","exchange_id":"e2","timestamp":"2025-11-18T09:06:00+01:00",
          "type":"rating","rating":5,"comment":"Clear, \\"really\\" clear"},
         {"kind":"feedback","id":"f3","exchange_id":"e3","timestamp":"2025-11-19T20:01:00-05:00",
          "type":"correction"},
         {"kind":"relation","id":"r1","source":"recursion","target":"functions","type":"BUILDS_ON",
          "strength":0.8,"timestamp":"2025-11-18T09:10:00+01:00"},
         {"kind":"relation","id":"r2","source":"graphs","target":"trees","type":"RELATES_TO"}
        ]
        """
            .replace("NUL", NUL));
    app.goals()
        .create(
            json(
                """
                {"name":"Graph day","description":"One graphs session a day","goal_type":"topic",
                 "frequency":"daily","target_metric":"session_count","target_value":1,
                 "comparison":"gte","filters":{"topic":"graphs"},"icon":"map","color":"#06B6D4"}
                """));
    app.goals().evaluate();
    return app;
  }

  static void ingest(App app, String jsonArray) {
    List<JsonNode> events = new ArrayList<>();
    json(jsonArray).forEach(events::add);
    app.ingest().ingest(events);
    app.rollups().refreshDirty();
  }

  public static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] export(ExportService exports, String format, String period, String include) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      exports.export(ExportRequest.parse(format, period, include), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static JsonNode exportJson(ExportService exports, String period, String include) {
    try {
      return Json.MAPPER.readTree(export(exports, "json", period, include));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * An RFC 8785 serializer written independently of the production one, for checking checksums:
   * object members sorted with {@link String#compareTo} (UTF-16 code units), JSON.stringify string
   * escapes, and numbers in ECMAScript form found by brute force — the fewest significant digits
   * whose correctly rounded decimal ({@link String#format} rounds the exact binary value) reads
   * back as the same double. Covers what the tests export: finite numbers from 1e-6 up to 1e21.
   */
  static String independentJcs(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    canon(n, sb);
    return sb.toString();
  }

  static String independentChecksum(JsonNode documentWithoutChecksum) {
    return "sha256:"
        + sha256Hex(independentJcs(documentWithoutChecksum).getBytes(StandardCharsets.UTF_8));
  }

  private static void canon(JsonNode n, StringBuilder sb) {
    if (n.isObject()) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      names.sort(String::compareTo);
      sb.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        quote(names.get(i), sb);
        sb.append(':');
        canon(n.get(names.get(i)), sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        canon(n.get(i), sb);
      }
      sb.append(']');
    } else if (n.isTextual()) {
      quote(n.textValue(), sb);
    } else if (n.isNumber()) {
      sb.append(number(n.doubleValue()));
    } else if (n.isBoolean()) {
      sb.append(n.booleanValue());
    } else if (n.isNull()) {
      sb.append("null");
    } else {
      throw new AssertionError("unexpected node " + n);
    }
  }

  private static String number(double d) {
    if (d == 0) {
      return "0";
    }
    double a = Math.abs(d);
    if (a < 1e-6 || a >= 1e21) {
      throw new AssertionError("the independent serializer does not cover " + d);
    }
    for (int digits = 1; digits <= 17; digits++) {
      String sci = String.format(Locale.ROOT, "%." + (digits - 1) + "e", d);
      if (Double.parseDouble(sci) == d) {
        return new BigDecimal(sci).stripTrailingZeros().toPlainString();
      }
    }
    throw new AssertionError("no round trip for " + d);
  }

  private static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
