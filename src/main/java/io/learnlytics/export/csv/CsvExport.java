package io.learnlytics.export.csv;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.export.json.CanonicalWriter;
import io.learnlytics.export.json.HashingStream;
import io.learnlytics.export.json.JsonExport;
import io.learnlytics.export.source.ExportFacts;
import io.learnlytics.export.source.ExportResult;
import io.learnlytics.export.source.ExportScope;
import io.learnlytics.export.source.LearningDays;
import io.learnlytics.export.source.PackedRow;
import io.learnlytics.export.source.Prefetcher;
import io.learnlytics.export.source.Queries.QualityScores;
import io.learnlytics.export.source.Queries.Sessions;
import io.learnlytics.export.source.Query;
import io.learnlytics.export.source.RollupRows;
import io.learnlytics.export.source.Times;
import io.learnlytics.goal.StoredAchievement;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes the CSV export: a ZIP streamed entry by entry, each CSV file (RFC 4180: comma-separated,
 * CRLF line ends, quotes where needed; UTF-8; a header row) hashed and counted as it is written,
 * then {@code manifest.json} listing every file's data rows, size and SHA-256. Cells are made
 * spreadsheet-safe by {@link CsvCells}.
 */
public final class CsvExport {
  /** {@code daily_metrics.csv} after its date column: the daily rollup row. */
  private static final List<Column<Rollup>> DAILY_COLUMNS =
      List.of(
          new Column<>("sessions", r -> r.activity().sessions()),
          new Column<>("exchanges", r -> r.activity().exchanges()),
          new Column<>("unique_topics", r -> r.topics().unique()),
          new Column<>("duration_ms", r -> r.activity().durationMs()),
          new Column<>("avg_session_duration_ms", r -> r.activity().avgSessionDurationMs()),
          new Column<>("median_session_duration_ms", r -> r.activity().medianSessionDurationMs()),
          new Column<>("quality_scores", r -> r.quality().count()),
          new Column<>("avg_quality", r -> r.quality().composite()),
          new Column<>("avg_relevance", r -> r.quality().relevance()),
          new Column<>("avg_helpfulness", r -> r.quality().helpfulness()),
          new Column<>("avg_accuracy", r -> r.quality().accuracy()),
          new Column<>("avg_clarity", r -> r.quality().clarity()),
          new Column<>("avg_engagement", r -> r.quality().engagement()),
          new Column<>("quality_std_dev", r -> r.quality().stdDev()),
          new Column<>("feedback", r -> r.feedback().count()),
          new Column<>("positive_feedback", r -> r.feedback().positive()),
          new Column<>("negative_feedback", r -> r.feedback().negative()),
          new Column<>("positive_feedback_rate", r -> r.feedback().positiveRate()),
          new Column<>("corrections", r -> r.feedback().corrections()),
          new Column<>("clarifications", r -> r.feedback().clarifications()),
          new Column<>("avg_exchanges_per_session", r -> r.activity().exchangesPerSession()),
          new Column<>("peak_hour", r -> r.activity().peakHour()),
          new Column<>("top_topics", r -> String.join("; ", r.topics().top())),
          new Column<>("quality_change", r -> r.trend().qualityChange()),
          new Column<>("volume_change", r -> r.trend().volumeChange()),
          new Column<>("trend_direction", r -> r.trend().direction()));

  /** {@code goals.csv}: a goal as the goals API shows it, with its progress. */
  private static final List<Column<JsonNode>> GOAL_COLUMNS =
      List.of(
          goalField("id"),
          goalField("name"),
          goalField("description"),
          goalField("goal_type"),
          goalField("frequency"),
          goalField("target_metric"),
          goalField("comparison"),
          new Column<>("topic", g -> scalar(g.path("filters").get("topic"))),
          goalField("target"),
          goalField("current"),
          new Column<>("progress_percent", g -> scalar(g.get("progress"))),
          goalField("status"),
          goalField("period_start"),
          goalField("ends_at"),
          goalField("enabled"));

