package io.learnlytics.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One load client's keep-alive HTTP/1.1 connection. Each client has its own {@link HttpClient}, so
 * 50 clients are 50 connections as 50 browsers would be, not one shared pool that could queue
 * requests inside the load generator and hide server latency.
 */
final class LoadConnection {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String base;

  LoadConnection(String base) {
    this.base = base;
  }

  /** GETs {@code path} and records it in {@code stats} (a non-2xx answer is an error). */
  void get(String path, LoadStats stats) throws InterruptedException {
    send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(), 1, stats);
  }

  /** POSTs an NDJSON batch of {@code events} events to the ingest endpoint. */
  void post(byte[] ndjson, int events, LoadStats stats) throws InterruptedException {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(base + "/api/events"))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofByteArray(ndjson))
            .build();
    send(r, events, stats);
  }

  private void send(HttpRequest request, int items, LoadStats stats) throws InterruptedException {
    long t0 = System.nanoTime();
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() / 100 == 2) {
        stats.ok(System.nanoTime() - t0, items);
      } else {
        stats.error(request.method() + " " + request.uri().getPath() + " " + r.statusCode());
      }
    } catch (IOException e) {
      stats.error(request.method() + " " + request.uri().getPath() + " " + e);
    }
  }
}
