package io.learnlytics.config;

import io.learnlytics.store.DbLocation;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Frozen runtime configuration (DESIGN.md §3). Built once at startup from flags and environment
 * variables; every value is validated here so a bad setting fails fast with a diagnosing message.
 */
public record Config(
    DbLocation db,
    String host,
    int port,
    Optional<String> apiToken,
    boolean insecure,
    ZoneId zone,
    DayOfWeek weekStart,
    int dayStartHour,
    Retention retention,
    Ingest ingest,
    Exposure exposure,
    Graph graph) {

  /**
   * How long rollup rows are kept, in days (0 = forever). Raw events are never deleted, so any
   * purged rollup can be rebuilt. Daily rows back the 365-day trend and progress views and their
   * previous-period comparisons, so they are kept at least 400 days; the 365-day overview compares
   * with a previous period whose last day (a year back) is read from hourly rows, so those are kept
   * at least 367 days (about 9 000 small rows a year); weekly and monthly rows are kept forever.
   */
  public record Retention(int hourlyDays, int dailyDays) {
    public static final Retention DEFAULT = new Retention(400, 800);
    public static final int MIN_HOURLY_DAYS = 367;
    public static final int MIN_DAILY_DAYS = 400;

    public Retention {
      if (hourlyDays != 0 && hourlyDays < MIN_HOURLY_DAYS) {
        throw new ConfigException(
            "retention-hourly-days must be 0 (forever) or at least "
                + MIN_HOURLY_DAYS
                + " (the 365-day overview compares with the same hours of the day a year back), got "
                + hourlyDays);
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

  /**
   * Who may talk to the API besides the page this server serves. A browser request that carries an
   * {@code Origin} other than the server's own is refused unless listed in {@code allowedOrigins}
   * ({@code scheme://host[:port]}). On a loopback bind, the {@code Host} header must name loopback
   * or one of {@code allowedHosts}, which defeats DNS rebinding: a page on {@code evil.example}
   * that re-points its name at 127.0.0.1 still sends {@code Host: evil.example}.
   */
  public record Exposure(List<String> allowedOrigins, List<String> allowedHosts) {
    public static final Exposure DEFAULT = new Exposure(List.of(), List.of());

    public Exposure {
      allowedOrigins = allowedOrigins.stream().map(Exposure::origin).toList();
      allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** Parses a comma-separated list, ignoring blanks. */
    public static List<String> list(String csv) {
      List<String> out = new ArrayList<>();
      if (csv != null) {
        for (String part : csv.split(",")) {
          if (!part.isBlank()) {
            out.add(part.strip());
          }
        }
      }
      return out;
    }

    private static String origin(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      try {
        URI u = new URI(v);
        boolean bare = u.getRawPath() == null || u.getRawPath().isEmpty();
        if (u.getScheme() != null
            && u.getHost() != null
            && bare
            && u.getQuery() == null
            && u.getFragment() == null
            && (u.getScheme().equals("http") || u.getScheme().equals("https"))) {
          return v;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw new ConfigException(
          "allowed origin '"
              + value
              + "' is not an origin; write scheme://host[:port] such as https://notes.example.com");
    }
  }

  /**
   * Where the knowledge graph lives: the embedded concept tables (default) or Neo4j at a Bolt URI,
   * with credentials from the environment. {@code write}: also write our graph there; {@code
   * fallbackToEmbedded}: start on the embedded graph when Neo4j cannot be reached at start.
   */
  public record Graph(
      Optional<URI> bolt,
      Optional<String> user,
      Optional<String> password,
      boolean write,
      boolean fallbackToEmbedded) {
    public static final Graph EMBEDDED =
        new Graph(Optional.empty(), Optional.empty(), Optional.empty(), false, false);
    private static final List<String> SCHEMES = List.of("bolt", "bolt+s", "neo4j", "neo4j+s");

    public Graph {
      if (write && bolt.isEmpty()) {
        throw new ConfigException("--graph-write needs --graph bolt://HOST:7687");
      }
    }

    /** {@code embedded}, or a {@code bolt://HOST[:PORT]} (or bolt+s, neo4j, neo4j+s) URI. */
    public static Optional<URI> parse(String value) {
      String v = value == null ? "" : value.strip();
      if (v.isEmpty() || v.equalsIgnoreCase("embedded")) {
        return Optional.empty();
      }
      try {
        URI uri = new URI(v);
        if (uri.getScheme() != null
            && SCHEMES.contains(uri.getScheme().toLowerCase(Locale.ROOT))
            && uri.getHost() != null
            && uri.getUserInfo() == null) {
          return Optional.of(uri);
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      throw new ConfigException(
          "graph '"
              + v.replaceAll("//[^@/]*@", "//***@")
              + "' is not 'embedded' or a Neo4j URI such as bolt://localhost:7687 (schemes: "
              + String.join(", ", SCHEMES)
              + "; credentials go in LEARNLYTICS_NEO4J_USER and LEARNLYTICS_NEO4J_PASSWORD)");
    }

    @Override
    public String toString() {
      // The password is a secret: never print it.
      return "Graph[%s, user=%s, password=%s, write=%s, fallbackToEmbedded=%s]"
          .formatted(
              bolt.map(URI::toString).orElse("embedded"),
              user.orElse("<none>"),
              password.isPresent() ? "<set>" : "<none>",
              write,
              fallbackToEmbedded);
    }
  }

  public Config(
      DbLocation db,
      String host,
      int port,
      Optional<String> apiToken,
      boolean insecure,
      ZoneId zone,
      DayOfWeek weekStart,
      int dayStartHour) {
    this(
        db,
        host,
        port,
        apiToken,
        insecure,
        zone,
        weekStart,
        dayStartHour,
        Retention.DEFAULT,
        Ingest.DEFAULT,
        Exposure.DEFAULT,
        Graph.EMBEDDED);
  }

  public Config {
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(ingest, "ingest");
    Objects.requireNonNull(exposure, "exposure");
    Objects.requireNonNull(graph, "graph");
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
        DbLocation.file(Path.of("data", "learnlytics.db")),
        "127.0.0.1",
        8080,
        Optional.empty(),
        false,
        ZoneId.systemDefault(),
        DayOfWeek.MONDAY,
        0);
  }

  public Config withDb(DbLocation newDb) {
    return new Config(
        newDb,
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

  public Config withPort(int newPort) {
    return new Config(
        db,
        host,
        newPort,
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

  public Config withZone(ZoneId newZone) {
    return new Config(
        db,
        host,
        port,
        apiToken,
        insecure,
        newZone,
        weekStart,
        dayStartHour,
        retention,
        ingest,
        exposure,
        graph);
  }

  public Config withIngest(Ingest newIngest) {
    return new Config(
        db,
        host,
        port,
        apiToken,
        insecure,
        zone,
        weekStart,
        dayStartHour,
        retention,
        newIngest,
        exposure,
        graph);
  }

  public Config withExposure(Exposure newExposure) {
    return new Config(
        db,
        host,
        port,
        apiToken,
        insecure,
        zone,
        weekStart,
        dayStartHour,
        retention,
        ingest,
        newExposure,
        graph);
  }

  public Config withGraph(Graph newGraph) {
    return new Config(
        db,
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
        newGraph);
  }

  /** True when the server binds to a loopback address only. */
  public boolean loopbackOnly() {
    return isLoopback(host);
  }

  /**
   * Refuses to expose the API without authentication: a non-loopback bind needs the configured
   * token, a stored one not revoked ({@code storedTokens}), or an explicit {@code --insecure}.
   */
  public void checkBindIsSafe(boolean storedTokens) {
    if (apiToken.isPresent() || storedTokens || insecure || isLoopback(host)) {
      return;
    }
    throw new ConfigException(
        "refusing to bind to "
            + host
            + " without an API token: set LEARNLYTICS_API_TOKEN (or --api-token), create one with"
            + " 'token create', bind to 127.0.0.1, or pass --insecure if the network is trusted");
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
            + " dayStartHour=%d, retention=%s, ingest=%s, exposure=%s, graph=%s]")
        .formatted(
            db,
            host,
            port,
            apiToken.isPresent() ? "<set>" : "<none>",
            insecure,
            zone,
            weekStart,
            dayStartHour,
            retention,
            ingest,
            exposure,
            graph);
  }
}
