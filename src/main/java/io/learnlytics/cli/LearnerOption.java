package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.Workspace;
import io.learnlytics.config.ConfigException;
import picocli.CommandLine.Option;

/** {@code --learner ID}: whose data a command reads or writes; the default learner's if absent. */
final class LearnerOption {
  @Option(
      names = "--learner",
      paramLabel = "ID",
      defaultValue = "default",
      description = "The learner whose data this is (default: ${DEFAULT-VALUE})")
  String id;

  /** The learner's services; an unknown learner stops the command with the remedy. */
  Workspace of(App app) {
    return app.workspace(id)
        .orElseThrow(
            () -> new ConfigException("no learner '" + id + "'; add one with: learner add " + id));
  }
}
