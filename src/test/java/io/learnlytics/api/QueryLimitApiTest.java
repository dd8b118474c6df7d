package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.config.Ingest;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import io.learnlytics.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dashboard read past the query limit is a 503 with a JSON error and {@code Retry-After}, not a
 * hang; the next read with time to spare answers as usual, and exports are not limited.
 */
class QueryLimitApiTest {
  @TempDir Path dir;

  static TestServer server(Path dir, Duration limit) {
    return TestServer.with(
        dir,
        c ->
            c.withIngest(
                new Ingest(
                    LocalDate.of(2000, 1, 1),
                    Duration.ofHours(24),
                    Duration.ofSeconds(10),
                    limit)));
  }

  @Test
  void a_read_past_the_limit_is_a_503_with_retry_after_in_the_error_shape() {
    Duration limit = TestStores.POSTGRES ? Duration.ofMillis(300) : Duration.ofNanos(1);
    try (TestServer server = server(dir, limit)) {
      ingestDays(server, 60);
      long t0 = System.nanoTime();
      Response r = slowYear(server);
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertThat(r.status()).as(r.body()).isEqualTo(503);
      assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("5");
      assertThat(r.json().at("/error/code").textValue()).isEqualTo("unavailable");
      assertThat(r.json().at("/error/message").textValue()).contains("query limit");
      assertThat(ms).isLessThan(5_000);
      assertThat(server.get("/api/analytics/export?period=all").status()).isEqualTo(200);
    }
  }

  @Test
  void with_time_to_spare_the_same_read_answers_200() {
    try (TestServer server = server(dir, Ingest.DEFAULT_QUERY_TIMEOUT)) {
      ingestDays(server, 60);
      assertThat(server.get("/api/analytics/year").status()).isEqualTo(200);
      assertThat(server.get("/api/analytics/goals").json().at("/meta/timezone").isTextual())
          .isTrue();
    }
  }

  /**
   * The year in review, made slow: SQLite's reads are stopped by a limit of 1 ns at their first
   * check; on PostgreSQL another transaction holds the rollups locked, so the read waits until its
   * statement_timeout stops it.
   */
  private static Response slowYear(TestServer server) {
    if (!TestStores.POSTGRES) {
      return server.get("/api/analytics/year");
    }
    try (Handle h = server.app().db().writer().open()) {
      h.begin();
      h.execute("LOCK TABLE aggregated_metrics IN ACCESS EXCLUSIVE MODE");
      Response r = server.get("/api/analytics/year");
      h.rollback();
      return r;
    }
  }

  private static void ingestDays(TestServer server, int days) {
    StringBuilder sb = new StringBuilder("[");
    Instant now = Instant.now();
    for (int d = 0; d < days; d++) {
      Instant t = now.minus(Duration.ofDays(d));
      sb.append(d == 0 ? "" : ",")
          .append("{\"kind\":\"exchange\",\"id\":\"e")
          .append(d)
          .append("\",\"session_id\":\"s")
          .append(d)
          .append("\",\"timestamp\":\"")
          .append(t)
          .append("\",\"topics\":[\"t")
          .append(d % 7)
          .append("\"]}");
    }
    assertThat(server.postJson("/api/events", sb.append("]").toString()).status()).isEqualTo(200);
    server.app().rollups().refreshDirty();
  }
}
