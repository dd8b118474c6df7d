package io.learnlytics.cli;

import io.learnlytics.insight.AnomalyBench;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-anomalies}: precision, recall and false alarms of the anomaly detector and of the
 * specification's mean ± 2σ rule on the same generated series with planted anomalies (see {@link
 * AnomalyBench}), as a Markdown table.
 */
@Command(
    name = "bench-anomalies",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark: precision/recall of the anomaly detector and the spec's mean ± 2σ rule on"
            + " generated series with planted anomalies.")
final class BenchAnomaliesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--series",
      defaultValue = "2000",
      description = "Series per shape and size (default: ${DEFAULT-VALUE})")
  int series;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: 1)")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (series < 1) {
      spec.commandLine().getErr().println("--series must be at least 1");
      return 2;
    }
    long t0 = System.nanoTime();
    List<AnomalyBench.Row> rows = AnomalyBench.run(series, seed);
    double seconds = (System.nanoTime() - t0) / 1e9;
    out.printf(
        Locale.ROOT,
        "%d series per shape and size, seed %d, %d scored days each, %.1f s%n%n",
        series,
        seed,
        AnomalyBench.SCORED_DAYS,
        seconds);
    out.println("| shape | planted | detector | precision | recall | false alarms / 100 days |");
    out.println("|---|---|---|---:|---:|---:|");
    for (AnomalyBench.Row r : rows) {
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %.3f | %.3f | %.2f |%n",
          r.shape(),
          r.size(),
          r.detector(),
          r.precision(),
          r.recall(),
          r.falseAlarmsPer100Days());
    }
    out.flush();
    return 0;
  }
}
