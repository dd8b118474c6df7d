package io.learnlytics.cli;

import io.learnlytics.config.Config;
import io.learnlytics.config.ConfigException;
import io.learnlytics.config.Ingest;
import io.learnlytics.store.DbLocation;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The settings of DESIGN.md §3 as flags, each defaulting to its environment variable and then to a
 * value that needs no setup. Shared by every subcommand through {@code @Mixin}.
 */
final class ConfigOptions {
  @Option(
      names = "--db",
      paramLabel = "FILE|URL",
      defaultValue = "${env:LEARNLYTICS_DB:-data/learnlytics.db}",
      description =
          "SQLite database file, created with its folder, or a PostgreSQL database as"
              + " postgresql://user@host:port/name (password from PGPASSWORD) for many learners"
              + " (env LEARNLYTICS_DB; default: ${DEFAULT-VALUE})")
  String db;

  @Option(
      names = "--host",
      defaultValue = "${env:LEARNLYTICS_HOST:-127.0.0.1}",
      description = "Address to bind (env LEARNLYTICS_HOST; default: ${DEFAULT-VALUE})")
  String host;

  @Option(
      names = "--port",
      description = "Port to bind (env LEARNLYTICS_PORT or PORT; default: 8080)")
  Integer port;

  @Option(
      names = "--api-token",
      paramLabel = "TOKEN",
      description =
          "Require 'Authorization: Bearer TOKEN' on /api/** except /api/health (env"
              + " LEARNLYTICS_API_TOKEN, preferred: flags are visible in the process list)")
  String apiToken;

  @Option(
      names = "--insecure",
      description = "Allow binding to a non-loopback address without an API token")
  boolean insecure;

  @Option(
      names = "--timezone",
      paramLabel = "ZONE",
      description = "IANA zone of the learner (env LEARNLYTICS_TIMEZONE; default: system zone)")
  String timezone;

  @Option(
      names = "--week-start",
      paramLabel = "DAY",
      defaultValue = "${env:LEARNLYTICS_WEEK_START:-MONDAY}",
      description = "First day of a week (env LEARNLYTICS_WEEK_START; default: ${DEFAULT-VALUE})")
  String weekStart;

  @Option(
      names = "--day-start-hour",
      paramLabel = "HOUR",
      defaultValue = "${env:LEARNLYTICS_DAY_START_HOUR:-0}",
      description =
          "Local hour (0-23) at which a learning day starts (env LEARNLYTICS_DAY_START_HOUR;"
              + " default: ${DEFAULT-VALUE})")
  int dayStartHour;

  @Option(
      names = "--retention-hourly-days",
      paramLabel = "DAYS",
      defaultValue = "${env:LEARNLYTICS_RETENTION_HOURLY_DAYS:-400}",
      description =
          "Keep hourly rollups this many days, 0 = forever, else at least 367 (env"
              + " LEARNLYTICS_RETENTION_HOURLY_DAYS; default: ${DEFAULT-VALUE})")
  int retentionHourlyDays;

  @Option(
      names = "--retention-daily-days",
      paramLabel = "DAYS",
      defaultValue = "${env:LEARNLYTICS_RETENTION_DAILY_DAYS:-800}",
      description =
          "Keep daily rollups this many days, 0 = forever, else at least 400 (env"
              + " LEARNLYTICS_RETENTION_DAILY_DAYS; default: ${DEFAULT-VALUE})")
  int retentionDailyDays;

  @Option(
      names = "--earliest-event-date",
      paramLabel = "DATE",
      defaultValue = "${env:LEARNLYTICS_EARLIEST_EVENT_DATE:-2000-01-01}",
      description =
          "Refuse events dated before this day, UTC (env LEARNLYTICS_EARLIEST_EVENT_DATE;"
              + " default: ${DEFAULT-VALUE})")
  String earliestEventDate;

  @Option(
      names = "--max-future-hours",
      paramLabel = "HOURS",
      defaultValue = "${env:LEARNLYTICS_MAX_FUTURE_HOURS:-24}",
      description =
          "Refuse events more than this many hours ahead of the server's clock (env"
              + " LEARNLYTICS_MAX_FUTURE_HOURS; default: ${DEFAULT-VALUE})")
  int maxFutureHours;

  @Option(
      names = "--lock-timeout-seconds",
      paramLabel = "SECONDS",
      defaultValue = "${env:LEARNLYTICS_LOCK_TIMEOUT_SECONDS:-10}",
      description =
          "How long a write waits for another program's lock on the database before answering"
              + " 503 (env LEARNLYTICS_LOCK_TIMEOUT_SECONDS; default: ${DEFAULT-VALUE})")
  int lockTimeoutSeconds;

