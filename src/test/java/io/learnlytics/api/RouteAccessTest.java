package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.access.AccessTokens;
import io.learnlytics.testing.TestConfig;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may use which route, for every route {@link WebServer#routes()} lists: the admin everything,
 * a learner's token its own learner's paths only, and elsewhere a 404 that cannot be told from a
 * route or learner that does not exist.
 */
class RouteAccessTest {
  @TempDir Path dir;

  /** Learner paths checked even when no learner route is registered: all must be 404 there. */
  private static final List<String[]> SAMPLE_LEARNER_PATHS =
      List.of(
          new String[] {"GET", "/api/learners/{learner}/analytics/overview"},
          new String[] {"POST", "/api/learners/{learner}/events"},
          new String[] {"DELETE", "/api/learners/{learner}/events/{id}"});

  /*
   * STRICT ON PURPOSE: fails while no /api/learners/{learner}/... route is registered. The learner
   * routes of issue 16 arrive with the lead's branch; until then this is the one red test. Without
   * it, every per-route check below on learner paths would pass vacuously.
   */
  @Test
  void there_are_learner_routes_to_check() {
    try (RouteAccess a = RouteAccess.start(dir.resolve("a"), true)) {
      assertThat(a.routes().stream().filter(r -> RouteAccess.learnerRoute(r[1])))
          .as("routes under /api/learners/{learner}/ in WebServer.routes()")
          .isNotEmpty();
    }
  }

  @Test
  void without_a_token_every_guarded_route_is_401() {
    try (RouteAccess a = RouteAccess.start(dir, true)) {
      for (String[] r : a.routes()) {
        String path = RouteAccess.path(r[1], "alice");
        int status = a.call(r[0], path, null).status();
        if (RouteAccess.guarded(r[1])) {
          assertThat(status).as(r[0] + " " + path).isEqualTo(401);
        } else {
          assertThat(status).as(r[0] + " " + path).isNotEqualTo(401);
        }
      }
    }
  }

  @Test
  void a_token_in_the_query_string_is_not_read() {
    try (RouteAccess a = RouteAccess.start(dir, true)) {
      Response r = a.call(a.server.uri("/api/meta?access_token=" + a.admin), "GET", null);
      Response s = a.call(a.server.uri("/api/meta?token=" + a.alice), "GET", null);
      assertThat(r.status()).isEqualTo(401);
      assertThat(s.status()).isEqualTo(401);
      assertThat(r.body()).doesNotContain(a.admin);
    }
  }

  @Test
  void the_admin_may_use_every_route() {
    try (RouteAccess a = RouteAccess.start(dir, true)) {
      for (String token : List.of(RouteAccess.CONFIGURED, a.admin)) {
        for (String[] r : a.routes()) {
          String path = RouteAccess.path(r[1], "bob");
          Response answer = a.call(r[0], path, token);
          assertThat(answer.status()).as(r[0] + " " + path).isNotEqualTo(401);
          assertThat(RouteAccess.noRoute(answer, r[0], path))
              .as(r[0] + " " + path + ": " + answer.body())
              .isFalse();
        }
      }
    }
  }

  @Test
  void a_learner_token_may_use_its_own_learner_routes() {
    try (RouteAccess a = RouteAccess.start(dir, true)) {
      for (String[] r : a.routes()) {
        if (RouteAccess.learnerRoute(r[1])) {
          String path = RouteAccess.path(r[1], "alice");
          Response answer = a.call(r[0], path, a.alice);
          assertThat(answer.status()).as(r[0] + " " + path).isNotEqualTo(401);
          assertThat(RouteAccess.noRoute(answer, r[0], path))
              .as(r[0] + " " + path + ": " + answer.body())
              .isFalse();
        }
      }
      assertThat(a.call("GET", "/api/meta", a.alice).status()).isEqualTo(200);
      assertThat(a.call("GET", "/api/health", a.alice).status()).isEqualTo(200);
    }
  }

  @Test
  void a_learner_token_gets_a_plain_404_on_every_route_not_its_own() {
    try (RouteAccess a = RouteAccess.start(dir, true)) {
      for (String[] r : a.routes()) {
        boolean own = RouteAccess.learnerRoute(r[1]) || r[1].equals(MetaRoutes.META);
        if (!RouteAccess.guarded(r[1]) || own) {
          continue;
        }
        String path = RouteAccess.path(r[1], "alice");
        Response answer = a.call(r[0], path, a.alice);
        Response realMiss = a.call(r[0], "/api/no-such-route", a.admin);
        assertThat(answer.status()).as(r[0] + " " + path).isEqualTo(404);
        assertThat(answer.body()).isEqualTo(RouteAccess.noRouteBody(r[0], path));
        assertThat(withoutLength(RouteAccess.headers(answer)))
            .as(r[0] + " " + path)
            .isEqualTo(withoutLength(RouteAccess.headers(realMiss)));
      }
    }
  }

  /**
   * Another learner's path answers, byte for byte but the date, as the same path does on a server
   * where that learner does not exist at all.
   */
  @Test
  void another_learners_path_is_indistinguishable_from_a_learner_that_does_not_exist() {
    try (RouteAccess withBob = RouteAccess.start(dir.resolve("a"), true);
        RouteAccess noBob = RouteAccess.start(dir.resolve("b"), false)) {
      List<String[]> routes = new ArrayList<>(SAMPLE_LEARNER_PATHS);
      withBob.routes().stream().filter(r -> RouteAccess.learnerRoute(r[1])).forEach(routes::add);
      for (String[] r : routes) {
        String path = RouteAccess.path(r[1], "bob");
        Response hidden = withBob.call(r[0], path, withBob.alice);
        Response missing = noBob.call(r[0], path, noBob.admin);
        Response missingToAlice = noBob.call(r[0], path, noBob.alice);

        assertThat(hidden.status()).as(r[0] + " " + path).isEqualTo(404);
        assertThat(hidden.body()).as(r[0] + " " + path).isEqualTo(missing.body());
        assertThat(RouteAccess.headers(hidden)).isEqualTo(RouteAccess.headers(missing));
        assertThat(missingToAlice.body()).isEqualTo(missing.body());
        assertThat(RouteAccess.headers(missingToAlice)).isEqualTo(RouteAccess.headers(missing));
      }
    }
  }

  @Test
  void a_revoked_token_is_refused_within_the_cache_time() throws InterruptedException {
    try (RouteAccess a = RouteAccess.start(dir, true)) {
      AccessTokens tokens = new AccessTokens(a.server.db());
      assertThat(a.call("GET", "/api/meta", a.alice).status()).isEqualTo(200);
      assertThat(a.call("GET", "/api/analytics/overview", a.admin).status()).isEqualTo(200);
      for (AccessTokens.Token t : tokens.list()) {
        tokens.revoke(t.id(), Instant.now());
      }
      Thread.sleep(RouteAccess.CACHE.toMillis() + 200);

      Response alice = a.call("GET", "/api/meta", a.alice);
      Response admin = a.call("GET", "/api/analytics/overview", a.admin);
      assertThat(alice.status()).isEqualTo(401);
      assertThat(alice.json().at("/error/code").asText()).isEqualTo("unauthorized");
      assertThat(admin.status()).isEqualTo(401);
      assertThat(a.call("GET", "/api/meta", RouteAccess.CONFIGURED).status()).isEqualTo(200);
    }
  }

  @Test
  void the_first_stored_token_turns_authentication_on() throws InterruptedException {
    try (TestServer s = TestServer.start(TestConfig.in(dir), RouteAccess.CACHE)) {
      assertThat(s.get("/api/analytics/overview").status()).isEqualTo(200);
      assertThat(s.get("/api/health").json().at("/auth").asBoolean()).isFalse();
      RouteAccess.addLearner(s.db(), "alice");
      String alice = new AccessTokens(s.db()).create("alice", null, Instant.now()).secret();
      Thread.sleep(RouteAccess.CACHE.toMillis() + 200);

      assertThat(s.get("/api/analytics/overview").status()).isEqualTo(401);
      assertThat(s.get("/api/health").json().at("/auth").asBoolean()).isTrue();
      HttpRequestTo meta = new HttpRequestTo(s, "/api/meta");
      assertThat(meta.with(alice).status()).isEqualTo(200);
    }
  }

  @Test
  void on_a_public_bind_revoking_the_last_stored_token_does_not_turn_authentication_off() {
    try (TestServer s = TestServer.start(TestConfig.in(dir).withHost("0.0.0.0"), Duration.ZERO)) {
      AccessTokens tokens = new AccessTokens(s.db());
      AccessTokens.Created admin = tokens.create(null, null, Instant.now());
      assertThat(new HttpRequestTo(s, "/api/analytics/overview").with(admin.secret()).status())
          .isEqualTo(200);
      tokens.revoke(admin.id(), Instant.now());

      assertThat(s.get("/api/analytics/overview").status()).isEqualTo(401);
      assertThat(s.get("/api/health").json().at("/auth").asBoolean()).isTrue();
    }
    try (TestServer s = TestServer.start(TestConfig.in(dir.resolve("loopback")), Duration.ZERO)) {
      assertThat(s.get("/api/analytics/overview").status()).isEqualTo(200); // no token, no auth
    }
  }

  private static java.util.Map<String, List<String>> withoutLength(
      java.util.Map<String, List<String>> headers) {
    headers.remove("content-length");
    return headers;
  }

  /** A GET with a bearer token. */
  private record HttpRequestTo(TestServer s, String path) {
    Response with(String token) {
      return s.send(
          java.net.http.HttpRequest.newBuilder(s.uri(path))
              .header("Authorization", "Bearer " + token)
              .GET());
    }
  }
}
