package io.learnlytics.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the server's used heap from its own {@code /metrics} (JVM metrics) a few times a second
 * while the fuzz runs, and keeps the highest value: the peak is what bounds memory, and a child JVM
 * with {@code -Xmx256m} would fail with OutOfMemoryError (a 500) if it were not bounded.
 */
final class HeapSampler implements AutoCloseable {
  private static final String HEAP = "jvm_memory_used_bytes{area=\"heap\"}";
  private static final String AFTER_GC = "jvm_memory_pool_collection_used_bytes{";

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI metrics;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long peak;
  private volatile long peakAfterGc;

  HeapSampler(int port) {
    this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
    this.thread = new Thread(this::run, "heap-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** The highest used heap seen so far, in bytes, garbage not yet collected included. */
  long peak() {
    sample();
    return peak;
  }

  /**
   * The highest heap left after a collection (summed over the pools, each at its last collection):
   * what the server really holds, as opposed to garbage waiting for the next collection.
   */
  long peakAfterGc() {
    return peakAfterGc;
  }

  private void run() {
    while (running) {
      sample();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sample() {
    try {
      HttpRequest get = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build();
      String text = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
      long afterGc = 0;
      for (String line : text.split("\n")) {
        if (line.startsWith(HEAP)) {
          peak = Math.max(peak, value(line));
        } else if (line.startsWith(AFTER_GC)) {
          afterGc += value(line);
        }
      }
      peakAfterGc = Math.max(peakAfterGc, afterGc);
    } catch (java.io.IOException | RuntimeException e) {
      // a sample missed while the server is busy; the next one counts
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long value(String line) {
    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
