package io.learnlytics.sync;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tails a source while the server runs: a {@link SyncService#pass()} every few seconds. */
public final class SyncScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncScheduler.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "source-sync");
            t.setDaemon(true);
            return t;
          });

  public SyncScheduler(SyncService sync, Duration every) {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            sync.pass();
          } catch (RuntimeException e) {
            LOG.warn("source sync failed; it runs again in {} s", every.toSeconds(), e);
          }
        },
        0,
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
