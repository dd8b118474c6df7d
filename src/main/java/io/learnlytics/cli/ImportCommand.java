package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.Workspace;
import io.learnlytics.config.Config;
import io.learnlytics.export.ExportImporter;
import io.learnlytics.export.ExportImporter.ImportResult;
import io.learnlytics.support.ApiException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import}: loads a JSON export (from {@code export} or the API) into the database, as the
 * data of the {@code --learner} (the default learner's if absent). Its checksum is verified first;
 * its events go through the same validation and atomic batches as {@code ingest}; its goals and
 * achievements are restored. Importing a file twice is harmless.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Import a JSON export: verify its checksum, re-ingest its events, restore goals and"
            + " achievements (safe to repeat).")
final class ImportCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Mixin LearnerOption learner;

  @Parameters(paramLabel = "FILE", description = "A JSON export")
  Path file;

  @Option(names = "--no-verify", description = "Import even if the checksum does not match")
  boolean noVerify;

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
      ImportResult r =
          new ExportImporter(ws.ingest(), ws.goals(), ws.rollups())
              .importFile(file, !noVerify, batchSize);
      System.out.printf(
          "%s: export %s%s%n%d events, %d new, %d already present, %d conflicts;"
              + " %d goals and %d achievements restored%n",
          file,
          r.exportId(),
          r.checksum() == null ? " (checksum not verified)" : ", checksum verified",
          r.events(),
          r.accepted(),
          r.duplicates(),
          r.conflicts(),
          r.goalsRestored(),
          r.achievementsRestored());
      return 0;
    } catch (ApiException e) {
      printRefusal(e);
      return 1;
    }
  }

  private void printRefusal(ApiException e) {
    System.err.printf("%s: %s%n", file, e.getMessage());
    for (ApiException.FieldError d : e.details()) {
      if (d.index() != null) {
        System.err.printf("  event %d, %s: %s%n", d.index(), d.field(), d.message());
      }
    }
  }
}
