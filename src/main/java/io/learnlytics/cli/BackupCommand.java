package io.learnlytics.cli;

import io.learnlytics.config.Config;
import io.learnlytics.store.Backup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backup --out FILE}: a verified copy of the database, also while the server runs. */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description =
        "Copy the database to FILE (SQLite's online backup: safe while the server serves and"
            + " ingests), verify the copy and print its counts and export checksum.")
final class BackupCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Backup file to write; must not exist yet")
  Path out;

  @Override
  public Integer call() {
    Config config = options.toConfig();
    Backup.Result r =
        Backup.run(SqliteOnly.file(config, "backup"), out, copy -> ExportChecksum.of(config, copy));
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "backup %s: %,d bytes, schema version %d, integrity ok%n",
        r.file(), r.bytes(), r.schemaVersion());
    w.printf(
        "copied in %.2f s, verified in %.2f s%n",
        r.copyTime().toMillis() / 1000.0, r.checkTime().toMillis() / 1000.0);
    printCounts(w, r.counts());
    w.println("export checksum " + r.fingerprint());
    return 0;
  }

  static void printCounts(PrintWriter w, Map<String, Long> counts) {
    counts.forEach((table, n) -> w.printf("  %-20s %,d rows%n", table, n));
  }
}
