package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.export.Export;
import io.learnlytics.export.source.ExportRequest;
import io.learnlytics.export.source.ExportResult;
import io.learnlytics.support.ApiException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export}: writes the same export as {@code GET /api/analytics/export} (or, with {@code
 * --learner}, {@code GET /api/learners/{id}/analytics/export}) to a file. The file appears only
 * when the export is complete (it is written beside it and then moved into place).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export analytics: a JSON document with a verifiable checksum, or a ZIP of CSV files.")
final class ExportCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ExportCommand.class);

  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Mixin LearnerOption learner;

  @Option(
      names = "--format",
      defaultValue = ExportRequest.DEFAULT_FORMAT,
      description = "json or csv (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--period",
      defaultValue = ExportRequest.DEFAULT_PERIOD,
      description = "7d, 30d, 90d, 365d or all (default: ${DEFAULT-VALUE})")
  String period;

  @Option(
      names = "--include",
      paramLabel = "SECTIONS",
      description =
          "Comma-separated subset of sessions,quality,feedback,topics (default: all of them)")
  String include;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "File to write (default: learnlytics-export-<period>-<date>.json or .zip, here)")
  Path out;

  @Override
  public Integer call() throws IOException {
    ExportRequest request;
    try {
      request = ExportRequest.parse(format, period, include);
    } catch (ApiException e) {
      spec.commandLine().getErr().println("learnlytics export: " + e.getMessage());
      return 2;
    }
    Config config = options.toConfig();
    try (App app = App.open(config);
        Export export = learner.of(app).exports().start(request)) {
      Path target = (out != null ? out : Path.of(export.fileName())).toAbsolutePath();
      Files.createDirectories(target.getParent());
      ExportResult result = write(export, target);
      if (result == null) {
        return 1;
      }
      print(target, result);
    }
    return 0;
  }

  /**
   * Writes the export beside {@code target} and moves it there once complete; null, with nothing
   * left behind, when it failed.
   */
  private @Nullable ExportResult write(Export export, Path target) throws IOException {
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    ExportResult result;
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
      result = export.writeTo(file);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      LOG.error("export {} failed", export.id(), e);
      spec.commandLine()
          .getErr()
          .println(
              "learnlytics export: failed ("
                  + e
                  + "); nothing was written. The log above has the details.");
      return null;
    }
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    return result;
  }

  private void print(Path target, ExportResult result) {
    spec.commandLine()
        .getOut()
        .printf(
            "%s: %,d bytes, %s%nexport id %s%n",
            target, result.bytes(), result.checksum(), result.id());
    for (Map.Entry<String, Long> e : result.rowCounts().entrySet()) {
      spec.commandLine().getOut().printf("  %-20s %,d rows%n", e.getKey(), e.getValue());
    }
  }
}