  @Option(
      names = "--query-timeout-seconds",
      paramLabel = "SECONDS",
      defaultValue = "${env:LEARNLYTICS_QUERY_TIMEOUT_SECONDS:-5}",
      description =
          "Longest a dashboard read may spend in the database before it is stopped and answered"
              + " 503 with Retry-After; 0 = no limit (env LEARNLYTICS_QUERY_TIMEOUT_SECONDS;"
              + " default: ${DEFAULT-VALUE})")
  int queryTimeoutSeconds;

  @Option(
      names = "--allowed-origins",
      paramLabel = "ORIGINS",
      defaultValue = "${env:LEARNLYTICS_ALLOWED_ORIGINS:-}",
      description =
          "Comma-separated origins (scheme://host[:port]) whose pages may call the API besides"
              + " this server's own (env LEARNLYTICS_ALLOWED_ORIGINS; default: none)")
  String allowedOrigins;

  @Option(
      names = "--allowed-hosts",
      paramLabel = "HOSTS",
      defaultValue = "${env:LEARNLYTICS_ALLOWED_HOSTS:-}",
      description =
          "Comma-separated host names accepted in the Host header on a loopback bind besides"
              + " localhost and loopback addresses, e.g. behind a reverse proxy (env"
              + " LEARNLYTICS_ALLOWED_HOSTS; default: none)")
  String allowedHosts;

  @Option(
      names = "--graph",
      paramLabel = "URI",
      defaultValue = "${env:LEARNLYTICS_GRAPH:-embedded}",
      description =
          "Knowledge graph: 'embedded' (default, the concept tables in the database) or a Neo4j"
              + " URI such as bolt://localhost:7687; user and password from env"
              + " LEARNLYTICS_NEO4J_USER and LEARNLYTICS_NEO4J_PASSWORD (env LEARNLYTICS_GRAPH)")
  String graph;

  @Option(
      names = "--graph-write",
      description = "Also write our knowledge graph into Neo4j (needs --graph bolt://...)")
  boolean graphWrite;

  @Option(
      names = "--graph-fallback",
      paramLabel = "embedded",
      description =
          "When Neo4j cannot be reached at start, use the embedded graph instead of stopping"
              + " (the only value is 'embedded')")
  String graphFallback;

  Config toConfig() {
    return new Config(
        database(),
        host,
        port != null ? port : envPort(),
        Optional.ofNullable(apiToken != null ? apiToken : System.getenv("LEARNLYTICS_API_TOKEN")),
        insecure,
        zone(),
        weekStart(),
        dayStartHour,
        new Config.Retention(retentionHourlyDays, retentionDailyDays),
        new Ingest(
            earliestEventDate(),
            Duration.ofHours(maxFutureHours),
            Duration.ofSeconds(lockTimeoutSeconds),
            Duration.ofSeconds(queryTimeoutSeconds)),
        new Config.Exposure(
            Config.Exposure.list(allowedOrigins), Config.Exposure.list(allowedHosts)),
        graph());
  }

  private Config.Graph graph() {
    if (graphFallback != null && !graphFallback.strip().equalsIgnoreCase("embedded")) {
      throw new ConfigException(
          "graph-fallback '" + graphFallback + "' is not allowed; the only value is 'embedded'");
    }
    return new Config.Graph(
        Config.Graph.parse(graph),
        Optional.ofNullable(System.getenv("LEARNLYTICS_NEO4J_USER")).filter(u -> !u.isBlank()),
        Optional.ofNullable(System.getenv("LEARNLYTICS_NEO4J_PASSWORD")),
        graphWrite,
        graphFallback != null);
  }

  private LocalDate earliestEventDate() {
    try {
      return LocalDate.parse(earliestEventDate.strip());
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          "earliest-event-date '" + earliestEventDate + "' is not a date such as 2000-01-01");
    }
  }

  private DbLocation database() {
    try {
      return DbLocation.parse(db);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--db: " + e.getMessage());
    }
  }

  private ZoneId zone() {
    String value = timezone != null ? timezone : System.getenv("LEARNLYTICS_TIMEZONE");
    if (value == null || value.isBlank()) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(value.strip());
    } catch (DateTimeException e) {
      throw new ConfigException(
          "timezone '"
              + value
              + "' is not an IANA zone id such as Europe/London or America/New_York");
    }
  }

  private DayOfWeek weekStart() {
    try {
      return DayOfWeek.valueOf(weekStart.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "week-start '" + weekStart + "' is not a day; use MONDAY, TUESDAY, ... or SUNDAY");
    }
  }

  private static int envPort() {
    String value = System.getenv("LEARNLYTICS_PORT");
    if (value == null || value.isBlank()) {
      value = System.getenv("PORT");
    }
    if (value == null || value.isBlank()) {
      return 8080;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException("port '" + value + "' is not a number");
    }
  }
}
