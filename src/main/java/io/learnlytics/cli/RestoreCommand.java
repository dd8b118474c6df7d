package io.learnlytics.cli;

import io.learnlytics.config.Config;
import io.learnlytics.store.Restore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code restore --from FILE}: replaces the database with a verified backup. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description =
        "Replace the database with a backup, once the backup is verified; the old database is"
            + " kept as <db>.before-restore-<time>. The server must be stopped.")
final class RestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "FILE",
      description = "Backup file written by 'backup --out FILE'")
  Path from;

  @Override
  public Integer call() {
    Config config = options.toConfig();
    Restore.Result r =
        Restore.run(
            SqliteOnly.file(config, "restore"),
            from,
            copy -> ExportChecksum.of(config, copy),
            Clock.systemUTC());
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "restored %s from %s (schema version %d, integrity ok)%n",
        r.db(), from.toAbsolutePath().normalize(), r.backupSchemaVersion());
    w.println(
        r.before() == null
            ? "there was no database before"
            : "the previous database is kept as " + r.before() + " (delete it when satisfied)");
    BackupCommand.printCounts(w, r.counts());
    w.println("export checksum " + r.fingerprint());
    return 0;
  }
}
