package io.learnlytics.cli;

import com.fasterxml.jackson.databind.SequenceWriter;
import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.demo.DemoGenerator;
import io.learnlytics.demo.DemoOptions;
import io.learnlytics.ingest.BatchLoader;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code demo}: generates a seeded, realistic learning history into the database or a file. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Generate a realistic learning history (same seed, same data).")
final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
  private static final int BATCH = 5_000;

  @Mixin ConfigOptions options;

  @Option(names = "--days", defaultValue = "180", description = "Days of history (default 180)")
  int days;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default 42)")
  long seed;

  @Option(
      names = "--exchanges-per-day",
      defaultValue = "25",
      description = "Mean exchanges per calendar day (default 25)")
  double exchangesPerDay;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write NDJSON events to this file instead of the database")
  Path out;

  @Override
  public Integer call() throws IOException {
    Config config = options.toConfig();
    LocalDate today = LocalDate.now(config.zone());
    DemoOptions demo = new DemoOptions(seed, days, today, config.zone(), exchangesPerDay);
    if (out != null) {
      long n = writeNdjson(new DemoGenerator(demo), out);
      System.out.printf("wrote %d events to %s%n", n, out);
      return 0;
    }
    try (App app = App.open(config)) {
      BatchLoader loaded = load(app.ingest(), demo);
      int rows = app.rollups().refreshDirty();
      System.out.printf(
          "loaded %d events into %s: %d new, %d already present, %d conflicts; %d rollup rows"
              + " refreshed%n",
          loaded.sent(),
          app.db().location(),
          loaded.accepted(),
          loaded.duplicates(),
          loaded.conflicts(),
          rows);
    }
    return 0;
  }

  /** Loads the default demo history ending today; used by {@code serve --demo}. */
  static void loadDefaultDemo(IngestService ingest, Config config) {
    long t0 = System.nanoTime();
    DemoOptions demo = DemoOptions.defaults(config.zone(), LocalDate.now(config.zone()));
    BatchLoader loaded = load(ingest, demo);
    LOG.info(
        "loaded demo history: {} events over {} days in {} ms",
        loaded.accepted(),
        demo.days(),
        (System.nanoTime() - t0) / 1_000_000);
  }

  private static BatchLoader load(IngestService ingest, DemoOptions demo) {
    try (BatchLoader loader = new BatchLoader(ingest, BATCH)) {
      new DemoGenerator(demo).generate(loader::add);
      loader.flush();
      return loader;
    }
  }

  private static long writeNdjson(DemoGenerator generator, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    long[] count = {0};
    try (OutputStream os = Files.newOutputStream(file);
        SequenceWriter w = Json.MAPPER.writer().withRootValueSeparator("\n").writeValues(os)) {
      generator.generate(
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
}
