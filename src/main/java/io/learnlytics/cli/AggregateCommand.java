package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.config.ConfigException;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aggregate}: refreshes dirty rollups, or rebuilds every rollup of a range of days. */
@Command(
    name = "aggregate",
    mixinStandardHelpOptions = true,
    description = "Refresh dirty rollups; with --rebuild, recompute all rollups of a range.")
final class AggregateCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Option(names = "--rebuild", description = "Recompute every rollup instead of only dirty ones")
  boolean rebuild;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "First learning day to rebuild (YYYY-MM-DD; default: first day with data)")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "Last learning day to rebuild (YYYY-MM-DD; default: last day with data)")
  LocalDate to;

  @Override
  public Integer call() {
    if (!rebuild && (from != null || to != null)) {
      throw new ConfigException("--from and --to go with --rebuild");
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new ConfigException("--to " + to + " is before --from " + from);
    }
    try (App app = App.open(options.toConfig())) {
      long t0 = System.nanoTime();
      int rows = rebuild ? app.rollups().rebuild(from, to) : app.rollups().refreshDirty();
      System.out.printf(
          "%s: %d rollup rows written in %d ms (zone %s)%n",
          rebuild ? "rebuild" : "refresh",
          rows,
          (System.nanoTime() - t0) / 1_000_000,
          app.config().zone());
    }
    return 0;
  }
}
