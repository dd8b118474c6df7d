package io.learnlytics.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.learnlytics.App;
import io.learnlytics.export.ExportService;
import io.learnlytics.export.source.ExportRequest;
import io.learnlytics.export.source.ExportResult;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench-export}: times JSON and CSV exports of 30 and 365 days (and optionally all) of a
 * {@code bench-ingest} database, with "now" one hour after its last event, written to a stream that
 * discards the bytes (what the server does minus the network). Reports time, bytes, and two heap
 * figures: the most heap in use at any sample (every 5 ms, garbage included) and the most heap
 * still in use right after a garbage collection during the export (live data: the application's
 * plus what the export holds). Run it with a small heap (e.g. {@code -Xmx256m}) to show that the
 * heap does not grow with the period.
 */
@Command(
    name = "bench-export",
    mixinStandardHelpOptions = true,
    description = "Benchmark: JSON and CSV export time and heap on a bench-ingest database.")
final class BenchExportCommand implements Callable<Integer> {
  @Mixin ShapeOption shape;

  @Option(
      names = "--db",
      required = true,
      paramLabel = "FILE",
      description = "bench-ingest database")
  Path db;

  @Option(names = "--runs", defaultValue = "5", description = "Measured runs per case")
  int runs;

  @Option(
      names = "--periods",
      defaultValue = "30d,365d",
      split = ",",
      description = "Periods to measure (default: ${DEFAULT-VALUE})")
  List<String> periods;

  @Override
  public Integer call() throws Exception {
    try (HeapWatch heap = new HeapWatch();
        App app = BenchDatabase.open(db, shape.get())) {
      printHeader(app.clock().instant());
      for (String period : periods) {
        for (String format : List.of("json", "csv")) {
          measure(app.exports(), heap, format, period);
        }
      }
    }
    return 0;
  }

  private void printHeader(Instant now) {
    System.out.printf(
        "history up to %s; max heap %d MiB; %d runs per case after one warm-up run%n",
        now, Runtime.getRuntime().maxMemory() >> 20, runs);
    System.out.printf(
        "%-5s %-6s %9s %9s %9s %12s %10s %14s %16s%n",
        "fmt",
        "period",
        "min s",
        "median s",
        "max s",
        "bytes",
        "MB/s",
        "peak heap MiB",
        "peak live MiB");
  }

  /** Runs one case {@code runs} times after a warm-up, and prints its line. */
  private void measure(ExportService exports, HeapWatch heap, String format, String period)
      throws IOException {
    ExportRequest request = ExportRequest.parse(format, period, null);
    exports.export(request, OutputStream.nullOutputStream()); // warm-up
    double[] seconds = new double[runs];
    long bytes = 0;
    long peak = 0;
    long live = 0;
    for (int i = 0; i < runs; i++) {
      System.gc();
      heap.reset();
      long t0 = System.nanoTime();
      ExportResult r = exports.export(request, OutputStream.nullOutputStream());
      seconds[i] = (System.nanoTime() - t0) / 1e9;
      heap.sample();
      bytes = r.bytes();
      peak = Math.max(peak, heap.peakUsed());
      live = Math.max(live, heap.peakLive());
    }
    printLine(format, period, seconds, bytes, peak, live);
  }

  private static void printLine(
      String format, String period, double[] seconds, long bytes, long peak, long live) {
    Arrays.sort(seconds);
    double median = seconds[seconds.length / 2];
    System.out.printf(
        "%-5s %-6s %9.3f %9.3f %9.3f %,12d %10.0f %14.1f %16.1f%n",
        format,
        period,
        seconds[0],
        median,
        seconds[seconds.length - 1],
        bytes,
        bytes / 1e6 / median,
        peak / 1048576.0,
        live / 1048576.0);
  }

  /**
   * Heap in use: sampled every 5 ms (garbage included), and after each collection (live data). The
   * latter comes from the collectors' notifications, so it is exact for every collection.
   */
  private static final class HeapWatch implements AutoCloseable {
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong live = new AtomicLong();
    private final List<Runnable> removals = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    HeapWatch() {
      Set<String> heapPools =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getType() == MemoryType.HEAP)
              .map(MemoryPoolMXBean::getName)
              .collect(Collectors.toSet());
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          listen(emitter, heapPools);
        }
      }
      sampler = new Thread(this::sampleEvery5ms, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    /** Keeps the largest heap in use after a collection, summed over the heap pools. */
    private void listen(NotificationEmitter emitter, Set<String> heapPools) {
      NotificationListener l =
          (n, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                n.getType())) {
              GarbageCollectionNotificationInfo info =
                  GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
              long after =
                  info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                      .filter(e -> heapPools.contains(e.getKey()))
                      .mapToLong(e -> e.getValue().getUsed())
                      .sum();
              live.accumulateAndGet(after, Math::max);
            }
          };
      emitter.addNotificationListener(l, null, null);
      removals.add(
          () -> {
            try {
              emitter.removeNotificationListener(l);
            } catch (Exception ignored) {
              // shutting down
            }
          });
    }

    private void sampleEvery5ms() {
      while (running) {
        sample();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void sample() {
      used.accumulateAndGet(
          ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
    }

    /** Starts a new measurement (call after a full collection). */
    void reset() {
      used.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      live.set(0);
    }

    long peakUsed() {
      return used.get();
    }

    long peakLive() {
      return live.get();
    }

    @Override
    public void close() {
      running = false;
      sampler.interrupt();
      removals.forEach(Runnable::run);
    }
  }
}
