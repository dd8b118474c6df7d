package io.learnlytics.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Frozen runtime configuration (DESIGN.md §3). Built once at startup from flags and environment
 * variables; every value is validated here so a bad setting fails fast with a diagnosing message.
 */
public record Config(
    Path db,
    String host,
    int port,
    Optional<String> apiToken,
    boolean insecure,
    ZoneId zone,
    DayOfWeek weekStart,
    int dayStartHour,
    Retention retention) {

  /**
   * How long rollup rows are kept, in days (0 = forever). Raw events are never deleted, so any
   * purged rollup can be rebuilt. Daily rows back the 365-day trend and progress views and their
   * previous-period comparisons, so they are kept at least 400 days; the 90-day overview compares
   * with a previous period whose last day is read from hourly rows, so those are kept at least 92
   * days; weekly and monthly rows are kept forever.
   */
  public record Retention(int hourlyDays, int dailyDays) {
    public static final Retention DEFAULT = new Retention(120, 800);
    public static final int MIN_HOURLY_DAYS = 92;
    public static final int MIN_DAILY_DAYS = 400;

    public Retention {
      if (hourlyDays < 0) {
        throw new ConfigException(
            "retention-hourly-days must be 0 (forever) or more, got " + hourlyDays);
      }
      if (dailyDays != 0 && dailyDays < MIN_DAILY_DAYS) {
        throw new ConfigException(
            "retention-daily-days must be 0 (forever) or at least "
                + MIN_DAILY_DAYS
                + " (the API serves 365-day daily views), got "
                + dailyDays);
      }
    }
  }

  public Config(
      Path db,
      String host,
      int port,
      Optional<String> apiToken,
      boolean insecure,
      ZoneId zone,
      DayOfWeek weekStart,
      int dayStartHour) {
    this(db, host, port, apiToken, insecure, zone, weekStart, dayStartHour, Retention.DEFAULT);
  }

  public Config {
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(apiToken, "apiToken");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(weekStart, "weekStart");
    if (port < 0 || port > 65535) {
      throw new ConfigException("port must be between 0 and 65535, got " + port);
    }
    if (dayStartHour < 0 || dayStartHour > 23) {
      throw new ConfigException("day-start-hour must be between 0 and 23, got " + dayStartHour);
    }
    apiToken = apiToken.filter(t -> !t.isBlank());
  }

  /** Defaults that need no setup: local file, loopback, system zone. */
  public static Config defaults() {
    return new Config(
        Path.of("data", "learnlytics.db"),
        "127.0.0.1",
        8080,
        Optional.empty(),
        false,
        ZoneId.systemDefault(),
        DayOfWeek.MONDAY,
        0);
  }

  public Config withDb(Path newDb) {
    return new Config(
        newDb, host, port, apiToken, insecure, zone, weekStart, dayStartHour, retention);
  }

  public Config withPort(int newPort) {
    return new Config(
        db, host, newPort, apiToken, insecure, zone, weekStart, dayStartHour, retention);
  }

  public Config withZone(ZoneId newZone) {
    return new Config(
        db, host, port, apiToken, insecure, newZone, weekStart, dayStartHour, retention);
  }

  /**
   * Refuses to expose the API without a token: binding to anything but loopback needs a token or an
   * explicit {@code --insecure}.
   */
  public void checkBindIsSafe() {
    if (apiToken.isPresent() || insecure || isLoopback(host)) {
      return;
    }
    throw new ConfigException(
        "refusing to bind to "
            + host
            + " without an API token: set LEARNLYTICS_API_TOKEN (or --api-token), bind to"
            + " 127.0.0.1, or pass --insecure if the network is trusted");
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new ConfigException("cannot resolve host '" + host + "': " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    // The token is a secret: never print it.
    return ("Config[db=%s, host=%s, port=%d, apiToken=%s, insecure=%s, zone=%s, weekStart=%s,"
            + " dayStartHour=%d, retention=%s]")
        .formatted(
            db,
            host,
            port,
            apiToken.isPresent() ? "<set>" : "<none>",
            insecure,
            zone,
            weekStart,
            dayStartHour,
            retention);
  }
}
