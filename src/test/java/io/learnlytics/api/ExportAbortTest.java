package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.learnlytics.testing.Await;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 20, item 6: a client that hangs up in the middle of a large export download is counted as
 * {@code aborted} — a 200 had gone out — and logged at info, never as a 500 or an error.
 */
class ExportAbortTest {
  static final String EXPORT = "/api/analytics/export";
  static final int EXCHANGES = 8_000;
  static final int BATCH = 2_000;

  @TempDir Path dir;

  @Test
  void a_client_hanging_up_mid_download_is_counted_as_aborted_not_as_a_500() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      ingestLargeHistory(server);
      Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      ListAppender<ILoggingEvent> logs = new ListAppender<>();
      logs.start();
      root.addAppender(logs);
      try {
        int status = downloadAndHangUp(server, 256 * 1024);

        assertThat(status).isEqualTo(200);
        Await.until(
            "the export counted as aborted",
            () -> metrics(server).contains(sample("aborted") + " 1.0"),
            Duration.ofSeconds(30));
      } finally {
        root.detachAppender(logs);
      }
      String metrics = metrics(server);
      assertThat(metrics).doesNotContain(sample("500")).doesNotContain(sample("200"));
      assertThat(logs.list)
          .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .extracting(ILoggingEvent::getFormattedMessage)
          .isEmpty();
      assertThat(logs.list)
          .filteredOn(e -> e.getLevel() == Level.INFO)
          .extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(
              m -> assertThat(m).contains("GET " + EXPORT).contains("closed the connection"));
      // the server is fine: the next export of the same data completes
      assertThat(server.get(EXPORT + "?period=7d&include=topics").status()).isEqualTo(200);
    }
  }

  /** Starts a download, reads {@code bytes} of it, and closes the stream mid-body. */
  private static int downloadAndHangUp(TestServer server, int bytes) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<InputStream> r =
        client.send(
            HttpRequest.newBuilder(server.uri(EXPORT + "?format=json&period=all")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      byte[] got = in.readNBytes(bytes);
      assertThat(got).hasSize(bytes); // a large export, still going
    }
    return r.statusCode();
  }

  /** About 20 MB of export: exchanges with long texts over the last days. */
  private static void ingestLargeHistory(TestServer server) {
    String text = "a long question about recursion and trees ".repeat(60);
    long now = Instant.now().toEpochMilli();
    for (int b = 0; b < EXCHANGES / BATCH; b++) {
      StringBuilder events = new StringBuilder("[");
      for (int i = b * BATCH; i < (b + 1) * BATCH; i++) {
        events
            .append(i == b * BATCH ? "" : ",")
            .append("{\"kind\":\"exchange\",\"id\":\"e")
            .append(i)
            .append("\",\"session_id\":\"s")
            .append(i / 20)
            .append("\",\"timestamp\":\"")
            .append(Instant.ofEpochMilli(now - 60_000L - i * 30_000L))
            .append("\",\"user_text\":\"")
            .append(text)
            .append("\"}");
      }
      Response r = server.postJson("/api/events", events.append(']').toString());
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
  }

  private static String sample(String status) {
    return "analytics_dashboard_requests_total{endpoint=\""
        + EXPORT
        + "\",status=\""
        + status
        + "\"}";
  }

  private static String metrics(TestServer server) {
    return server.get("/metrics").body();
  }
}
