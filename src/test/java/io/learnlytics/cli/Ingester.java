package io.learnlytics.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A client that keeps posting batches of {@value #BATCH} exchanges, each batch a new session, to a
 * server until closed: the steady ingest a backup must not disturb. Batches are atomic, so a
 * consistent copy holds a whole number of them.
 */
final class Ingester implements AutoCloseable {
  static final int BATCH = 50;

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI uri;
  private final AtomicInteger acknowledged = new AtomicInteger();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean running = true;

  private Ingester(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/api/events");
    this.thread = new Thread(this::loop, "ingester");
    thread.setDaemon(true);
    thread.start();
  }

  static Ingester start(int port) {
    return new Ingester(port);
  }

  /** Batches answered 200 so far. */
  int acknowledged() {
    return acknowledged.get();
  }

  /** Waits until {@code n} batches in all have been answered 200 (at most 60 s). */
  void awaitAcknowledged(int n) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (acknowledged.get() < n && failure.get() == null && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    if (acknowledged.get() < n) {
      throw new AssertionError("only " + acknowledged.get() + " batches stored: " + failure.get());
    }
  }

  private void loop() {
    for (int batch = 0; running; batch++) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(batch)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          acknowledged.incrementAndGet();
        } else {
          failure.compareAndSet(null, r.statusCode() + " " + r.body());
        }
      } catch (Exception e) {
        return; // the server was stopped
      }
    }
  }

  private static String body(int batch) {
    Instant start = Instant.now().minus(Duration.ofHours(2));
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < BATCH; i++) {
      b.append(i == 0 ? "" : ",")
          .append("{\"kind\":\"exchange\",\"id\":\"live-")
          .append(batch)
          .append('-')
          .append(i)
          .append("\",\"session_id\":\"live-")
          .append(batch)
          .append("\",\"timestamp\":\"")
          .append(start.plusSeconds(i))
          .append("\",\"user_text\":\"question ")
          .append(i)
          .append("\",\"duration_ms\":1500,\"topics\":[\"backups\"]}");
    }
    return b.append(']').toString();
  }

  /** The first answer other than 200, if any. */
  @Nullable String failure() {
    return failure.get();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
