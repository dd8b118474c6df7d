package io.learnlytics.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.learnlytics.App;
import io.learnlytics.demo.BenchShape;
import io.learnlytics.ingest.IngestResult;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.store.Counts;
import io.learnlytics.support.Json;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench-ingest}: generates a long history and pushes it through the batch ingest path into a
 * fresh database, as {@code --clients} concurrent clients would: one thread generates and
 * serialises NDJSON batches, the clients each take a batch and call the same {@link IngestService}
 * as {@code POST /api/events} (parse → validate → one write transaction). Reports events per second
 * and the peak heap in use; run it with {@code -Xmx512m} to prove the heap bound.
 */
@Command(
    name = "bench-ingest",
    mixinStandardHelpOptions = true,
    description = "Benchmark: ingest a generated history of N exchanges into a fresh database.")
final class BenchIngestCommand implements Callable<Integer> {
  private static final byte[] END = new byte[0];

  @Option(names = "--exchanges", defaultValue = "1000000", description = "Exchanges to generate")
  long exchanges;

  @Mixin ShapeOption shape;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Only write the history as NDJSON to FILE (to time 'ingest FILE' on its own), do not"
              + " ingest")
  Path out;

  @Option(names = "--batch-size", defaultValue = "10000", description = "Events per batch")
  int batchSize;

  @Option(
      names = "--clients",
      defaultValue = "2",
      description = "Concurrent ingest clients (default ${DEFAULT-VALUE}, one per core here)")
  int clients;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "Database file to create (default: a new temp file, deleted afterwards)")
  Path db;

  @Override
  public Integer call() throws Exception {
    BenchShape history = shape.get();
    if (out != null) {
      long n = writeNdjson(history, out);
      System.out.printf("wrote %,d events (%s) to %s%n", n, history.id(), out);
      return 0;
    }
    Path file =
        db != null ? db : Files.createTempDirectory("learnlytics-bench").resolve("bench.db");
    if (Files.exists(file)) {
      System.err.println("bench-ingest needs a fresh database; " + file + " exists");
      return 1;
    }
    try {
      measure(history, file);
    } finally {
      if (db == null) {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
          Files.deleteIfExists(Path.of(file + suffix));
        }
      }
    }
    return 0;
  }

  private void measure(BenchShape history, Path file) throws Exception {
    HeapSampler heap = HeapSampler.start();
    try (App app = App.open(BenchDatabase.config(file, history))) {
      long t0 = System.nanoTime();
      long[] totals = run(history, app.ingest());
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%s: ingested %,d events (%,d accepted) in batches of %,d with %d clients:"
              + " %.1f s = %,.0f events/s%n",
          history.id(), totals[0], totals[1], batchSize, clients, seconds, totals[0] / seconds);
      System.out.printf("rows: %s%n", Counts.of(app.db()));
      System.out.printf(
          "peak heap used: %,d MiB (max heap %,d MiB), database file %,d MiB%n",
          heap.stop() >> 20, Runtime.getRuntime().maxMemory() >> 20, Files.size(file) >> 20);
    }
  }

  /** Returns {events sent, events accepted}. */
  private long[] run(BenchShape history, IngestService ingest) throws Exception {
    BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(clients * 2);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong sent = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    List<Future<?>> workers = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      workers.add(pool.submit(() -> ingestUntilEnd(queue, ingest, sent, accepted)));
    }
    try {
      produce(history, queue);
      for (int i = 0; i < clients; i++) {
        queue.put(END);
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new long[] {sent.get(), accepted.get()};
  }

  /** One client: ingests the queued batches until it takes {@code END}. */
  private static Void ingestUntilEnd(
      BlockingQueue<byte[]> queue, IngestService ingest, AtomicLong sent, AtomicLong accepted)
      throws InterruptedException {
    for (byte[] batch = queue.take(); batch != END; batch = queue.take()) {
      IngestResult r = ingest.ingest(batch, true);
      accepted.addAndGet(r.accepted());
      sent.addAndGet(r.accepted() + r.duplicates() + r.conflicts().size());
    }
    return null;
  }

  private void produce(BenchShape history, BlockingQueue<byte[]> queue)
      throws InterruptedException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 22);
    int[] pending = {0};
    history.generate(
        exchanges,
        e -> {
          try {
            Json.MAPPER.writeValue(buffer, e);
            buffer.write('\n');
            if (++pending[0] == batchSize) {
              queue.put(buffer.toByteArray());
              buffer.reset();
              pending[0] = 0;
            }
          } catch (IOException ex) {
            throw new UncheckedIOException(ex);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
          }
        });
    if (pending[0] > 0) {
      queue.put(buffer.toByteArray());
    }
  }

  private long writeNdjson(BenchShape history, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    long[] count = {0};
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        SequenceWriter w = Json.MAPPER.writer().withRootValueSeparator("\n").writeValues(os)) {
      history.generate(
          exchanges,
          e -> {
            try {
              w.write(e);
              count[0]++;
            } catch (IOException ex) {
              throw new UncheckedIOException(ex);
            }
          });
    }
    return count[0];
  }

  /** Polls the heap every 20 ms on a daemon thread and keeps the highest value seen. */
  private static final class HeapSampler implements Runnable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread = new Thread(this, "heap-sampler");
    private volatile boolean running = true;

    static HeapSampler start() {
      HeapSampler s = new HeapSampler();
      s.thread.setDaemon(true);
      s.thread.start();
      return s;
    }

    @Override
    public void run() {
      while (running) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long stop() throws InterruptedException {
      running = false;
      thread.join();
      return peak.get();
    }
  }
}
