package io.learnlytics.export.csv;

import io.learnlytics.export.source.ExportScope;
import io.learnlytics.export.source.Times;
import java.nio.charset.StandardCharsets;

/** {@code README.txt} of the CSV export: what was exported, and what each file holds. */
final class Readme {
  private Readme() {}

  static byte[] of(ExportScope scope) {
    StringBuilder t = new StringBuilder();
    t.append("Learnlytics export\r\n\r\n");
    t.append("export id:    ").append(scope.id()).append("\r\n");
    t.append("generated at: ").append(Times.utc(scope.generatedUtc())).append("\r\n");
    t.append("period:       ").append(scope.request().period());
    if (!scope.all()) {
      t.append(" (learning days ")
          .append(scope.firstDay())
          .append(" to ")
          .append(scope.today())
          .append(")");
    }
    t.append("\r\n");
    t.append("time zone:    ").append(scope.zone()).append("\r\n");
    t.append("sections:     ").append(String.join(", ", scope.request().include())).append("\r\n");
    files(t, scope);
    notes(t);
    return t.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void files(StringBuilder t, ExportScope scope) {
    t.append("\r\nFiles (UTF-8, RFC 4180 CSV with a header row):\r\n");
    t.append("  summary.csv        metric,value pairs: totals, averages, streaks, feedback\r\n");
    if (scope.includes("sessions")) {
      t.append("  sessions.csv       one row per session started in the period\r\n");
    }
    t.append("  daily_metrics.csv  one row per learning day (from the daily rollups)\r\n");
    if (scope.includes("quality")) {
      t.append("  quality_scores.csv one row per quality score\r\n");
    }
    if (scope.includes("topics")) {
      t.append("  topics.csv         one row per topic: mentions, sessions, mean quality\r\n");
    }
    t.append("  goals.csv          one row per goal with its progress in the current period\r\n");
    t.append("  achievements.csv   achievements unlocked in the period\r\n");
    t.append("  manifest.json      each file's data rows (header excluded), bytes and SHA-256\r\n");
  }

  private static void notes(StringBuilder t) {
    t.append(
        "\r\nText cells that begin with = + - @ or a tab or carriage return start with an\r\n");
    t.append(
        "apostrophe, so that spreadsheets do not run them as formulas. Numbers are plain.\r\n");
    t.append("\r\nVerify a file: sha256sum sessions.csv, and compare with manifest.json.\r\n");
  }
}
