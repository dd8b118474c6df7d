package io.learnlytics.api;

import io.learnlytics.access.AccessTokens;
import io.learnlytics.store.Database;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestConfig;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Requests over real HTTP with a given token, and the classification of {@link WebServer#routes()}
 * that {@link RouteAccessTest} walks: every route, so a route added later is covered.
 */
final class RouteAccess implements AutoCloseable {
  static final Duration CACHE = Duration.ofMillis(300);
  static final String CONFIGURED = "configured-admin-token";

  /** A learner's data route: {@code /api/learners/{learner}/...}, whatever the parameter's name. */
  private static final Pattern LEARNER_ROUTE = Pattern.compile("/api/learners/[{<][^/]+[}>]/.+");

  private static final Pattern PARAM = Pattern.compile("[{<][^/]+?[}>]");

  final TestServer server;
  final String admin;
  final String alice;

  private RouteAccess(TestServer server, String admin, String alice) {
    this.server = server;
    this.admin = admin;
    this.alice = alice;
  }

  /** A server with the configured admin token, learners alice (and bob), and stored tokens. */
  static RouteAccess start(Path dir, boolean withBob) {
    TestServer s = TestServer.start(TestConfig.in(dir).withToken(CONFIGURED), CACHE);
    addLearner(s.db(), "alice");
    if (withBob) {
      addLearner(s.db(), "bob");
    }
    AccessTokens tokens = new AccessTokens(s.db());
    String admin = tokens.create(null, "test admin", Instant.now()).secret();
    String alice = tokens.create("alice", "test alice", Instant.now()).secret();
    return new RouteAccess(s, admin, alice);
  }

  static void addLearner(Database db, String id) {
    db.writer()
        .useHandle(
            h -> h.execute("INSERT INTO learners (id, created_utc) VALUES (?, 0)", (Object) id));
  }

  /** Every route as {@code {method, path pattern}}. */
  List<String[]> routes() {
    return server.server().routes().stream().map(r -> r.split(" ", 2)).toList();
  }

  static boolean learnerRoute(String pattern) {
    return LEARNER_ROUTE.matcher(pattern).matches();
  }

  /** Under the API's authentication: everything under /api/ but health. */
  static boolean guarded(String pattern) {
    return pattern.startsWith("/api/") && !pattern.equals("/api/health");
  }

  /** {@code pattern} with its learner parameter set to {@code learner} and the others to "x1". */
  static String path(String pattern, String learner) {
    String p = pattern;
    if (learnerRoute(pattern)) {
      p = PARAM.matcher(p).replaceFirst(learner);
    }
    return PARAM.matcher(p).replaceAll("x1");
  }

  Response call(String method, String path, @Nullable String token) {
    return call(server.uri(path), method, token);
  }

  Response call(URI uri, String method, @Nullable String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri);
    if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString("{}"));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return server.send(b);
  }

  /** The body a route that does not exist answers with. */
  static String noRouteBody(String method, String path) {
    try {
      return Json.MAPPER.writeValueAsString(
          ErrorBody.of("not_found", "no route for " + method + " " + path));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code r} is the answer of a route that does not exist. */
  static boolean noRoute(Response r, String method, String path) {
    return r.status() == 404 && r.body().equals(noRouteBody(method, path));
  }

  /** The headers of {@code r} but its date, lower-cased. */
  static Map<String, List<String>> headers(Response r) {
    Map<String, List<String>> h = new TreeMap<>();
    r.raw().headers().map().forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), v));
    h.remove("date");
    return h;
  }

  @Override
  public void close() {
    server.close();
  }
}
