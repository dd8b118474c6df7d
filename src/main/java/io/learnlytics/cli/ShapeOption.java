package io.learnlytics.cli;

import io.learnlytics.config.ConfigException;
import io.learnlytics.demo.BenchShape;
import picocli.CommandLine.Option;

/** {@code --shape}: which generated history a benchmark runs on (see {@link BenchShape}). */
final class ShapeOption {
  @Option(
      names = "--shape",
      defaultValue = "long-sessions",
      description =
          "History shape: long-sessions, short-sessions, many-topics or new-york (default"
              + " ${DEFAULT-VALUE}); use the shape the database was made with")
  String shape;

  BenchShape get() {
    try {
      return BenchShape.of(shape);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }
}
