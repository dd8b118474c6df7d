package io.learnlytics.cli;

import io.learnlytics.config.Config;
import io.learnlytics.config.ConfigException;
import io.learnlytics.store.Database;
import io.learnlytics.store.DbLocation;
import io.learnlytics.store.ServerLock;
import io.learnlytics.store.StoreCopy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code migrate --from FILE --to postgresql://…}: moves an install from its SQLite file to a new
 * PostgreSQL database, and proves the move by the export checksum, which must be the same on both.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description =
        "Copy a SQLite database into a new, empty PostgreSQL database, then compare the export"
            + " checksums of both (exit 1 if they differ). The server must be stopped.")
final class MigrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Option(names = "--from", required = true, paramLabel = "FILE", description = "SQLite file")
  Path from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "URL",
      description = "postgresql://user@host:port/name (password from PGPASSWORD)")
  String to;

  @Override
  @SuppressWarnings("try") // the two locks are held for the copy, not used
  public Integer call() {
    Config config = options.toConfig();
    if (!Files.isRegularFile(from)) {
      throw new ConfigException("--from: no SQLite database at " + from.toAbsolutePath());
    }
    DbLocation target = DbLocation.parse(to);
    if (!(target instanceof DbLocation.Postgres)) {
      throw new ConfigException("--to must be a postgresql:// URL, got " + to);
    }
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Long> rows;
    try (ServerLock source = ServerLock.acquire(DbLocation.file(from));
        ServerLock dest = ServerLock.acquire(target);
        Database a = Database.open(from);
        Database b = Database.open(target, Database.DEFAULT_LOCK_TIMEOUT, false)) {
      long t0 = System.nanoTime();
      rows = StoreCopy.copy(a, b);
      out.printf("copied %s to %s in %.1f s%n", from, target, (System.nanoTime() - t0) / 1e9);
    }
    rows.forEach((table, n) -> out.printf("  %-20s %,d rows%n", table, n));
    String before = ExportChecksum.of(config, DbLocation.file(from));
    String after = ExportChecksum.of(config, target);
    out.printf("export checksum of %s: %s%n", from, before);
    out.printf("export checksum of %s: %s%n", target, after);
    if (!before.equals(after)) {
      spec.commandLine()
          .getErr()
          .println("the checksums differ: the copy is not the same data; do not use it");
      return 1;
    }
    out.println("checksums match: start the server with --db " + target);
    return 0;
  }
}
