package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.Workspace;
import io.learnlytics.ingest.Erased;
import io.learnlytics.support.ApiException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forget}: deletes events — one by id, or all before a learning day — and refreshes the
 * rollups they were part of. A running server picks the change up at its next refresh.
 */
@Command(
    name = "forget",
    mixinStandardHelpOptions = true,
    description =
        "Delete events (an exchange takes its feedback and quality scores with it) and refresh"
            + " the rollups.")
final class ForgetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigOptions options;

  @Mixin LearnerOption learner;

  @ArgGroup(multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--id", paramLabel = "ID", description = "Delete the event with this id")
    String id;

    @Option(
        names = "--before",
        paramLabel = "DATE",
        description = "Delete every event before this learning day (YYYY-MM-DD, learner's zone)")
    String before;
  }

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "With --id: exchange, feedback, quality or relation (when the id is ambiguous)")
  String kind;

  @Override
  public Integer call() {
    try (App app = App.openChecked(options.toConfig())) {
      Workspace ws = learner.of(app);
      Erased e;
      if (target.id != null) {
        e = ws.ingest().forget(target.id, kind);
      } else {
        e = ws.ingest().forgetBefore(ws.rollups().buckets().dayStart(date(target.before)));
      }
      int refreshed = ws.rollups().refreshDirty();
      spec.commandLine()
          .getOut()
          .printf(
              "deleted %d exchanges, %d feedback, %d quality scores, %d relations; %d rollup rows"
                  + " refreshed%n",
              e.exchanges(), e.feedback(), e.quality(), e.relations(), refreshed);
      return 0;
    } catch (ApiException e) {
      spec.commandLine().getErr().println("learnlytics forget: " + e.getMessage());
      return e.status() == 404 ? 1 : 2;
    }
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.InvalidInput.of(
          "before", "'" + text + "' is not a date such as 2025-01-31");
    }
  }
}
