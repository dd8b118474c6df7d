package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthTest {
  @TempDir Path dir;

  static final String EVENT =
      "{\"kind\":\"exchange\",\"id\":\"e\",\"session_id\":\"s\",\"timestamp\":\"2025-01-01T10:00:00Z\"}";

  @Test
  void without_a_configured_token_the_api_is_open() {
    try (TestServer s = TestServer.start(dir)) {
      assertThat(s.postJson("/api/events", EVENT).status()).isEqualTo(200);
    }
  }

  @Test
  void with_a_token_requests_need_the_right_bearer_token() {
    try (TestServer s = TestServer.withToken(dir, "s3cret-token")) {
      Response none = s.send(post(s).header("Content-Type", "application/json"));
      Response wrong = s.send(post(s).header("Authorization", "Bearer s3cret-tokem"));
      Response right = s.postJson("/api/events", EVENT);

      assertThat(none.status()).isEqualTo(401);
      assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(none.json().at("/error/code").asText()).isEqualTo("unauthorized");
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain("s3cret");
      assertThat(right.status()).isEqualTo(200);
    }
  }

  @Test
  void health_stays_open_when_a_token_is_set() {
    try (TestServer s = TestServer.withToken(dir, "t")) {
      Response r = s.send(HttpRequest.newBuilder(s.uri("/api/health")).GET());
      assertThat(r.status()).isEqualTo(200);
    }
  }

  private static HttpRequest.Builder post(TestServer s) {
    return HttpRequest.newBuilder(s.uri("/api/events"))
        .POST(HttpRequest.BodyPublishers.ofString(EVENT));
  }
}
