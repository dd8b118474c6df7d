package io.learnlytics.api;

import io.learnlytics.support.ApiException.Unavailable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the request-body bytes being ingested at once. Each upload reserves its declared length
 * (or the largest allowed body when it does not declare one) before its first byte is read, and
 * waits in line for a while when the budget is spent; one that cannot get its share in time is
 * answered 503 with {@code Retry-After}. Ingest writes one batch at a time anyway, so queueing
 * costs no throughput, while ten concurrent 16 MiB uploads no longer need 10 × 16 MiB of heap at
 * once. Budgets are counted in KiB so that the semaphore's int permits cover gigabytes.
 */
final class BodyBudget {
  private final int totalKib;
  private final Semaphore kib;
  private final long waitMillis;

  BodyBudget(long totalBytes, long waitMillis) {
    this.totalKib = (int) (totalBytes / 1024);
    this.kib = new Semaphore(totalKib, true);
    this.waitMillis = waitMillis;
  }

  /** Reserves room for {@code bytes}; close the result to give it back. */
  Reservation reserve(long bytes) throws InterruptedException {
    int want = (int) Math.min(totalKib, Math.max(1, (bytes + 1023) / 1024));
    if (!kib.tryAcquire(want, waitMillis, TimeUnit.MILLISECONDS)) {
      throw new Unavailable(
          "the server is busy ingesting other large batches; retry in a few seconds", 2);
    }
    return () -> kib.release(want);
  }

  /** Room held by one upload. */
  interface Reservation extends AutoCloseable {
    @Override
    void close();
  }
}
