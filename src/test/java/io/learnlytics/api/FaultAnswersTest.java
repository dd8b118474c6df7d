package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.config.Ingest;
import io.learnlytics.testing.RawHttp;
import io.learnlytics.testing.RawHttp.Answer;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: faults that are not bugs get honest answers in the API's error shape — 503 with
 * Retry-After for a database another program keeps locked, 507 for a full disk, 400 for a body that
 * breaks off — and every failed batch is counted.
 */
class FaultAnswersTest {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server =
        TestServer.with(
            dir,
            c ->
                c.withIngest(
                    new Ingest(
                        LocalDate.of(2000, 1, 1), Duration.ofHours(24), Duration.ofMillis(300))));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String events(int n, String prefix) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"kind\":\"exchange\",\"id\":\"")
          .append(prefix)
          .append(i)
          .append("\",\"session_id\":\"s\",\"timestamp\":\"2025-11-18T09:30:00Z\",\"user_text\":\"")
          .append("x".repeat(200))
          .append("\"}");
    }
    return sb.append(']').toString();
  }

  @Test
  void a_database_locked_by_another_program_answers_503_and_reads_keep_working() throws Exception {
    try (Connection other =
            DriverManager.getConnection("jdbc:sqlite:" + server.app().db().location());
        Statement st = other.createStatement()) {
      st.execute("BEGIN IMMEDIATE");

      Response write = server.postJson("/api/events", events(1, "a"));
      Response read = server.get("/api/analytics/overview?period=7d");

      assertThat(write.status()).isEqualTo(503);
      assertThat(write.raw().headers().firstValue("Retry-After")).hasValue("5");
      assertThat(write.json().at("/error/code").asText()).isEqualTo("unavailable");
      assertThat(write.json().at("/error/message").asText()).contains("locked by another program");
      assertThat(read.status()).isEqualTo(200);
      st.execute("ROLLBACK");
    }
    assertThat(server.postJson("/api/events", events(1, "a")).status()).isEqualTo(200);
    assertThat(metric("analytics_ingest_batches_total{status=\"503\"}")).isEqualTo("1.0");
  }

  @Test
  void a_full_disk_answers_507_stores_nothing_and_recovers_once_there_is_room() {
    long pages =
        server
            .app()
            .db()
            .writer()
            .withHandle(h -> h.createQuery("PRAGMA page_count").mapTo(Long.class).one());
    setMaxPages(pages + 2);

    Response full = server.postJson("/api/events", events(500, "a"));

    assertThat(full.status()).as(full.body()).isEqualTo(507);
    assertThat(full.json().at("/error/code").asText()).isEqualTo("insufficient_storage");
    assertThat(full.json().at("/error/message").asText()).contains("free some space");
    assertThat(server.get("/api/health").json().at("/counts/exchanges").asLong()).isZero();

    setMaxPages(1_000_000_000L);
    assertThat(server.postJson("/api/events", events(500, "a")).status()).isEqualTo(200);
    String integrity =
        server
            .app()
            .db()
            .reader()
            .withHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one());
    assertThat(integrity).isEqualTo("ok");
    assertThat(metric("analytics_ingest_batches_total{status=\"507\"}")).isEqualTo("1.0");
  }

  private void setMaxPages(long pages) {
    // The writer is one pooled connection, and max_page_count is a per-connection setting.
    server.app().db().writer().useHandle(h -> h.execute("PRAGMA max_page_count = " + pages));
  }

  @Test
  void a_body_cut_short_is_a_400_and_nothing_is_stored() {
    byte[] part = events(50, "a").substring(0, 3000).getBytes(StandardCharsets.UTF_8);
    Answer a =
        RawHttp.send(
            server.port(),
            "POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100000",
            part,
            true);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().at("/error/details/0/field").asText()).isEqualTo("body");
    assertThat(server.get("/api/health").json().at("/counts/exchanges").asLong()).isZero();
  }

  @Test
  void a_broken_chunked_body_is_a_400_in_our_shape() {
    byte[] body = "5\r\n[{\"ki\r\nZZ\r\nnonsense\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    Answer a =
        RawHttp.send(
            server.port(),
            "POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked",
            body);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().at("/error/code").asText()).isEqualTo("invalid_input");
    assertThat(a.text()).doesNotContain("at org.eclipse");
  }

  @Test
  void errors_jetty_answers_itself_use_our_shape() {
    Answer badUri =
        RawHttp.send(server.port(), "GET /api/%zz HTTP/1.1\r\nHost: 127.0.0.1", new byte[0]);
    Answer bigHeader =
        RawHttp.send(
            server.port(),
            "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(20_000),
            new byte[0]);

    assertThat(badUri.status()).isEqualTo(400);
    assertThat(badUri.header("Content-Type")).startsWith("application/json");
    assertThat(badUri.json().at("/error/code").asText()).isEqualTo("invalid_input");
    assertThat(bigHeader.status()).isEqualTo(431);
    assertThat(bigHeader.json().at("/error/code").asText())
        .isEqualTo("request_header_fields_too_large");
  }

  @Test
  void every_failed_batch_is_counted_by_status() {
    server.postJson("/api/events", "{");
    server.postJson("/api/events", "[{\"kind\":\"nope\"}]");
    server.post("/api/events", events(1, "t"), "text/plain");
    server.postJson("/api/events", events(1, "t"));

    assertThat(metric("analytics_ingest_batches_total{status=\"400\"}")).isEqualTo("2.0");
    assertThat(metric("analytics_ingest_batches_total{status=\"415\"}")).isEqualTo("1.0");
    assertThat(metric("analytics_ingest_batches_total{status=\"200\"}")).isEqualTo("1.0");
  }

  private String metric(String series) {
    for (String line : server.get("/metrics").body().split("\n")) {
      if (line.startsWith(series + " ")) {
        return line.substring(series.length() + 1).strip();
      }
    }
    return "absent";
  }
}
