package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /metrics}: valid Prometheus text exposition 0.0.4 with the documented instruments. */
class MetricsEndpointTest {
  static final ZoneId UTC = ZoneId.of("UTC");
  static final String OVERVIEW = "/api/analytics/overview";
  static final String PROGRESS = "/api/analytics/progress";

  /** Three events, all in the 09:00 hour of Nov 19: one hour and one day bucket become dirty. */
  static final String BATCH =
      """
      [{"kind":"exchange","id":"e1","session_id":"s1","timestamp":"2025-11-19T09:00:00Z",
        "duration_ms":1000,"topics":["recursion"]},
       {"kind":"quality","id":"q1","exchange_id":"e1","composite":0.8},
       {"kind":"feedback","id":"f1","exchange_id":"e1","timestamp":"2025-11-19T09:01:00Z",
        "type":"thumbs_up"}]""";

  @TempDir Path dir;
  MovableClock clock;
  TestServer server;

  /** Started by the tests that need it; the parser's own tests run without a server. */
  @BeforeEach
  void start(TestInfo test) {
    if (test.getTestMethod().orElseThrow().getName().startsWith("the_strict_parser")) {
      return;
    }
    clock = new MovableClock("2025-11-19T12:00:00Z", UTC);
    server = TestServer.at(dir, UTC, clock);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void metrics_are_plain_text_that_a_strict_0_0_4_parser_accepts() {
    server.postJson("/api/events", BATCH);
    server.app().rollups().refreshDirty();
    server.get(OVERVIEW + "?period=7d");

    Response r = server.get("/metrics");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    List<Sample> samples = Exposition.parse(r.body());
    assertThat(samples).isNotEmpty();
    assertThat(samples).anySatisfy(s -> assertThat(s.name()).startsWith("jvm_"));
  }

  @Test
  void dashboard_requests_are_counted_by_route_template_and_status() {
    server.get(OVERVIEW + "?period=7d");
    server.get(OVERVIEW + "?period=7d");
    server.get(OVERVIEW + "?period=30d");
    assertThat(server.get(OVERVIEW + "?period=1d").status()).isEqualTo(400);
    server.get(PROGRESS + "?period=7d");

    List<Sample> samples = scrape();

    String requests = "analytics_dashboard_requests_total";
    assertThat(value(samples, requests, "endpoint", OVERVIEW, "status", "200")).isEqualTo(3.0);
    assertThat(value(samples, requests, "endpoint", OVERVIEW, "status", "400")).isEqualTo(1.0);
    assertThat(value(samples, requests, "endpoint", PROGRESS, "status", "200")).isEqualTo(1.0);
    Set<String> endpoints =
        samples.stream()
            .filter(s -> s.name().startsWith("analytics_dashboard_"))
            .map(s -> s.labels().get("endpoint"))
            .collect(Collectors.toSet());
    assertThat(endpoints).containsExactlyInAnyOrder(OVERVIEW, PROGRESS);
  }

  @Test
  void dashboard_latency_is_a_histogram_with_the_documented_buckets() {
    server.get(OVERVIEW + "?period=7d");
    server.get(OVERVIEW + "?period=7d");
    server.get(OVERVIEW + "?period=30d");
    server.get(OVERVIEW + "?period=1d");

    List<Sample> samples = scrape();

    List<Sample> buckets =
        samples.stream()
            .filter(s -> s.name().equals("analytics_dashboard_latency_seconds_bucket"))
            .filter(s -> OVERVIEW.equals(s.labels().get("endpoint")))
            .toList();
    assertThat(buckets)
        .extracting(s -> s.labels().get("le"))
        .containsExactly("0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "+Inf");
    assertThat(buckets).extracting(Sample::value).isSorted();
    assertThat(buckets.get(buckets.size() - 1).value()).isEqualTo(4.0);
    assertThat(value(samples, "analytics_dashboard_latency_seconds_count", "endpoint", OVERVIEW))
        .isEqualTo(4.0);
    assertThat(value(samples, "analytics_dashboard_latency_seconds_sum", "endpoint", OVERVIEW))
        .isPositive();
  }

  @Test
  void cache_hit_rate_is_hits_over_lookups() {
    server.get(OVERVIEW + "?period=7d"); // miss
    server.get(OVERVIEW + "?period=7d"); // hit
    server.get(OVERVIEW + "?period=30d"); // miss
    server.get(PROGRESS + "?period=7d"); // miss
    server.get(OVERVIEW + "?period=1d"); // rejected before the cache

    double rate = value(scrape(), "analytics_cache_hit_rate");

    assertThat(rate).isBetween(0.0, 1.0).isEqualTo(0.25);
  }

  @Test
  void ingest_counts_events_by_outcome_and_batches_by_status() {
    server.postJson("/api/events", BATCH);
    server.postJson("/api/events", BATCH); // a retry: three duplicates
    server.postJson("/api/events", "{\"kind\":\"exchange\",\"id\":\"bad\"}");

    List<Sample> samples = scrape();

    String events = "analytics_ingest_events_total";
    assertThat(value(samples, events, "result", "accepted")).isEqualTo(3.0);
    assertThat(value(samples, events, "result", "duplicate")).isEqualTo(3.0);
    assertThat(value(samples, events, "result", "conflict")).isEqualTo(0.0);
    String batches = "analytics_ingest_batches_total";
    assertThat(value(samples, batches, "status", "200")).isEqualTo(2.0);
    assertThat(value(samples, batches, "status", "400")).isEqualTo(1.0);
  }

  @Test
  void rollup_backlog_and_lag_show_pending_work_until_a_refresh_records_its_duration() {
    server.postJson("/api/events", BATCH);
    clock.advanceSeconds(90);

    List<Sample> pending = scrape();
    server.app().rollups().refreshDirty();
    List<Sample> done = scrape();

    assertThat(value(pending, "analytics_rollup_dirty_buckets")).isEqualTo(2.0); // hour + day
    assertThat(value(pending, "analytics_rollup_lag_seconds")).isEqualTo(90.0);
    assertThat(value(done, "analytics_rollup_dirty_buckets")).isEqualTo(0.0);
    assertThat(value(done, "analytics_rollup_lag_seconds")).isEqualTo(0.0);
    assertThat(value(done, "analytics_aggregation_duration_seconds_count", "interval", "refresh"))
        .isEqualTo(1.0);
    assertThat(
            value(
                done,
                "analytics_aggregation_duration_seconds_bucket",
                "interval",
                "refresh",
                "le",
                "+Inf"))
        .isEqualTo(1.0);
  }

  @Test
  void rollup_lag_counts_from_the_oldest_change_even_when_its_bucket_changes_again() {
    server.postJson("/api/events", BATCH); // 12:00:00, hour 09:00 of Nov 19 dirty
    clock.advanceSeconds(60);
    server.postJson(
        "/api/events",
        """
        {"kind":"exchange","id":"e2","session_id":"s2","timestamp":"2025-11-19T09:30:00Z"}""");
    clock.advanceSeconds(30);

    List<Sample> samples = scrape();

    assertThat(value(samples, "analytics_rollup_lag_seconds")).isEqualTo(90.0);
  }

  // ---------------------------------------------------------------- the strict parser itself

  @ParameterizedTest
  @ValueSource(
      strings = {
        "m 1\n", // no TYPE
        "# TYPE m gauge\nm{a=\"x\"} one\n", // not a number
        "# TYPE m gauge\nm 0x1p3\n", // Java-only float syntax
        "# TYPE m gauge\nm Infinity\n", // Java spelling of +Inf
        "# TYPE m gauge\nm{a=\"x\\t\"} 1\n", // bad escape
        "# TYPE m gauge\nm{a=\"x} 1\n", // unterminated value
        "# TYPE m gauge\nm{1a=\"x\"} 1\n", // bad label name
        "# TYPE m gauge\nm{a=\"x\",a=\"y\"} 1\n", // duplicate label
        "# TYPE m gauge\nm  1\n", // two spaces
        "# TYPE m gauge\nm 1 2 3\n", // trailing junk
        "# TYPE m gauge\nm 1 1.5\n", // fractional timestamp
        "# TYPE m gauge\nm 1\nm 2\n", // duplicate series
        "# TYPE m gauge\n# TYPE m gauge\nm 1\n", // two TYPE lines
        "# TYPE m widget\nm 1\n", // unknown type
        "# TYPE m gauge\nm 1\n# TYPE n gauge\nn 1\nm{a=\"b\"} 2\n", // family split
        "# TYPE h histogram\nh_bucket 1\n", // bucket without le
        "# TYPE m gauge\nm_total 1\n", // suffix not allowed for a gauge
        "# TYPE 9m gauge\n9m 1\n", // bad metric name
        "# comment\n", // neither HELP, TYPE nor sample
        "# TYPE m gauge\n\nm 1\n", // empty line
        "# TYPE m gauge\nm 1", // no final newline
      })
  void the_strict_parser_rejects_malformed_expositions(String text) {
    assertThatThrownBy(() -> Exposition.parse(text)).isInstanceOf(AssertionError.class);
  }

  @Test
  void the_strict_parser_reads_names_labels_escapes_and_special_values() {
    List<Sample> samples =
        Exposition.parse(
            """
            # HELP h A histogram with a \\\\ and a \\n in its help
            # TYPE h histogram
            h_bucket{path="a\\"b\\\\c\\nd",le="+Inf"} 2 1700000000000
            h_count{path="a\\"b\\\\c\\nd"} 2
            h_sum{path="a\\"b\\\\c\\nd"} 1.5e-3
            # TYPE c counter
            c_total -Inf
            # TYPE g gauge
            g NaN
            """);

    assertThat(samples).hasSize(5);
    assertThat(samples.get(0).labels()).containsEntry("path", "a\"b\\c\nd");
    assertThat(samples.get(0).value()).isEqualTo(2.0);
    assertThat(samples.get(2).value()).isCloseTo(0.0015, within(1e-15));
    assertThat(samples.get(3).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(samples.get(4).value()).isNaN();
  }

  // ---------------------------------------------------------------- helpers

  private List<Sample> scrape() {
    Response r = server.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    return Exposition.parse(r.body());
  }

  /** The value of the one sample with this name and exactly these labels. */
  private static double value(List<Sample> samples, String name, String... labels) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    List<Sample> found =
        samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).toList();
    assertThat(found).as("%s%s", name, wanted).hasSize(1);
    return found.get(0).value();
  }

  record Sample(String name, Map<String, String> labels, double value) {}

  /**
   * A strict reader of the Prometheus text exposition format 0.0.4: every line is {@code # HELP},
   * {@code # TYPE} or a sample; names, label names, escapes, numbers and timestamps are checked;
   * every sample belongs to a TYPE-declared family (with the suffixes its type allows), families
   * are contiguous and declared once, and no series appears twice. Any deviation is an {@link
   * AssertionError} naming the line.
   */
  static final class Exposition {
    static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    static final Pattern NUMBER =
        Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
    static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]+");
    static final Map<String, List<String>> SUFFIXES =
        Map.of(
            "counter", List.of("", "_total", "_created"),
            "gauge", List.of(""),
            "histogram", List.of("_bucket", "_sum", "_count", "_created"),
            "gaugehistogram", List.of("_bucket", "_gsum", "_gcount"),
            "summary", List.of("", "_sum", "_count", "_created"),
            "untyped", List.of(""),
            "unknown", List.of(""),
            "info", List.of("", "_info"),
            "stateset", List.of(""));

    private final Map<String, String> types = new HashMap<>();
    private final Set<String> helped = new HashSet<>();
    private final Set<String> closed = new HashSet<>();
    private final Set<String> sampled = new HashSet<>();
    private final Set<String> series = new HashSet<>();
    private final List<Sample> samples = new ArrayList<>();
    private String family;
    private int lineNo;
    private String line;

    static List<Sample> parse(String text) {
      Exposition e = new Exposition();
      if (!text.isEmpty() && !text.endsWith("\n")) {
        throw new AssertionError("the exposition does not end with a newline");
      }
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length - 1; i++) {
        e.lineNo = i + 1;
        e.line = lines[i];
        e.line();
      }
      return e.samples;
    }

