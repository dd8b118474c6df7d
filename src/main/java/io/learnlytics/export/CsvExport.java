package io.learnlytics.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipOutputStream;

/**
 * Writes the CSV export: a ZIP streamed entry by entry, each CSV file (RFC 4180: comma-separated,
 * CRLF line ends, quotes where needed; UTF-8; a header row) hashed and counted as it is written,
 * then {@code manifest.json} listing every file's data rows, size and SHA-256. Cells are made
 * spreadsheet-safe by {@link CsvCells}.
 */
final class CsvExport {
  private final ExportScope scope;
  private final ExportSource source;
  private final ExportFacts facts;
  private final RollupRows rows;
  private final Buckets buckets;
  private final LearningDays days;

  CsvExport(ExportScope scope, ExportSource source, ExportFacts facts, RollupRows rows) {
    this.scope = scope;
    this.source = source;
    this.facts = facts;
    this.rows = rows;
    this.buckets = rows.buckets();
    this.days = new LearningDays(buckets);
  }

  ExportResult write(OutputStream out) throws IOException, SQLException {
    List<ExportSource.Query> streamed = new ArrayList<>();
    if (scope.includes("sessions")) {
      streamed.add(ExportSource.SESSIONS);
    }
    if (scope.includes("quality")) {
      streamed.add(ExportSource.QUALITY);
    }
    streamed.add(ExportSource.ACHIEVEMENTS);
    source.prefetch(streamed); // in the order the files stream them
    JsonExport.HashingStream sink = new JsonExport.HashingStream(out);
    ZipOutputStream zip = new ZipOutputStream(sink, StandardCharsets.UTF_8);
    zip.setLevel(Deflater.BEST_SPEED);
    ZipEntries entries = new ZipEntries(zip, scope.generatedUtc());
    readme(entries);
    summary(entries);
    if (scope.includes("sessions")) {
      sessions(entries);
    }
    daily(entries);
    if (scope.includes("quality")) {
      quality(entries);
    }
    if (scope.includes("topics")) {
      topics(entries);
    }
    goals(entries);
    achievements(entries);
    manifest(entries);
    zip.finish();
    zip.flush();
    String checksum = "sha256:" + HexFormat.of().formatHex(sink.digest.digest());
    return new ExportResult(
        scope.id(), "csv", scope.fileName(), sink.bytes, checksum, entries.counts());
  }

  private void summary(ZipEntries entries) throws IOException {
    try (ZipEntries.CsvFile f = entries.csv("summary.csv", "metric", "value")) {
      f.row("export_id", scope.id());
      f.row("generated_at", Times.utc(scope.generatedUtc()));
      f.row("period", scope.request().period());
      f.row("period_start", scope.all() ? null : ExportFacts.local(scope.fromUtc(), buckets));
      f.row("period_end", scope.all() ? null : ExportFacts.local(scope.toUtc(), buckets));
      f.row("timezone", scope.zone());
      f.row("include", String.join(",", scope.request().include()));
      flatten(f, "", facts.summary);
      if (scope.includes("feedback")) {
        flatten(f, "feedback.", facts.feedbackSummary);
      }
    }
  }

  /** One row per leaf of a JSON object, named by its dotted path, members in sorted order. */
  private static void flatten(ZipEntries.CsvFile f, String prefix, JsonNode n) throws IOException {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    for (String name : names) {
      JsonNode v = n.get(name);
      if (v.isObject()) {
        flatten(f, prefix + name + ".", v);
      } else {
        f.row(prefix + name, scalar(v));
      }
    }
  }

  private static Object scalar(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    return v.isTextual() ? v.textValue() : v.toString();
  }

