package io.learnlytics.store;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * How long the reads of the current thread may run in the database: set around a dashboard request
 * ({@link #within}), read when the request takes a read connection ({@link LimitedConnections}).
 * Each read connection taken while a limit is set gets the whole limit for its statements; a
 * statement still running at its end is stopped (SQLite: interrupted by a progress handler;
 * PostgreSQL: by {@code statement_timeout}) and fails as {@link StoreFault#TIMEOUT}. Threads
 * without a limit — background jobs, exports, cache refreshes — are not limited.
 */
public final class QueryLimit {
  private static final ThreadLocal<@Nullable Duration> LIMIT = new ThreadLocal<>();

  private QueryLimit() {}

  /** The work of a request. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  /** Runs {@code work} with its reads limited to {@code limit} each (zero: no limit). */
  public static void within(Duration limit, Work work) throws Exception {
    if (limit.isZero()) {
      work.run();
      return;
    }
    Duration outer = LIMIT.get();
    LIMIT.set(limit);
    try {
      work.run();
    } finally {
      LIMIT.set(outer);
    }
  }

  /** Like {@link #within}, returning a value: for tests and callers outside a request. */
  public static <T> T call(Duration limit, Callable<T> work) throws Exception {
    Object[] out = new Object[1];
    within(limit, () -> out[0] = work.call());
    @SuppressWarnings("unchecked")
    T t = (T) out[0];
    return t;
  }

  /** The current thread's limit, or null when it has none. */
  static @Nullable Duration current() {
    return LIMIT.get();
  }
}
