package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.config.ConfigException;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.DirtyRefresher;
import io.learnlytics.rollup.LearnerCalendars;
import io.learnlytics.rollup.RollupEngine;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code aggregate}: refreshes dirty rollups, or rebuilds every rollup of a range of days, for
 * every learner — with {@code --rebuild}, every learner listed in {@code learners}, each in their
 * own calendar (a date range means each learner's own learning days).
 */
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
      Buckets server = app.rollups().buckets();
      Map<String, Buckets> learners = LearnerCalendars.all(app.db(), server);
      List<String> ids =
          rebuild ? List.copyOf(learners.keySet()) : DirtyRefresher.learnersWithMarks(app.db());
      int rows = 0;
      for (String id : ids) {
        RollupEngine engine =
            new RollupEngine(
                app.db().forLearner(id),
                learners.getOrDefault(id, server),
                app.clock(),
                app.rollups().metrics(),
                app.config().retention());
        rows += rebuild ? engine.rebuild(from, to) : engine.refreshDirty();
      }
      System.out.printf(
          "%s: %d rollup rows written in %d ms (zone %s, %d learners)%n",
          rebuild ? "rebuild" : "refresh",
          rows,
          (System.nanoTime() - t0) / 1_000_000,
          app.config().zone(),
          ids.size());
    }
    return 0;
  }
}
