package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.api.WebServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench-api}: serves a {@code bench-ingest} database on a loopback port, with "now" set just
 * after its last event, and measures each dashboard endpoint over real HTTP: latency percentiles
 * uncached (the cache is emptied before every request) and cached, then the throughput of a cached
 * endpoint under concurrent clients.
 */
@Command(
    name = "bench-api",
    mixinStandardHelpOptions = true,
    description = "Benchmark: dashboard API latency (cached/uncached) and throughput over HTTP.")
final class BenchApiCommand implements Callable<Integer> {
  @Mixin ShapeOption shape;

  static final List<String> URLS =
      List.of(
          "/api/analytics/overview?period=30d",
          "/api/analytics/overview?period=90d",
          "/api/analytics/progress?period=30d",
          "/api/analytics/progress?period=365d&metrics=sessions,quality,exchanges,duration,feedback",
          "/api/analytics/trends?period=90d&metric=quality&window=7",
          "/api/analytics/trends?period=365d&metric=sessions&window=30",
          "/api/analytics/topics?period=30d",
          "/api/analytics/topics?period=all&limit=50",
          "/api/analytics/insights",
          "/api/analytics/goals");

  @Option(
      names = "--db",
      required = true,
      paramLabel = "FILE",
      description = "bench-ingest database")
  Path db;

  @Option(names = "--requests", defaultValue = "1000", description = "Requests per measurement")
  int requests;

  @Option(names = "--clients", defaultValue = "4", description = "Concurrent clients, throughput")
  int clients;

  @Option(names = "--seconds", defaultValue = "5", description = "Duration of the throughput run")
  int seconds;

  private final HttpTimer http = new HttpTimer();

  @Override
  public Integer call() throws Exception {
    try (App app = BenchDatabase.open(db, shape.get());
        WebServer server = new WebServer(app, Duration.ZERO).start()) {
      String base = "http://127.0.0.1:" + server.port();
      Instant now = app.clock().instant();
      timeJob("goal evaluation", app.goals()::evaluate);
      timeJob("insight generation", app.insights()::generate);
      System.out.printf("history up to %s; %d requests per measurement%n", now, requests);
      warmUp(app, base);
      System.out.printf(
          "%-92s %27s %27s%n", "endpoint", "uncached p50/p95/p99 ms", "cached p50/p95/p99 ms");
      for (String url : URLS) {
        double[] uncached = http.measure(base + url, () -> app.cache().invalidate(), requests);
        double[] cached = http.measure(base + url, () -> {}, requests);
        System.out.printf(
            "%-92s %27s %27s%n",
            url, HttpTimer.percentiles(uncached), HttpTimer.percentiles(cached));
      }
      throughput(base + URLS.get(0));
    }
    return 0;
  }

  /** JIT warm-up over every endpoint, cached and uncached, before anything is measured. */
  private void warmUp(App app, String base) throws Exception {
    for (int round = 0; round < 20; round++) {
      for (String url : URLS) {
        http.measure(base + url, () -> app.cache().invalidate(), 5);
        http.measure(base + url, () -> {}, 50);
      }
    }
  }

  /** Times a background job (the first run does the writes; later runs find nothing new). */
  private static void timeJob(String name, Runnable job) {
    double[] ms = new double[31];
    for (int i = 0; i < ms.length; i++) {
      long t0 = System.nanoTime();
      job.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    double[] rest = Arrays.copyOfRange(ms, 1, ms.length);
    System.out.printf(
        "%s: first run %.1f ms, then p50/p95/p99 %s ms%n",
        name, ms[0], HttpTimer.percentiles(rest));
  }

  private void throughput(String url) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  http.get(url);
                  done.incrementAndGet();
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    System.out.printf(
        "cached %s with %d concurrent clients: %,.0f requests/s over %d s%n",
        url, clients, done.get() / (double) seconds, seconds);
  }
}
