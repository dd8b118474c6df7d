package io.learnlytics.cli;

import java.util.List;
import java.util.Locale;

/** The load run's results as a Markdown table, one row per phase. */
final class LoadReport {
  private LoadReport() {}

  static String markdown(String title, List<LoadRun.Result> results) {
    StringBuilder sb = new StringBuilder(title).append("\n\n");
    sb.append("| phase | reads/s | read P50 / P99 / max ms | read errors | cache misses |")
        .append(" ingest events/s | batch P50 / P99 / max ms | ingest errors | ingest vs solo |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double solo = soloIngest(results);
    for (LoadRun.Result r : results) {
      boolean reads = r.reads().requests() + r.reads().errors() > 0;
      boolean ingest = r.ingest().requests() + r.ingest().errors() > 0;
      sb.append("| ").append(r.phase()).append(" | ");
      sb.append(reads ? f("%,.0f", r.readsPerSecond()) : "").append(" | ");
      sb.append(reads ? latencies(r.reads()) : "").append(" | ");
      sb.append(reads ? Long.toString(r.reads().errors()) : "").append(" | ");
      sb.append(reads ? f("%.0f %%", 100 * r.missRatio()) : "").append(" | ");
      sb.append(ingest ? f("%,.0f", r.eventsPerSecond()) : "").append(" | ");
      sb.append(ingest ? latencies(r.ingest()) : "").append(" | ");
      sb.append(ingest ? Long.toString(r.ingest().errors()) : "").append(" | ");
      sb.append(ingest && solo > 0 ? f("%.0f %%", 100 * r.eventsPerSecond() / solo) : "");
      sb.append(" |\n");
    }
    return sb.toString();
  }

  /** Ingest throughput of the first phase without readers, 0 when there is none. */
  static double soloIngest(List<LoadRun.Result> results) {
    for (LoadRun.Result r : results) {
      if (r.reads().requests() == 0 && r.ingest().requests() > 0) {
        return r.eventsPerSecond();
      }
    }
    return 0;
  }

  /** Every error message worth showing (the first of each phase's readers and ingest). */
  static String errors(List<LoadRun.Result> results) {
    StringBuilder sb = new StringBuilder();
    for (LoadRun.Result r : results) {
      for (LoadStats s : List.of(r.reads(), r.ingest())) {
        if (s.errors() > 0) {
          sb.append(r.phase()).append(": ").append(s.errors()).append(" errors, first: ");
          sb.append(s.firstError()).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static String latencies(LoadStats s) {
    return f("%.1f / %.1f / %.0f", s.millis(0.50), s.millis(0.99), s.millis(1.0));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
