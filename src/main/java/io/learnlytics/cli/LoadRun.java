package io.learnlytics.cli;

import io.learnlytics.cache.ResponseCache;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One phase of the load run: {@code clients} read clients going round a list of URLs and/or one
 * ingest client posting batches, each sending its next request as soon as the last one answered
 * (closed loop), until the phase's time is up.
 */
final class LoadRun {
  /** What one phase measured; {@code missRatio} is the response cache's misses over lookups. */
  record Result(String phase, LoadStats reads, LoadStats ingest, double seconds, double missRatio) {
    double readsPerSecond() {
      return reads.requests() / seconds;
    }

    double eventsPerSecond() {
      return ingest.items() / seconds;
    }
  }

  private final String base;
  private final ResponseCache cache;

  LoadRun(String base, ResponseCache cache) {
    this.base = base;
    this.cache = cache;
  }

  /** Runs a phase; {@code urls} empty means no readers, {@code batches} null means no ingest. */
  Result run(
      String phase, List<String> urls, int clients, @Nullable LoadBatches batches, int seconds)
      throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    int readers = urls.isEmpty() ? 0 : clients;
    ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
    AtomicLong turn = new AtomicLong();
    long hits0 = cache.hits();
    long misses0 = cache.misses();
    long t0 = System.nanoTime();
    try {
      List<Future<LoadStats>> reads = new ArrayList<>();
      for (int c = 0; c < readers; c++) {
        reads.add(pool.submit(() -> read(urls, turn, end)));
      }
      Future<LoadStats> ingest = pool.submit(() -> ingest(batches, end));
      LoadStats readStats = new LoadStats();
      for (Future<LoadStats> f : reads) {
        readStats.addAll(f.get());
      }
      LoadStats ingestStats = ingest.get();
      double elapsed = (System.nanoTime() - t0) / 1e9;
      long lookups = cache.hits() - hits0 + cache.misses() - misses0;
      double missRatio = lookups == 0 ? 0 : (cache.misses() - misses0) / (double) lookups;
      return new Result(phase, readStats, ingestStats, elapsed, missRatio);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One read client: the next URL of the shared round, so clients spread over the whole list. */
  private LoadStats read(List<String> urls, AtomicLong turn, long end) throws InterruptedException {
    LoadConnection connection = new LoadConnection(base);
    LoadStats stats = new LoadStats();
    while (System.nanoTime() < end) {
      String url = urls.get((int) (turn.getAndIncrement() % urls.size()));
      connection.get(url, stats);
    }
    return stats;
  }

  private LoadStats ingest(@Nullable LoadBatches batches, long end) throws InterruptedException {
    LoadStats stats = new LoadStats();
    if (batches == null) {
      return stats;
    }
    LoadConnection connection = new LoadConnection(base);
    while (System.nanoTime() < end) {
      connection.post(batches.next(), batches.eventsPerBatch(), stats);
    }
    return stats;
  }
}
