package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 20, item 6: a wrong method on a path that exists is a 405 with {@code Allow} and the JSON
 * error shape; a path that does not exist stays a 404.
 */
class MethodNotAllowedTest {
  @TempDir static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
    RouteAccess.addLearner(server.db(), "alice");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "PATCH  | /api/analytics/overview                      | GET, HEAD",
        "POST   | /api/analytics/overview?period=7d            | GET, HEAD",
        "DELETE | /api/analytics/goals                         | GET, HEAD, POST",
        "POST   | /api/analytics/goals/weekly_sessions         | GET, HEAD, PUT, DELETE",
        "GET    | /api/events                                  | POST",
        "GET    | /api/learners/alice/events                   | POST",
        "PUT    | /api/learners/alice/analytics/goals          | GET, HEAD, POST",
        "GET    | /api/analytics/insights/ins_1/dismiss        | POST",
        "GET    | /api/analytics/streak/protection             | PUT",
        "OPTIONS| /api/analytics/export                        | GET, HEAD",
        "POST   | /api/learners/alice                          | GET, HEAD, PUT"
      })
  void a_wrong_method_is_a_405_listing_the_allowed_ones(String method, String path, String allow) {
    Response r = call(method, path, false);

    assertThat(r.status()).as(r.body()).isEqualTo(405);
    assertThat(r.raw().headers().firstValue("Allow")).hasValue(allow);
    assertThat(r.raw().headers().firstValue("Content-Type").orElse("")).contains("json");
    String bare = path.replaceAll("\\?.*", "");
    assertThat(r.json().at("/error/code").asText()).isEqualTo("method_not_allowed");
    assertThat(r.json().at("/error/message").asText())
        .isEqualTo(method + " is not allowed on " + bare + "; allowed methods are " + allow);
  }

  @Test
  void a_learner_that_does_not_exist_has_no_routes_whatever_the_method() {
    Response r = call("GET", "/api/learners/nobody/events", false);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.raw().headers().firstValue("Allow")).isEmpty();
  }

  @Test
  void head_is_answered_wherever_get_is_as_allow_says() {
    Response r = call("HEAD", "/api/analytics/overview", false);

    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void a_wrong_method_with_a_body_is_a_405_too_and_closes_the_connection() {
    Response r = call("PATCH", "/api/analytics/goals/weekly_sessions", true);

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.raw().headers().firstValue("Allow")).hasValue("GET, HEAD, PUT, DELETE");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "PATCH, /api/no-such-route",
    "GET, /api/analytics/nothing",
    "POST, /api/analytics/overview/extra",
    "DELETE, /api/learners/alice/nothing"
  })
  void an_unknown_path_stays_a_404(String method, String path) {
    Response r = call(method, path, false);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.raw().headers().firstValue("Allow")).isEmpty();
    assertThat(r.json().at("/error/message").asText())
        .isEqualTo("no route for " + method + " " + path);
  }

  @Test
  void every_route_answers_a_method_it_lacks_with_exactly_its_methods() {
    Map<String, TreeSet<String>> byPath = new TreeMap<>();
    for (String route : server.server().routes()) {
      String[] r = route.split(" ", 2);
      byPath.computeIfAbsent(RouteAccess.path(r[1], "alice"), p -> new TreeSet<>()).add(r[0]);
    }
    for (Map.Entry<String, TreeSet<String>> e : byPath.entrySet()) {
      if (e.getKey().startsWith("/webjars") || !e.getKey().startsWith("/")) {
        continue;
      }
      List<String> expected = new ArrayList<>(e.getValue());
      if (expected.contains("GET")) {
        expected.add("HEAD");
      }
      Response r = call("PATCH", e.getKey(), false);

      assertThat(r.status()).as(e.getKey()).isEqualTo(405);
      String allow = r.raw().headers().firstValue("Allow").orElse("");
      assertThat(Arrays.asList(allow.split(", "))).as(e.getKey()).hasSameElementsAs(expected);
    }
  }

  private static Response call(String method, String path, boolean body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path));
    if (body) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return server.send(b);
  }
}