    private void line() {
      if (line.startsWith("# HELP ")) {
        help(line.substring(7));
      } else if (line.startsWith("# TYPE ")) {
        type(line.substring(7));
      } else if (line.startsWith("#") || line.isEmpty()) {
        throw fail("neither HELP, TYPE nor a sample");
      } else {
        sample();
      }
    }

    private void help(String rest) {
      int space = rest.indexOf(' ');
      String name = space < 0 ? rest : rest.substring(0, space);
      check(NAME.matcher(name).matches(), "bad metric name '" + name + "'");
      check(helped.add(name), "second HELP for " + name);
      String text = space < 0 ? "" : rest.substring(space + 1);
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\\') {
          check(i + 1 < text.length() && "\\n".indexOf(text.charAt(i + 1)) >= 0, "bad escape");
          i++;
        }
      }
      enter(name);
    }

    private void type(String rest) {
      String[] parts = rest.split(" ", -1);
      check(parts.length == 2, "TYPE needs a name and a type");
      check(NAME.matcher(parts[0]).matches(), "bad metric name '" + parts[0] + "'");
      check(SUFFIXES.containsKey(parts[1]), "unknown type '" + parts[1] + "'");
      check(types.put(parts[0], parts[1]) == null, "second TYPE for " + parts[0]);
      check(!sampled.contains(parts[0]), "TYPE after samples of " + parts[0]);
      enter(parts[0]);
    }

    private void sample() {
      Matcher m = NAME.matcher(line);
      check(m.lookingAt(), "bad metric name");
      String name = m.group();
      int i = m.end();
      Map<String, String> labels = new TreeMap<>();
      if (i < line.length() && line.charAt(i) == '{') {
        i = labels(i + 1, labels);
      }
      check(i < line.length() && line.charAt(i) == ' ', "no single space before the value");
      String[] rest = line.substring(i + 1).split(" ", -1);
      check(rest.length <= 2, "junk after the timestamp");
      double value = number(rest[0]);
      if (rest.length == 2) {
        check(TIMESTAMP.matcher(rest[1]).matches(), "bad timestamp '" + rest[1] + "'");
      }
      String base = familyOf(name, labels);
      sampled.add(base);
      enter(base);
      check(series.add(name + labels), "duplicate series " + name + labels);
      samples.add(new Sample(name, Map.copyOf(labels), value));
    }

    /** Reads {@code a="x",b="y"}} from {@code i}; returns the index after the brace. */
    private int labels(int i, Map<String, String> into) {
      while (true) {
        check(i < line.length(), "unterminated labels");
        if (line.charAt(i) == '}' && into.isEmpty()) {
          return i + 1;
        }
        Matcher m = LABEL.matcher(line).region(i, line.length());
        check(m.lookingAt(), "bad label name at column " + i);
        String label = m.group();
        i = m.end();
        check(line.startsWith("=\"", i), "label " + label + " without =\"");
        StringBuilder v = new StringBuilder();
        for (i += 2; ; i++) {
          check(i < line.length(), "unterminated value of " + label);
          char c = line.charAt(i);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            check(i + 1 < line.length(), "dangling escape");
            char e = line.charAt(++i);
            check(e == '\\' || e == '"' || e == 'n', "bad escape \\" + e);
            c = e == 'n' ? '\n' : e;
          }
          v.append(c);
        }
        check(into.put(label, v.toString()) == null, "duplicate label " + label);
        i++;
        check(i < line.length(), "unterminated labels");
        if (line.charAt(i) == '}') {
          return i + 1;
        }
        boolean comma = line.charAt(i) == ',' && !line.startsWith("}", i + 1);
        check(comma, "expected , or } after label " + label);
        i++;
      }
    }

    private double number(String s) {
      switch (s) {
        case "+Inf", "Inf" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-Inf" -> {
          return Double.NEGATIVE_INFINITY;
        }
        case "NaN" -> {
          return Double.NaN;
        }
        default -> {
          check(NUMBER.matcher(s).matches(), "bad number '" + s + "'");
          return Double.parseDouble(s);
        }
      }
    }

    /** The TYPE-declared family a sample belongs to, given the suffixes its type allows. */
    private String familyOf(String name, Map<String, String> labels) {
      if (types.containsKey(name) && SUFFIXES.get(types.get(name)).contains("")) {
        return name;
      }
      for (Map.Entry<String, String> t : types.entrySet()) {
        for (String suffix : SUFFIXES.get(t.getValue())) {
          if (name.equals(t.getKey() + suffix)) {
            if (suffix.equals("_bucket")) {
              check(labels.containsKey("le"), "bucket without le");
            }
            return t.getKey();
          }
        }
      }
      throw fail("sample " + name + " of no TYPE-declared family");
    }

    /** Families are contiguous: once left, a family may not come back. */
    private void enter(String name) {
      if (name.equals(family)) {
        return;
      }
      check(!closed.contains(name), "family " + name + " is split");
      if (family != null) {
        closed.add(family);
      }
      family = name;
    }

    private void check(boolean ok, String problem) {
      if (!ok) {
        throw fail(problem);
      }
    }

    private AssertionError fail(String problem) {
      return new AssertionError("line " + lineNo + ": " + problem + ": " + line);
    }
  }
}
