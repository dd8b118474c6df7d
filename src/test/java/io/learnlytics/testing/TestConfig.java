package io.learnlytics.testing;

import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.config.Ingest;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The one way tests build a {@link Config}: a loopback server on a random port over {@code test.db}
 * in the test's directory, UTC, weeks from Monday, days from midnight, no token, the production
 * retention, ingest and exposure defaults and the embedded graph. A test names only what it is
 * about ({@code TestConfig.in(dir).withZone(NEW_YORK).withDayStartHour(4)}), so a new setting
 * changes this class rather than every test.
 *
 * <p>A builder: each wither sets one value and returns this builder; {@link #build()} validates
 * through the real {@link Config} constructor, so a bad value fails as it would at startup.
 */
public final class TestConfig {
  private Path db;
  private String host = "127.0.0.1";
  private int port;
  private Optional<String> apiToken = Optional.empty();
  private boolean insecure;
  private ZoneId zone = ZoneId.of("UTC");
  private DayOfWeek weekStart = DayOfWeek.MONDAY;
  private int dayStartHour;
  private Config.Retention retention = Config.Retention.DEFAULT;
  private Ingest ingest = Ingest.DEFAULT;
  private Config.Exposure exposure = Config.Exposure.DEFAULT;
  private Config.Graph graph = Config.Graph.EMBEDDED;

  private TestConfig(Path db) {
    this.db = db;
  }

  /** The defaults above, over {@code dir/test.db}. */
  public static TestConfig in(Path dir) {
    return forDb(dir.resolve("test.db"));
  }

  /** The defaults above, over the database file {@code db}. */
  public static TestConfig forDb(Path db) {
    return new TestConfig(db);
  }

  public TestConfig withDb(Path file) {
    db = file;
    return this;
  }

  public TestConfig withHost(String name) {
    host = name;
    return this;
  }

  public TestConfig withPort(int number) {
    port = number;
    return this;
  }

  /** A bearer token the API then requires; null for none. */
  public TestConfig withToken(String token) {
    apiToken = Optional.ofNullable(token);
    return this;
  }

  public TestConfig withInsecure(boolean allowPublicBindWithoutToken) {
    insecure = allowPublicBindWithoutToken;
    return this;
  }

  public TestConfig withZone(ZoneId id) {
    zone = id;
    return this;
  }

  public TestConfig withWeekStart(DayOfWeek day) {
    weekStart = day;
    return this;
  }

  public TestConfig withDayStartHour(int hour) {
    dayStartHour = hour;
    return this;
  }

  public TestConfig withRetention(Config.Retention kept) {
    retention = kept;
    return this;
  }

  public TestConfig withIngest(Ingest limits) {
    ingest = limits;
    return this;
  }

  public TestConfig withExposure(Config.Exposure allowed) {
    exposure = allowed;
    return this;
  }

  public TestConfig withGraph(Config.Graph store) {
    graph = store;
    return this;
  }

  /** Validates and builds; the database is {@link TestStores#location} of the file named. */
  public Config build() {
    return new Config(
        TestStores.location(db),
        host,
        port,
        apiToken,
        insecure,
        zone,
        weekStart,
        dayStartHour,
        retention,
        ingest,
        exposure,
        graph);
  }

  /** An app on this configuration whose "now" is {@code clock}, without background jobs. */
  public App open(Clock clock) {
    return new App(build(), clock, new PrometheusRegistry());
  }
}
