package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.config.ConfigException;
import io.learnlytics.sync.SyncService;
import io.learnlytics.sync.SyncService.TableReport;
import io.learnlytics.sync.VoiceAgentSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sync}: one pass over the voice learning assistant's databases (read-only), from where the
 * last pass stopped; then the rollups are refreshed. Safe to repeat and to interrupt.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description =
        "Read the voice learning assistant's databases (read-only), from where the last sync"
            + " stopped.")
final class SyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(names = "--captures", paramLabel = "FILE", description = "learning_captures.db")
  Path captures;

  @Option(names = "--feedback", paramLabel = "FILE", description = "feedback.db")
  Path feedback;

  @Option(names = "--analytics", paramLabel = "FILE", description = "learning_analytics.db")
  Path analytics;

  @Option(
      names = "--source-dir",
      paramLabel = "DIR",
      description = "The assistant's data folder holding all three files")
  Path dir;

  @Option(
      names = "--rescan",
      description = "Read every row again (reports rows edited in the source since their sync)")
  boolean rescan;

  @Override
  public Integer call() {
    VoiceAgentSource source = source();
    try (App app = App.openChecked(options.toConfig())) {
      List<TableReport> reports =
          new SyncService(source, app.ingest(), app.db(), app.clock()).pass(rescan);
      PrintWriter out = spec.commandLine().getOut();
      for (TableReport r : reports) {
        print(out, r);
      }
      out.printf("%d rollup rows refreshed%n", app.rollups().refreshDirty());
      return 0;
    }
  }

  private VoiceAgentSource source() {
    if (dir != null) {
      return VoiceAgentSource.folder(dir);
    }
    if (captures != null) {
      return VoiceAgentSource.files(captures, feedback, analytics);
    }
    throw new ConfigException(
        "sync needs --captures FILE (and optionally --feedback, --analytics) or --source-dir DIR");
  }

  private static void print(PrintWriter out, TableReport r) {
    out.printf(
        "%-18s %-22s %,9d rows read, %,9d new events, %,7d already synced, %,5d edited,"
            + " %,5d skipped, %,5d without metadata, %,5d late; watermark %,d (%,d behind)%n",
        r.table(),
        r.status(),
        r.rowsRead(),
        r.eventsAccepted(),
        r.duplicates(),
        r.edits(),
        r.skipped(),
        r.metadataDropped(),
        r.late(),
        r.watermark(),
        r.lagRows());
  }
}
