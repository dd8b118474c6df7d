package io.learnlytics.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.api.WebServer;
import io.learnlytics.config.Config;
import io.learnlytics.store.Database;
import io.learnlytics.support.Json;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.UnaryOperator;

/**
 * A real server on a random loopback port over a fresh SQLite file in {@code dir}: what the tests
 * talk to over real HTTP.
 */
public final class TestServer implements AutoCloseable {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private final HttpClient http = HttpClient.newHttpClient();
  private final App app;
  private final Database db;
  private final WebServer server;
  private final String token;

  private TestServer(Config config, Clock clock, Duration tokenCacheTime) {
    this.token = config.apiToken().orElse(null);
    this.app = new App(config, clock, new PrometheusRegistry());
    this.db = app.db();
    this.server = new WebServer(app, Duration.ZERO, tokenCacheTime).start();
  }

  private TestServer(Config config, Clock clock) {
    this.token = config.apiToken().orElse(null);
    this.app = new App(config, clock, new PrometheusRegistry());
    this.db = app.db();
    this.server = new WebServer(app, Duration.ZERO).start();
  }

  /** A server on {@code config} whose token lookups are cached for {@code tokenCacheTime}. */
  public static TestServer start(TestConfig config, Duration tokenCacheTime) {
    return new TestServer(config.build(), Clock.systemUTC(), tokenCacheTime);
  }

  /** A server on {@code config} whose "now" is {@code clock}. */
  public static TestServer start(TestConfig config, Clock clock) {
    return new TestServer(config.build(), clock);
  }

  public static TestServer start(Path dir) {
    return start(TestConfig.in(dir), Clock.system(UTC));
  }

  /** A server whose "now" is {@code clock} (fixed or moved by the test), in {@code zone}. */
  public static TestServer at(Path dir, ZoneId zone, Clock clock) {
    return start(TestConfig.in(dir).withZone(zone), clock);
  }

  public static TestServer at(
      Path dir, ZoneId zone, Clock clock, int dayStartHour, DayOfWeek weekStart) {
    return start(
        TestConfig.in(dir).withZone(zone).withDayStartHour(dayStartHour).withWeekStart(weekStart),
        clock);
  }

  /** A UTC server on the system clock whose configuration {@code tweak} adjusts. */
  public static TestServer with(Path dir, UnaryOperator<TestConfig> tweak) {
    return start(tweak.apply(TestConfig.in(dir)), Clock.systemUTC());
  }

  public static TestServer withToken(Path dir, String token) {
    return start(TestConfig.in(dir).withToken(token), Clock.system(UTC));
  }

  public App app() {
    return app;
  }

  /** The HTTP server itself (its route list, for instance). */
  public WebServer server() {
    return server;
  }

  public Database db() {
    return db;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  public int port() {
    return server.port();
  }

  /** A DELETE with the token when one is set. */
  public Response delete(String path) {
    return send(authorized(HttpRequest.newBuilder(uri(path)).DELETE()));
  }

  public Response get(String path) {
    return send(authorized(HttpRequest.newBuilder(uri(path)).GET()));
  }

  public Response putJson(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response postJson(String path, String body) {
    return post(path, body, "application/json");
  }

  public Response post(String path, String body, String contentType) {
    return send(
        authorized(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  public Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder b) {
    return token == null ? b : b.header("Authorization", "Bearer " + token);
  }

  @Override
  public void close() {
    server.close();
    app.close();
  }

  /** Status and body of one answer, with the body parsed on demand. */
  public record Response(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }
}
