package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.support.Json;
import io.learnlytics.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: ten concurrent 16 MiB uploads to a server limited to a 512 MiB heap used to end in
 * out-of-memory 500s. Bodies are now parsed as they stream, within a budget of in-flight bytes:
 * every upload is stored or told to retry (503), none fails, and the server keeps serving.
 */
class ConcurrentUploadTest {
  @TempDir Path dir;

  @Test
  void ten_concurrent_16_mib_uploads_fit_in_a_512_mib_heap() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(dir.resolve("up.db"), List.of("-Xmx512m", "-XX:+UseSerialGC"))) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      long bytes = 0;
      for (int i = 0; i < 10; i++) {
        byte[] body = body("u" + i);
        bytes += body.length;
        HttpRequest r =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/events"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        answers.add(http.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
      }
      long accepted = 0;
      int retryLater = 0;
      for (CompletableFuture<HttpResponse<String>> a : answers) {
        HttpResponse<String> r = a.get();
        assertThat(r.statusCode()).as(r.body()).isIn(200, 503);
        if (r.statusCode() == 200) {
          accepted += Json.MAPPER.readTree(r.body()).get("accepted").asLong();
        } else {
          retryLater++;
        }
      }
      JsonNode health =
          Json.MAPPER.readTree(
              http.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + server.port() + "/api/health"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      System.out.printf(
          "10 uploads, %,d bytes: %,d events stored, %d told to retry%n",
          bytes, accepted, retryLater);

      assertThat(health.at("/counts/exchanges").asLong()).isEqualTo(accepted);
      assertThat(accepted).isPositive();
      assertThat(server.output()).doesNotContain("OutOfMemoryError").doesNotContain("ERROR");
      assertThat(server.isAlive()).isTrue();
    }
  }

  /** A JSON array of small exchanges, just under the 16 MiB body limit. */
  static byte[] body(String prefix) {
    StringBuilder sb = new StringBuilder(IngestService.MAX_BODY_BYTES);
    sb.append('[');
    String pad = "p".repeat(240);
    int i = 0;
    while (sb.length() < IngestService.MAX_BODY_BYTES - 1000 && i < IngestService.MAX_EVENTS) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"kind\":\"exchange\",\"id\":\"")
          .append(prefix)
          .append('-')
          .append(i)
          .append("\",\"session_id\":\"")
          .append(prefix)
          .append(i / 10)
          .append("\",\"timestamp\":\"2025-11-18T09:30:00Z\",\"user_text\":\"")
          .append(pad)
          .append("\",\"topics\":[\"t")
          .append(i % 40)
          .append("\"]}");
      i++;
    }
    return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }
}
