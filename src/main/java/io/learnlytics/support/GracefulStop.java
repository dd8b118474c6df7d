package io.learnlytics.support;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Stops an executor the way background work should stop: let the running task finish. */
public final class GracefulStop {
  private GracefulStop() {}

  /**
   * Refuses new tasks, waits up to {@code patience} for the running one to finish, then interrupts
   * what is left. Interrupting first would fail a database call mid-way and log it as an error.
   */
  public static void of(ExecutorService executor, Duration patience) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
