package io.learnlytics.cli;

import java.util.Arrays;

/**
 * Latencies and errors of one stream of requests (one client's, or many merged). Latencies are kept
 * whole, in microseconds, and sorted once at the end: a 30 s phase makes at most a few hundred
 * thousand requests, so exact percentiles cost a few MiB and no histogram library.
 */
final class LoadStats {
  private long[] micros = new long[1024];
  private int count;
  private long errors;
  private long items;
  private String firstError = "";

  /** A request that answered 2xx in {@code nanos}, carrying {@code n} items (events, or 1). */
  void ok(long nanos, long n) {
    if (count == micros.length) {
      micros = Arrays.copyOf(micros, count * 2);
    }
    micros[count++] = nanos / 1000;
    items += n;
  }

  /** A non-2xx answer or an I/O error; the first one is kept to show in the report. */
  void error(String what) {
    if (errors++ == 0) {
      firstError = what;
    }
  }

  void addAll(LoadStats other) {
    for (int i = 0; i < other.count; i++) {
      ok(other.micros[i] * 1000, 0);
    }
    items += other.items;
    if (errors == 0) {
      firstError = other.firstError;
    }
    errors += other.errors;
  }

  long requests() {
    return count;
  }

  long errors() {
    return errors;
  }

  long items() {
    return items;
  }

  String firstError() {
    return firstError;
  }

  /** The latency at quantile {@code q} (0..1) in milliseconds, 0 without requests. */
  double millis(double q) {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(micros, count);
    Arrays.sort(sorted);
    int i = Math.min(count - 1, Math.max(0, (int) Math.ceil(q * count) - 1));
    return sorted[i] / 1000.0;
  }
}
