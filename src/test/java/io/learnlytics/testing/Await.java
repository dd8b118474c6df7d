package io.learnlytics.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something the test cannot be told about, such as another process or Caffeine's
 * maintenance thread; where the code offers a hook (a listener, a callback) a test uses a latch on
 * it instead. Fails with what it waited for and how long, never returns quietly on a timeout.
 */
public final class Await {
  /** Short enough not to slow a test, long enough not to hammer a server or a database file. */
  private static final Duration POLL = Duration.ofMillis(20);

  private Await() {}

  /** Returns once {@code condition} holds; fails if it still does not after {@code timeout}. */
  public static void until(String description, BooleanSupplier condition, Duration timeout) {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      if (waited.compareTo(timeout) > 0) {
        throw new AssertionError(
            "waited " + waited.toMillis() + " ms (limit " + timeout + ") for " + description);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
