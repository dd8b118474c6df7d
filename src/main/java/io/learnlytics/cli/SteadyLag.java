package io.learnlytics.cli;

import io.learnlytics.App;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The refresh lag under a steady stream: events arrive at a fixed rate in small batches, each batch
 * for the next learner in turn, while the server's background refresher runs as in production. A
 * batch's lag is the time from its acknowledgement until its learner has no dirty bucket left —
 * until every rollup it touched is current.
 */
final class SteadyLag {
  private static final int PER_BATCH = 100;

  private final App app;
  private final int learners;
  private final ConcurrentLinkedQueue<long[]> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sending = new AtomicBoolean(true);

  SteadyLag(App app, int learners) {
    this.app = app;
    this.learners = learners;
  }

  /** Sends {@code rate} events a second for {@code seconds}, and prints the lags. */
  void run(int rate, int seconds, LocalDate day) throws InterruptedException {
    int batches = Math.max(1, rate * seconds / PER_BATCH);
    long[] lags = new long[batches];
    Thread checker = new Thread(() -> check(lags), "lag-checker");
    checker.start();
    long interval = TimeUnit.SECONDS.toNanos(1) * PER_BATCH / rate;
    long start = System.nanoTime();
    for (int k = 0; k < batches; k++) {
      long due = start + k * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int learner = k % learners;
      app.workspace(BenchLearnersCommand.id(learner))
          .orElseThrow()
          .ingest()
          .ingest(batch(k, day), true);
      pending.add(new long[] {k, learner, System.nanoTime()});
    }
    double sent = (System.nanoTime() - start) / 1e9;
    sending.set(false);
    checker.join();
    Arrays.sort(lags);
    System.out.printf(
        "steady %,d events/s for %.0f s (%,d batches of %d, one learner each, refresher running):"
            + " refresh lag P50 %.2f s, P95 %.2f s, max %.2f s%n",
        Math.round(batches * PER_BATCH / sent),
        sent,
        batches,
        PER_BATCH,
        lags[lags.length / 2] / 1e9,
        lags[Math.min(lags.length - 1, lags.length * 95 / 100)] / 1e9,
        lags[lags.length - 1] / 1e9);
  }

  private void check(long[] lags) {
    while (sending.get() || !pending.isEmpty()) {
      long[] head = pending.peek();
      if (head == null || dirty((int) head[1])) {
        sleep();
      } else {
        lags[(int) head[0]] = System.nanoTime() - head[2];
        pending.poll();
      }
    }
  }

  private boolean dirty(int learner) {
    return app.db()
        .reader()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM dirty_buckets WHERE learner_id = ?")
                        .bind(0, BenchLearnersCommand.id(learner))
                        .mapTo(Long.class)
                        .one()
                    > 0);
  }

  private static void sleep() {
    try {
      TimeUnit.MILLISECONDS.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A batch of exchanges of one session on {@code day}, with ids of its own. */
  private static byte[] batch(int k, LocalDate day) {
    StringBuilder b = new StringBuilder();
    long t0 = day.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli() + k * 1000L;
    for (int j = 0; j < PER_BATCH; j++) {
      b.append("{\"kind\":\"exchange\",\"id\":\"steady-")
          .append(k)
          .append('-')
          .append(j)
          .append("\",\"session_id\":\"steady-")
          .append(k)
          .append("\",\"timestamp\":\"")
          .append(Instant.ofEpochMilli(t0 + j))
          .append("\",\"user_text\":\"why?\",\"duration_ms\":900,\"topics\":[\"steady\"]}\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