  private static final List<Column<StoredAchievement>> ACHIEVEMENT_COLUMNS =
      List.of(
          new Column<>("id", StoredAchievement::id),
          new Column<>("goal_id", StoredAchievement::goalId),
          new Column<>("name", StoredAchievement::name),
          new Column<>("description", StoredAchievement::description),
          new Column<>("period", StoredAchievement::period),
          new Column<>("period_start", CsvExport::achievementPeriodStart),
          new Column<>("unlocked_at", a -> Times.utc(a.unlockedUtc())));

  private final ExportScope scope;
  private final Prefetcher source;
  private final ExportFacts facts;
  private final RollupRows rollups;
  private final Buckets buckets;
  private final LearningDays days;

  public CsvExport(ExportScope scope, Prefetcher source, ExportFacts facts, RollupRows rollups) {
    this.scope = scope;
    this.source = source;
    this.facts = facts;
    this.rollups = rollups;
    this.buckets = rollups.buckets();
    this.days = new LearningDays(buckets);
  }

  public ExportResult write(OutputStream out) throws IOException, SQLException {
    source.prefetch(streamedQueries());
    HashingStream sink = new HashingStream(out);
    ZipOutputStream zip = new ZipOutputStream(sink, StandardCharsets.UTF_8);
    zip.setLevel(Deflater.BEST_SPEED);
    ZipEntries entries = new ZipEntries(zip, scope.generatedUtc());
    writeFiles(entries);
    manifest(entries);
    zip.finish();
    zip.flush();
    return new ExportResult(
        scope.id(), "csv", scope.fileName(), sink.bytes(), sink.checksum(), entries.counts());
  }

  /** The streamed queries, in the order the files stream them. */
  private List<Query> streamedQueries() {
    List<Query> queries = new ArrayList<>();
    if (scope.includes("sessions")) {
      queries.add(Sessions.QUERY);
    }
    if (scope.includes("quality")) {
      queries.add(QualityScores.QUERY);
    }
    return queries;
  }

  private void writeFiles(ZipEntries entries) throws IOException, SQLException {
    entries.text("README.txt", Readme.of(scope));
    summary(entries);
    if (scope.includes("sessions")) {
      sessions(entries);
    }
    daily(entries);
    if (scope.includes("quality")) {
      streamed(entries, "quality_scores.csv", QualityScores.QUERY, qualityColumns());
    }
    if (scope.includes("topics")) {
      topics(entries);
    }
    goals(entries);
    listed(entries, "achievements.csv", facts.achievements(), ACHIEVEMENT_COLUMNS);
  }