  private void sessions(ZipEntries entries) throws IOException, SQLException {
    try (ZipEntries.CsvFile f =
        entries.csv(
            "sessions.csv",
            "session_id",
            "local_date",
            "start",
            "end",
            "duration_ms",
            "exchange_count",
            "topics")) {
      source.stream(
          ExportSource.SESSIONS,
          r -> {
            long start = r.longAt(ExportSource.S_START);
            int offset = r.intAt(ExportSource.S_OFFSET);
            long duration = r.longAt(ExportSource.S_DURATION);
            List<String> topics = new ArrayList<>();
            Json.MAPPER
                .readTree(r.string(ExportSource.S_TOPICS))
                .elements()
                .forEachRemaining(t -> topics.add(t.textValue()));
            f.row(
                r.string(ExportSource.S_ID),
                days.of(start),
                Times.iso(start, offset),
                Times.iso(start + duration, offset),
                duration,
                r.longAt(ExportSource.S_EXCHANGES),
                String.join("; ", topics));
          });
    }
  }

  private void daily(ZipEntries entries) throws IOException {
    try (ZipEntries.CsvFile f =
        entries.csv(
            "daily_metrics.csv",
            "date",
            "sessions",
            "exchanges",
            "unique_topics",
            "duration_ms",
            "avg_session_duration_ms",
            "median_session_duration_ms",
            "quality_scores",
            "avg_quality",
            "avg_relevance",
            "avg_helpfulness",
            "avg_accuracy",
            "avg_clarity",
            "avg_engagement",
            "quality_std_dev",
            "feedback",
            "positive_feedback",
            "negative_feedback",
            "positive_feedback_rate",
            "corrections",
            "clarifications",
            "avg_exchanges_per_session",
            "peak_hour",
            "top_topics",
            "quality_change",
            "volume_change",
            "trend_direction")) {
      IOException[] failure = {null};
      rows.daily(
          scope,
          facts.dailyBounds,
          r -> {
            if (failure[0] == null) {
              try {
                dailyRow(f, r);
              } catch (IOException e) {
                failure[0] = e;
              }
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
  }

  private void dailyRow(ZipEntries.CsvFile f, Rollup r) throws IOException {
    f.row(
        buckets.learningDate(r.periodStartUtc()).toString(),
        r.sessionCount(),
        r.exchangeCount(),
        r.uniqueTopics(),
        r.totalDurationMs(),
        r.avgSessionDurationMs(),
        r.medianSessionDurationMs(),
        r.qualityCount(),
        r.avgQualityComposite(),
        r.avgQualityRelevance(),
        r.avgQualityHelpfulness(),
        r.avgQualityAccuracy(),
        r.avgQualityClarity(),
        r.avgQualityEngagement(),
        r.qualityStdDev(),
        r.feedbackCount(),
        r.positiveFeedbackCount(),
        r.negativeFeedbackCount(),
        r.positiveFeedbackRate(),
        r.correctionCount(),
        r.clarificationCount(),
        r.avgExchangesPerSession(),
        r.peakHour(),
        String.join("; ", r.topTopics()),
        r.qualityChange(),
        r.volumeChange(),
        r.trendDirection());
  }

  private void quality(ZipEntries entries) throws IOException, SQLException {
    try (ZipEntries.CsvFile f =
        entries.csv(
            "quality_scores.csv",
            "id",
            "exchange_id",
            "timestamp",
            "local_date",
            "composite",
            "relevance",
            "helpfulness",
            "accuracy",
            "clarity",
            "engagement")) {
      source.stream(
          ExportSource.QUALITY,
          r -> {
            long ts = r.longAt(ExportSource.Q_TS);
            f.row(
                r.string(ExportSource.Q_ID),
                r.string(ExportSource.Q_EXCHANGE),
                Times.iso(ts, r.intAt(ExportSource.Q_OFFSET)),
                days.of(ts),
                r.real(5),
                r.real(0),
                r.real(1),
                r.real(2),
                r.real(3),
                r.real(4));
          });
    }
  }

  /** Topics by mentions (most first, then by name), with sessions and mean quality. */
  private void topics(ZipEntries entries) throws IOException {
    try (ZipEntries.CsvFile f =
        entries.csv("topics.csv", "topic", "mentions", "sessions", "avg_quality")) {
      List<Map.Entry<String, Long>> ranked = new ArrayList<>(facts.topicMentions.entrySet());
      ranked.sort(
          Map.Entry.<String, Long>comparingByValue()
              .reversed()
              .thenComparing(Map.Entry.comparingByKey()));
      for (Map.Entry<String, Long> e : ranked) {
        f.row(
            e.getKey(),
            e.getValue(),
            facts.topicSessions.getOrDefault(e.getKey(), 0L),
            facts.qualityByTopic.get(e.getKey()));
      }
    }
  }

  private void goals(ZipEntries entries) throws IOException {
    try (ZipEntries.CsvFile f =
        entries.csv(
            "goals.csv",
            "id",
            "name",
            "description",
            "goal_type",
            "frequency",
            "target_metric",
            "comparison",
            "topic",
            "target",
            "current",
            "progress_percent",
            "status",
            "period_start",
            "ends_at",
            "enabled")) {
      for (JsonNode g : facts.goals) {
        f.row(
            scalar(g.get("id")),
            scalar(g.get("name")),
            scalar(g.get("description")),
            scalar(g.get("goal_type")),
            scalar(g.get("frequency")),
            scalar(g.get("target_metric")),
            scalar(g.get("comparison")),
            scalar(g.path("filters").get("topic")),
            scalar(g.get("target")),
            scalar(g.get("current")),
            scalar(g.get("progress")),
            scalar(g.get("status")),
            scalar(g.get("period_start")),
            scalar(g.get("ends_at")),
            scalar(g.get("enabled")));
      }
    }
  }

  private void achievements(ZipEntries entries) throws IOException, SQLException {
    try (ZipEntries.CsvFile f =
        entries.csv(
            "achievements.csv",
            "id",
            "goal_id",
            "name",
            "description",
            "period",
            "period_start",
            "unlocked_at")) {
      source.stream(
          ExportSource.ACHIEVEMENTS,
          r -> {
            long periodStart = r.longAt(ExportSource.A_PERIOD_START);
            f.row(
                r.string(ExportSource.A_ID),
                r.string(ExportSource.A_GOAL),
                r.string(ExportSource.A_NAME),
                r.string(ExportSource.A_DESCRIPTION),
                r.string(ExportSource.A_PERIOD),
                periodStart == Long.MIN_VALUE ? null : Times.utc(periodStart),
                Times.utc(r.longAt(ExportSource.A_UNLOCKED)));
          });
    }
  }

  private void readme(ZipEntries entries) throws IOException {
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
    t.append(
        "\r\nText cells that begin with = + - @ or a tab or carriage return start with an\r\n");
    t.append(
        "apostrophe, so that spreadsheets do not run them as formulas. Numbers are plain.\r\n");
    t.append("\r\nVerify a file: sha256sum sessions.csv, and compare with manifest.json.\r\n");
    byte[] bytes = t.toString().getBytes(StandardCharsets.UTF_8);
    entries.text("README.txt", bytes);
  }

  private void manifest(ZipEntries entries) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (CanonicalWriter w = new CanonicalWriter(buf)) {
      w.beginObject();
      w.name("export_id").string(scope.id());
      w.name("files").beginArray();
      for (Map<String, Object> file : entries.files()) {
        w.map(file);
      }
      w.endArray();
      w.name("format").string("csv");
      w.name("generated_at").string(Times.utc(scope.generatedUtc()));
      w.name("include").beginArray();
      for (String s : scope.request().include()) {
        w.string(s);
      }
      w.endArray();
      w.name("period").string(scope.request().period());
      w.name("period_end").string(scope.all() ? null : ExportFacts.local(scope.toUtc(), buckets));
      w.name("period_start")
          .string(scope.all() ? null : ExportFacts.local(scope.fromUtc(), buckets));
      w.name("schema_version").number(JsonExport.SCHEMA_VERSION);
      w.name("timezone").string(scope.zone());
      w.endObject();
    }
    entries.unlisted("manifest.json", buf.toByteArray());
  }
}
