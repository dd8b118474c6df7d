package io.learnlytics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.learnlytics.App;
import io.learnlytics.Workspace;
import io.learnlytics.config.Config;
import io.learnlytics.ingest.BatchLoader;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.support.ApiException;
import io.learnlytics.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ingest}: loads files of events (a JSON object, a JSON array, or NDJSON) through the same
 * validation as the HTTP API, streaming them in atomic batches so files of any size fit in memory.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Ingest events from JSON or NDJSON files (re-running a file is safe: ids are"
            + " idempotent).")
final class IngestCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Mixin LearnerOption learner;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON or NDJSON event files")
  List<Path> files;

  @Option(
      names = "--batch-size",
      defaultValue = "5000",
      description = "Events per atomic batch (default ${DEFAULT-VALUE}, max 50000)")
  int batchSize;

  @Override
  public Integer call() throws IOException {
    Config config = options.toConfig();
    try (App app = App.openChecked(config)) {
      Workspace ws = learner.of(app);
      for (Path file : files) {
        if (!ingestFile(ws.ingest(), file)) {
          return 1;
        }
      }
      System.out.printf("%d rollup rows refreshed%n", ws.rollups().refreshDirty());
    }
    return 0;
  }

  private boolean ingestFile(IngestService ingest, Path file) throws IOException {
    BatchLoader loader = new BatchLoader(ingest, batchSize);
    try (InputStream in = Files.newInputStream(file);
        MappingIterator<JsonNode> events = Json.MAPPER.readerFor(JsonNode.class).readValues(in)) {
      while (events.hasNextValue()) {
        loader.add(events.nextValue());
      }
      loader.flush();
    } catch (ApiException e) {
      System.err.printf(
          "%s: the batch starting at event %d was rejected (events before it are stored): %s%n",
          file, loader.sent(), e.getMessage());
      for (ApiException.FieldError d : e.details()) {
        System.err.printf(
            "  event %d, %s: %s%n",
            d.index() == null ? loader.sent() : loader.sent() + d.index(), d.field(), d.message());
      }
      return false;
    }
    System.out.printf(
        "%s: %d events, %d new, %d already present, %d conflicts%n",
        file, loader.sent(), loader.accepted(), loader.duplicates(), loader.conflicts());
    return true;
  }
}
