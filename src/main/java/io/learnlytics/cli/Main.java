package io.learnlytics.cli;

import io.learnlytics.config.ConfigException;
import io.learnlytics.config.Version;
import io.learnlytics.store.BackupException;
import io.learnlytics.store.UnusableDatabaseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code learnlytics}: the command line entry point. */
@Command(
    name = "learnlytics",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Self-hosted learning analytics: ingest, rollups, dashboard API, exports.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      IngestCommand.class,
      AggregateCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      VerifyCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      ForgetCommand.class,
      TokenCommand.class,
      SyncCommand.class,
      BenchIngestCommand.class,
      BenchRollupCommand.class,
      BenchApiCommand.class,
      BenchExportCommand.class,
      BenchSyncCommand.class,
      BenchGraphCommand.class,
      BenchLoadCommand.class,
      LearnerCommand.class,
      BenchLearnersCommand.class,
      BenchAnomaliesCommand.class,
      MigrateCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ConfigException
              || e instanceof UnusableDatabaseException
              || e instanceof BackupException) {
            cmd.getErr().println("learnlytics: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"learnlytics " + Version.get()};
    }
  }
}