  private void summary(ZipEntries entries) throws IOException {
    try (ZipEntries.CsvFile f = entries.csv("summary.csv", "metric", "value")) {
      f.row("export_id", scope.id());
      f.row("generated_at", Times.utc(scope.generatedUtc()));
      f.row("period", scope.request().period());
      f.row("period_start", scope.periodStart(buckets));
      f.row("period_end", scope.periodEnd(buckets));
      f.row("timezone", scope.zone());
      f.row("include", String.join(",", scope.request().include()));
      flatten(f, "", facts.summary());
      if (scope.includes("feedback")) {
        flatten(f, "feedback.", facts.feedbackSummary());
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

  private static @Nullable Object scalar(@Nullable JsonNode v) {
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
      source.stream(Sessions.QUERY, r -> session(f, r));
    }
  }

  private void session(ZipEntries.CsvFile f, PackedRow r) throws IOException {
    long start = r.longAt(Sessions.START);
    int offset = r.intAt(Sessions.OFFSET);
    long duration = r.longAt(Sessions.DURATION);
    List<String> topics = new ArrayList<>();
    Json.MAPPER
        .readTree(r.string(Sessions.TOPICS))
        .elements()
        .forEachRemaining(t -> topics.add(t.textValue()));
    f.row(
        r.string(Sessions.ID),
        days.of(start),
        Times.iso(start, offset),
        Times.iso(start + duration, offset),
        duration,
        r.longAt(Sessions.EXCHANGES),
        String.join("; ", topics));
  }

  private void daily(ZipEntries entries) throws IOException {
    List<Column<Rollup>> columns = new ArrayList<>();
    columns.add(new Column<>("date", r -> buckets.learningDate(r.periodStartUtc()).toString()));
    columns.addAll(DAILY_COLUMNS);
    try (ZipEntries.CsvFile f = entries.csv("daily_metrics.csv", Column.headers(columns))) {
      rollups.daily(facts.dailySpan(), r -> f.row(Column.values(columns, r)));
    }
  }

  /** Topics by mentions (most first, then by name), with sessions and mean quality. */
  private void topics(ZipEntries entries) throws IOException {
    try (ZipEntries.CsvFile f =
        entries.csv("topics.csv", "topic", "mentions", "sessions", "avg_quality")) {
      List<Map.Entry<String, Long>> ranked = new ArrayList<>(facts.topicMentions().entrySet());
      ranked.sort(
          Map.Entry.<String, Long>comparingByValue()
              .reversed()
              .thenComparing(Map.Entry.comparingByKey()));
      for (Map.Entry<String, Long> e : ranked) {
        f.row(
            e.getKey(),
            e.getValue(),
            facts.topicSessions().getOrDefault(e.getKey(), 0L),
            facts.qualityByTopic().get(e.getKey()));
      }
    }
  }

  private void goals(ZipEntries entries) throws IOException {
    listed(entries, "goals.csv", facts.goals(), GOAL_COLUMNS);
  }

  /** A CSV file of the rows of a list. */
  private static <T> void listed(
      ZipEntries entries, String name, List<? extends T> rows, List<Column<T>> columns)
      throws IOException {
    try (ZipEntries.CsvFile f = entries.csv(name, Column.headers(columns))) {
      for (T row : rows) {
        f.row(Column.values(columns, row));
      }
    }
  }

  /** A CSV file of the rows of a streamed query. */
  private void streamed(
      ZipEntries entries, String name, Query query, List<Column<PackedRow>> columns)
      throws IOException, SQLException {
    try (ZipEntries.CsvFile f = entries.csv(name, Column.headers(columns))) {
      source.stream(query, r -> f.row(Column.values(columns, r)));
    }
  }

  private List<Column<PackedRow>> qualityColumns() {
    return List.of(
        new Column<>("id", r -> r.string(QualityScores.ID)),
        new Column<>("exchange_id", r -> r.string(QualityScores.EXCHANGE)),
        new Column<>(
            "timestamp", r -> Times.iso(r.longAt(QualityScores.TS), r.intAt(QualityScores.OFFSET))),
        new Column<>("local_date", r -> days.of(r.longAt(QualityScores.TS))),
        new Column<>("composite", r -> r.real(QualityScores.COMPOSITE)),
        new Column<>("relevance", r -> r.real(QualityScores.RELEVANCE)),
        new Column<>("helpfulness", r -> r.real(QualityScores.HELPFULNESS)),
        new Column<>("accuracy", r -> r.real(QualityScores.ACCURACY)),
        new Column<>("clarity", r -> r.real(QualityScores.CLARITY)),
        new Column<>("engagement", r -> r.real(QualityScores.ENGAGEMENT)));
  }

  /** {@code manifest.json}: the export's identity and period, and each file's rows and hash. */
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
      manifestPeriod(w);
      w.endObject();
    }
    entries.unlisted("manifest.json", buf.toByteArray());
  }

  /** {@code include} to {@code timezone}. */
  private void manifestPeriod(CanonicalWriter w) throws IOException {
    w.name("include").beginArray();
    for (String s : scope.request().include()) {
      w.string(s);
    }
    w.endArray();
    w.name("period").string(scope.request().period());
    w.name("period_end").string(scope.periodEnd(buckets));
    w.name("period_start").string(scope.periodStart(buckets));
    w.name("schema_version").number(JsonExport.SCHEMA_VERSION);
    w.name("timezone").string(scope.zone());
  }

  private static Column<JsonNode> goalField(String name) {
    return new Column<>(name, g -> scalar(g.get(name)));
  }

  /** One-time goals have no period: written as empty. */
  private static @Nullable String achievementPeriodStart(StoredAchievement a) {
    return a.hasPeriod() ? Times.utc(a.periodStartUtc()) : null;
  }
}
