package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.learner.LearnerSettings;
import io.learnlytics.rollup.CalendarRules;
import io.learnlytics.support.ApiException;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code learner add|list}: the learners of a database and their calendars. */
@Command(
    name = "learner",
    mixinStandardHelpOptions = true,
    description = "Add a learner or change their calendar; list learners.",
    subcommands = {LearnerCommand.Add.class, LearnerCommand.ListLearners.class})
final class LearnerCommand {

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Add a learner (with the default goals), or change the calendar of one without events."
              + " Unset settings follow the server's.")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "ID", description = LearnerSettings.ID_RULE)
    String id;

    // Named apart from --timezone, --day-start-hour and --week-start, which set the server's.
    @Option(
        names = "--learner-zone",
        paramLabel = "ZONE",
        description = "The learner's IANA zone, e.g. Europe/Berlin")
    @Nullable String zone;

    @Option(
        names = "--learner-day-start-hour",
        paramLabel = "HOUR",
        description = "Hour the learner's day starts, 0-23")
    @Nullable Integer dayStart;

    @Option(
        names = "--learner-week-start",
        paramLabel = "DAY",
        description = "First day of the learner's week: monday ... sunday")
    @Nullable String weekStart;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      LearnerSettings s;
      try {
        s =
            new LearnerSettings(
                id,
                zone == null ? null : LearnerSettings.zone(zone),
                dayStart,
                weekStart == null ? null : DayOfWeek.valueOf(weekStart.toUpperCase(Locale.ROOT)));
      } catch (RuntimeException e) { // a bad id, hour or zone name
        err.println("learnlytics learner add: " + e.getMessage());
        return 2;
      }
      try (App app = App.openChecked(options.toConfig())) {
        boolean created = app.putLearner(s);
        spec.commandLine()
            .getOut()
            .printf("%s learner %s%n", created ? "added" : "updated", describe(s, app.config()));
        return 0;
      } catch (ApiException e) {
        err.println("learnlytics learner add: " + e.getMessage());
        return 2;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the learners.")
  static final class ListLearners implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ConfigOptions options;

    @Override
    public Integer call() {
      try (App app = App.open(options.toConfig())) {
        for (LearnerSettings s : app.learners().all()) {
          spec.commandLine().getOut().println(describe(s, app.config()));
        }
        return 0;
      }
    }
  }

  /** {@code alice zone=Europe/Berlin day_start=4 week_start=monday}, the server's where unset. */
  static String describe(LearnerSettings s, Config c) {
    CalendarRules r = s.rules(new CalendarRules(c.zone(), c.dayStartHour(), c.weekStart()));
    return s.id()
        + " zone="
        + r.zone().getId()
        + " day_start="
        + r.dayStartHour()
        + " week_start="
        + r.weekStart().name().toLowerCase(Locale.ROOT);
  }
}
