package io.learnlytics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.learnlytics.support.Json;
import io.learnlytics.testing.Cli;
import io.learnlytics.testing.RawHttp;
import io.learnlytics.testing.RawHttp.Answer;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: an export that fails must not look like a success. Ingest now refuses what broke
 * exports, but a database written by an older version may still hold such a value, simulated here
 * by writing the row directly.
 */
class ExportFailureTest {
  @TempDir Path dir;

  /** An exchange as an older version stored it: metadata with a number JSON cannot write. */
  private static void storeLegacyPoison(TestServer server) {
    server
        .db()
        .writer()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO exchanges (id, session_id, ts_utc, utc_offset_s, duration_ms,"
                        + " topics, metadata, fingerprint, ingested_utc)"
                        + " VALUES ('legacy', 'old', ?, 0, 0, '[]', ?, 0, 0)",
                    System.currentTimeMillis() - 60_000,
                    "{\"n\":" + "9".repeat(400) + "}"));
  }

  private static Answer export(TestServer server) {
    return RawHttp.send(
        server.port(),
        "GET /api/analytics/export?format=json&period=all HTTP/1.1\r\nHost: 127.0.0.1",
        new byte[0]);
  }

  @Test
  void a_failure_before_the_first_byte_is_sent_is_an_error_answer() {
    try (TestServer server = TestServer.start(dir)) {
      storeLegacyPoison(server);

      Answer a = export(server);

      assertThat(a.status()).isEqualTo(500);
      assertThat(a.header("Content-Type")).startsWith("application/json");
      assertThat(a.json().at("/error/code").asText()).isEqualTo("internal_error");
      assertThat(a.header("Content-Disposition")).isNull();
    }
  }

  @Test
  void a_failure_after_bytes_went_out_spoils_the_file_and_breaks_the_transfer() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      StringBuilder events = new StringBuilder("[");
      long now = System.currentTimeMillis();
      for (int i = 0; i < 2000; i++) {
        String ts = java.time.Instant.ofEpochMilli(now - 3_600_000L - i * 1000L).toString();
        events
            .append(i == 0 ? "" : ",")
            .append("{\"kind\":\"exchange\",\"id\":\"e")
            .append(i)
            .append("\",\"session_id\":\"s\",\"timestamp\":\"")
            .append(ts)
            .append("\",\"user_text\":\"a question long enough to fill the buffer\"}");
      }
      server.postJson("/api/events", events.append(']').toString());
      storeLegacyPoison(server);

      HttpResponse<InputStream> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(server.uri("/api/analytics/export?format=json&period=all"))
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = r.body();
      assertThatThrownBy(() -> in.transferTo(received))
          .as("a keep-alive client sees the transfer break off")
          .isInstanceOf(IOException.class);
      Path file = dir.resolve("partial.json");
      Files.write(file, received.toByteArray());
      String text = Files.readString(file);

      assertThat(r.statusCode()).isEqualTo(200); // already sent before the failure
      assertThat(text).contains("EXPORT FAILED").doesNotContain("\"checksum\"");
      assertThatThrownBy(() -> Json.MAPPER.readTree(text)).isInstanceOf(Exception.class);
      assertThat(ExportVerifier.verify(file).ok()).isFalse();
      assertThat(Cli.run("verify", file.toString()).code()).isEqualTo(1);
      long unfinished =
          server
              .db()
              .reader()
              .withHandle(
                  h ->
                      h.createQuery("SELECT count(*) FROM export_history WHERE checksum IS NULL")
                          .mapTo(Long.class)
                          .one());
      assertThat(unfinished).isEqualTo(1);
    }
  }

  @Test
  void the_cli_leaves_no_file_behind_when_an_export_fails() {
    Path db = dir.resolve("cli.db");
    try (TestServer server = TestServer.with(dir, c -> c.withDb(db))) {
      storeLegacyPoison(server);
    }
    Path out = dir.resolve("out.json");

    Cli.Run run =
        Cli.run("export", "--db", TestStores.arg(db), "--period", "all", "--out", out.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().strip()).doesNotContain("\n").contains("nothing was written");
    assertThat(out).doesNotExist();
    assertThat(dir.resolve("out.json.partial")).doesNotExist();
  }
}
