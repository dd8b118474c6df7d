package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.api.WebServer;
import io.learnlytics.demo.BenchShape;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-load}: serves a generated history on a loopback port with its background jobs
 * running, as {@code serve} does, and puts it under closed-loop load over real HTTP, phase by
 * phase: ingest alone; cached reads (one dashboard URL) alone and with continuous ingest; uncached
 * reads (every parameter combination in turn) alone and with continuous ingest. Each phase reports
 * errors (any non-2xx or I/O error), P50/P99/max latency and throughput; ingest under reads is also
 * given as a share of its solo throughput. Exits 1 when any request failed.
 */
@Command(
    name = "bench-load",
    mixinStandardHelpOptions = true,
    description = "Benchmark: concurrent clients on cached and uncached endpoints, with ingest.")
final class BenchLoadCommand implements Callable<Integer> {
  @Mixin ShapeOption shape;

  @Option(names = "--clients", defaultValue = "50", description = "Concurrent read clients")
  int clients;

  @Option(names = "--seconds", defaultValue = "30", description = "Length of each phase")
  int seconds;

  @Option(
      names = "--exchanges",
      defaultValue = "100000",
      description = "Exchanges of the generated history when --db is not given")
  long exchanges;

  @Option(
      names = "--db",
      paramLabel = "FILE",
      description = "A bench-ingest database of --shape (default: a generated temp one)")
  Path db;

  @Option(
      names = "--batch",
      defaultValue = "50",
      description = "Exchanges per ingest batch (each with a quality score)")
  int batch;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the table (Markdown)")
  Path out;

  @Spec CommandSpec spec;

  /** The measured phases of the last run, for the test. */
  final List<LoadRun.Result> results = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    BenchShape history = shape.get();
    Path file = db != null ? db : Files.createTempDirectory("learnlytics-load").resolve("load.db");
    try {
      if (db == null) {
        LoadDatabase.create(file, history, exchanges);
      }
      measure(file, history);
    } finally {
      if (db == null) {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
          Files.deleteIfExists(Path.of(file + suffix));
        }
      }
    }
    return report(history);
  }

  private void measure(Path file, BenchShape history) throws Exception {
    try (App app = BenchDatabase.open(file, history).startBackground();
        WebServer server = new WebServer(app, Duration.ZERO).start()) {
      LoadRun run = new LoadRun("http://127.0.0.1:" + server.port(), app.cache());
      LoadBatches batches = new LoadBatches(app.clock().instant(), batch);
      List<String> uncached = LoadUrls.uncached();
      // JIT warm-up of every path, not reported.
      run.run("warm-up", uncached, clients, batches, Math.max(1, seconds / 5));
      results.add(run.run("ingest alone", List.of(), clients, batches, seconds));
      results.add(run.run("cached reads", LoadUrls.CACHED, clients, null, seconds));
      results.add(run.run("cached reads + ingest", LoadUrls.CACHED, clients, batches, seconds));
      results.add(run.run("uncached reads", uncached, clients, null, seconds));
      results.add(run.run("uncached reads + ingest", uncached, clients, batches, seconds));
    }
  }

  private int report(BenchShape history) throws Exception {
    String title =
        String.format(
            "bench-load --shape %s: %d read clients, %d s a phase, ingest batches of %d events,"
                + " %d cores, %s",
            history.id(),
            clients,
            seconds,
            batch * 2,
            Runtime.getRuntime().availableProcessors(),
            Instant.now());
    String table = LoadReport.markdown(title, results);
    String errors = LoadReport.errors(results);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(table + errors);
    stdout.flush();
    if (out != null) {
      Files.writeString(out, table + errors, StandardCharsets.UTF_8);
    }
    return errors.isEmpty() ? 0 : 1;
  }
}
