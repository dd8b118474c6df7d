package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.testing.TestServer;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer carries the browser-safety headers; API answers with private data are not stored.
 */
class SecurityHeadersTest {
  @TempDir static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_page_and_errors_allow_only_own_scripts_and_no_framing() {
    for (String path : List.of("/", "/favicon.svg", "/no-such-page", "/js/no-such.svg")) {
      HttpHeaders h = server.get(path).raw().headers();
      String policy = h.firstValue("Content-Security-Policy").orElse("");
      assertThat(policy).as(path).contains("script-src 'self'", "frame-ancestors 'none'");
      assertThat(policy).as(path).doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(h.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(h.firstValue("X-Frame-Options")).as(path).contains("DENY");
      assertThat(h.firstValue("Referrer-Policy")).as(path).contains("no-referrer");
    }
  }

  /** Data, errors included, is never a page: it may load nothing and be framed by no one. */
  @Test
  void api_answers_and_metrics_carry_the_data_policy() {
    for (String path :
        List.of(
            "/api/analytics/overview",
            "/api/analytics/overview?period=5d",
            "/api/no-such-route",
            "/api/meta",
            "/metrics")) {
      HttpHeaders h = server.get(path).raw().headers();
      assertThat(h.firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue("default-src 'none'; frame-ancestors 'none'");
      assertThat(h.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(h.firstValue("X-Frame-Options")).as(path).contains("DENY");
    }
  }

  /** Scripts and style sheets are never documents: only nosniff and the referrer rule. */
  @Test
  void scripts_and_style_sheets_carry_nosniff_but_not_the_document_headers() {
    for (String path :
        List.of(
            "/js/app.js",
            "/js/app.min.js",
            "/css/dashboard.css",
            "/css/dashboard.min.css",
            "/webjars/chart.js/4.5.1/dist/chart.umd.js")) {
      HttpHeaders h = server.get(path).raw().headers();
      assertThat(h.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(h.firstValue("Referrer-Policy")).as(path).contains("no-referrer");
      assertThat(h.firstValue("Content-Security-Policy")).as(path).isEmpty();
      assertThat(h.firstValue("X-Frame-Options")).as(path).isEmpty();
    }
  }

  @Test
  void api_answers_are_not_stored_unless_the_route_revalidates_them() {
    for (String path :
        List.of(
            "/api/analytics/overview",
            "/api/analytics/goals",
            "/api/analytics/overview?period=5d",
            "/api/analytics/export?format=json&period=7d")) {
      assertThat(server.get(path).raw().headers().firstValue("Cache-Control"))
          .as(path)
          .contains("no-store");
    }
    assertThat(server.get("/api/meta").raw().headers().firstValue("Cache-Control"))
        .contains("private, no-cache");
  }
}
