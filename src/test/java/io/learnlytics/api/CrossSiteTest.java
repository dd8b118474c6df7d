package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.config.Config;
import io.learnlytics.testing.RawHttp;
import io.learnlytics.testing.RawHttp.Answer;
import io.learnlytics.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: in the default no-token mode, a web page on another site must not be able to write to
 * the server (form posts, text/plain fetches) nor read from it through DNS rebinding.
 */
class CrossSiteTest {
  static final String EVENT =
      "{\"kind\":\"exchange\",\"id\":\"e1\",\"session_id\":\"s\",\"timestamp\":\"2025-11-18T09:30:00Z\"}";

  @TempDir Path dir;
  TestServer server;
  int port;

  @BeforeEach
  void start() {
    server =
        TestServer.with(
            dir,
            c ->
                c.withExposure(
                    new Config.Exposure(
                        List.of("https://notes.example.com"), List.of("learn.home.arpa"))));
    port = server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Answer post(String path, String extraHeaders, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\n"
            + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
            + "Content-Length: "
            + bytes.length
            + extraHeaders;
    return RawHttp.send(port, head, bytes);
  }

  private Answer get(String path, String host, String extraHeaders) {
    return RawHttp.send(
        port, "GET " + path + " HTTP/1.1\r\nHost: " + host + extraHeaders, new byte[0]);
  }

  private long stored() {
    return server.get("/api/health").json().at("/counts/exchanges").asLong();
  }

  @Test
  void a_text_plain_body_is_refused_with_415_and_nothing_is_stored() {
    Answer a = post("/api/events", "", "text/plain", EVENT);

    assertThat(a.status()).isEqualTo(415);
    assertThat(a.json().at("/error/code").asText()).isEqualTo("unsupported_media_type");
    assertThat(a.json().at("/error/message").asText()).contains("application/json");
    assertThat(stored()).isZero();
  }

  @Test
  void a_form_post_is_refused() {
    assertThat(post("/api/events", "", "application/x-www-form-urlencoded", EVENT).status())
        .isEqualTo(415);
    assertThat(post("/api/analytics/goals", "", "multipart/form-data; boundary=x", "{}").status())
        .isEqualTo(415);
    assertThat(stored()).isZero();
  }

  @Test
  void a_request_from_another_origin_is_refused_even_with_json() {
    Answer a = post("/api/events", "\r\nOrigin: https://evil.example", "application/json", EVENT);

    assertThat(a.status()).isEqualTo(403);
    assertThat(a.json().at("/error/message").asText())
        .contains("https://evil.example")
        .contains("LEARNLYTICS_ALLOWED_ORIGINS");
    assertThat(stored()).isZero();
  }

  @Test
  void an_opaque_null_origin_is_refused() {
    assertThat(post("/api/events", "\r\nOrigin: null", "application/json", EVENT).status())
        .isEqualTo(403);
  }

  @Test
  void bodyless_writes_from_another_origin_are_refused() {
    Answer dismiss =
        post("/api/analytics/insights/generate", "\r\nOrigin: https://evil.example", null, "");
    Answer delete =
        RawHttp.send(
            port,
            "DELETE /api/events/e1 HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nOrigin: http://evil.example",
            new byte[0]);

    assertThat(dismiss.status()).isEqualTo(403);
    assertThat(delete.status()).isEqualTo(403);
  }

  @Test
  void the_servers_own_page_and_allowed_origins_may_write() {
    Answer own =
        post("/api/events", "\r\nOrigin: http://127.0.0.1:" + port, "application/json", EVENT);
    Answer allowed =
        post("/api/analytics/insights/generate", "\r\nOrigin: https://notes.example.com", null, "");

    assertThat(own.status()).as(own.text()).isEqualTo(200);
    assertThat(allowed.status()).as(allowed.text()).isEqualTo(200);
  }

  @Test
  void ndjson_and_bodyless_posts_without_a_content_type_are_accepted() {
    assertThat(post("/api/events", "", "application/x-ndjson", EVENT + "\n").status())
        .isEqualTo(200);
    assertThat(post("/api/analytics/insights/seen", "", null, "").status()).isEqualTo(200);
  }

  @Test
  void a_dns_rebinding_host_cannot_read_an_export_or_the_metrics() {
    Answer export = get("/api/analytics/export?format=json&period=all", "evil.example:" + port, "");
    Answer metrics = get("/metrics", "evil.example", "");

    assertThat(export.status()).isEqualTo(403);
    assertThat(export.json().at("/error/message").asText())
        .contains("evil.example")
        .contains("LEARNLYTICS_ALLOWED_HOSTS");
    assertThat(metrics.status()).isEqualTo(403);
  }

  @Test
  void loopback_names_and_allowed_hosts_are_served() {
    for (String host :
        List.of(
            "127.0.0.1:" + port,
            "localhost:" + port,
            "LOCALHOST",
            "[::1]:" + port,
            "127.0.0.2",
            "learn.home.arpa")) {
      assertThat(get("/api/health", host, "").status()).as(host).isEqualTo(200);
    }
  }
}
