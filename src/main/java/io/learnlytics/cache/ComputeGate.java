package io.learnlytics.cache;

import io.learnlytics.support.ApiException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many uncached dashboard answers are computed at once. Each computation is CPU and
 * SQLite work; with 50 clients asking for 50 different answers, 50 threads computing at once on 2
 * cores left the ingest writer (and the rollup refresher, which holds the write lock) a thin slice
 * of the CPU: ingest fell to 9-16 % of its solo rate (bench-load, docs/benchmarks.md). Past the
 * bound, requests wait in line (fairly, oldest first) instead: the answers come out at the same
 * total rate, and ingest gets more of the machine (22-92 % of solo under uncached reads; the 50 %
 * target is still missed at the worst). A request that waited {@code maxWait} in vain gets a 503
 * with Retry-After rather than an endless wait.
 */
public final class ComputeGate {
  static final int RETRY_AFTER_SECONDS = 1;

  private final Semaphore permits;
  private final Duration maxWait;

  public ComputeGate(int concurrent, Duration maxWait) {
    this.permits = new Semaphore(concurrent, true);
    this.maxWait = maxWait;
  }

  /** One computation per core: more only shares the same cores among more threads. */
  public static ComputeGate perCore() {
    return new ComputeGate(Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(20));
  }

  /** Runs {@code work} once a permit is free. */
  public <T> T run(Supplier<T> work) {
    try {
      if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    }
    try {
      return work.get();
    } finally {
      permits.release();
    }
  }

  private ApiException.Unavailable busy() {
    return new ApiException.Unavailable(
        "the server is busy computing other dashboard answers; retry shortly", RETRY_AFTER_SECONDS);
  }
}
