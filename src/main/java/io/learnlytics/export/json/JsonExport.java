package io.learnlytics.export.json;

import io.learnlytics.export.source.ExportFacts;
import io.learnlytics.export.source.ExportResult;
import io.learnlytics.export.source.ExportScope;
import io.learnlytics.export.source.PackedRow;
import io.learnlytics.export.source.Prefetcher;
import io.learnlytics.export.source.Queries.Exchanges;
import io.learnlytics.export.source.Queries.Feedback;
import io.learnlytics.export.source.Queries.QualityScores;
import io.learnlytics.export.source.Queries.Relations;
import io.learnlytics.export.source.Queries.Sessions;
import io.learnlytics.export.source.Query;
import io.learnlytics.export.source.RollupRows;
import io.learnlytics.export.source.Times;
import io.learnlytics.goal.StoredAchievement;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Rollup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes the JSON export in one pass. The document is written in JCS canonical form (members sorted
 * at every level, no whitespace), so the bytes streamed to the client are exactly the bytes the
 * checksum covers; the SHA-256 is updated block by block as they go out. Only the closing brace is
 * held back: the served document ends with {@code ,"checksum":"sha256:…"}} instead of {@code }}.
 * Anyone can verify it by removing the {@code checksum} member, canonicalizing with any JCS
 * implementation and hashing (docs/export.md).
 *
 * <p>The members are written in JCS order, so the steps of {@link #write} follow the alphabet;
 * {@code row_counts} comes after the sections it counts, except {@code sessions}, whose count is
 * known in advance.
 */
public final class JsonExport {
  public static final int SCHEMA_VERSION = 1;

  private final ExportScope scope;
  private final Prefetcher source;
  private final ExportFacts facts;
  private final RollupRows rollups;
  private final Buckets buckets;
  private final JsonRows rows;
  private final TreeMap<String, Long> counts = new TreeMap<>();

  public JsonExport(ExportScope scope, Prefetcher source, ExportFacts facts, RollupRows rollups) {
    this.scope = scope;
    this.source = source;
    this.facts = facts;
    this.rollups = rollups;
    this.buckets = rollups.buckets();
    this.rows = new JsonRows(buckets);
  }

  public ExportResult write(OutputStream out) throws IOException, SQLException {
    source.prefetch(streamedQueries());
    HashingStream sink = new HashingStream(out);
    CanonicalWriter w = new CanonicalWriter(sink);
    w.beginObject();
    writeAchievementsAndDays(w);
    writeEvents(w);
    writeIdentity(w);
    writePeriod(w);
    writeQuality(w);
    writeCounts(w);
    writeSessions(w);
    writeSummaries(w);
    w.flush();
    return finish(sink, out);
  }

  /** The streamed queries, in the order the document streams them. */
  private List<Query> streamedQueries() {
    List<Query> queries = new ArrayList<>();
    addIf(queries, "sessions", Exchanges.QUERY);
    addIf(queries, "feedback", Feedback.QUERY);
    addIf(queries, "topics", Relations.QUERY);
    addIf(queries, "quality", QualityScores.QUERY);
    addIf(queries, "sessions", Sessions.QUERY);
    return queries;
  }

  private void addIf(List<Query> queries, String section, Query query) {
    if (scope.includes(section)) {
      queries.add(query);
    }
  }

  /** {@code achievements}, {@code daily_summaries}. */
  private void writeAchievementsAndDays(CanonicalWriter w) throws IOException, SQLException {
    w.name("achievements").beginArray();
    for (StoredAchievement a : facts.achievements()) {
      rows.achievement(w, a);
    }
    w.endArray();
    counts.put("achievements", (long) facts.achievements().size());
    w.name("daily_summaries").beginArray();
    long[] n = {0};
    rollups.daily(
        facts.dailySpan(),
        r -> {
          w.tree(SummaryNode.of(r, buckets));
          n[0]++;
        });
    w.endArray();
    counts.put("daily_summaries", n[0]);
  }

  /** {@code events}: exchanges, feedback and relations, when any of their sections is asked. */
  private void writeEvents(CanonicalWriter w) throws IOException, SQLException {
    if (!scope.includes("sessions") && !scope.includes("feedback") && !scope.includes("topics")) {
      return;
    }
    w.name("events").beginObject();
    countedIf(w, "sessions", "exchanges", Exchanges.QUERY, rows::exchange);
    countedIf(w, "feedback", "feedback", Feedback.QUERY, rows::feedback);
    countedIf(w, "topics", "relations", Relations.QUERY, rows::relation);
    w.endObject();
  }

  /** {@code export_id} to {@code goal_progress}. */
  private void writeIdentity(CanonicalWriter w) throws IOException {
    w.name("export_id").string(scope.id());
    if (scope.includes("feedback")) {
      w.name("feedback_summary").tree(facts.feedbackSummary());
    }
    w.name("format").string("json");
    w.name("generated_at").string(Times.utc(scope.generatedUtc()));
    w.name("goal_progress").tree(facts.goalsNode());
    counts.put("goal_progress", (long) facts.goals().size());
  }

  /** {@code include} to {@code period_start}. */
  private void writePeriod(CanonicalWriter w) throws IOException {
    w.name("include").beginArray();
    for (String s : scope.request().include()) {
      w.string(s);
    }
    w.endArray();
    if (scope.includes("topics")) {
      w.name("knowledge_graph_stats").tree(facts.knowledgeGraph());
    }
    w.name("period").string(scope.request().period());
    w.name("period_end").string(scope.periodEnd(buckets));
    w.name("period_start").string(scope.periodStart(buckets));
  }

  /** {@code quality_by_topic}, {@code quality_scores}. */
  private void writeQuality(CanonicalWriter w) throws IOException, SQLException {
    if (scope.includes("quality")) {
      w.name("quality_by_topic").tree(facts.qualityByTopicNode());
      counts.put("quality_scores", array(w, "quality_scores", QualityScores.QUERY, rows::quality));
    }
  }

  /** {@code row_counts}, {@code schema_version}. */
  private void writeCounts(CanonicalWriter w) throws IOException {
    if (scope.includes("sessions")) {
      counts.put("sessions", facts.sessionCount());
    }
    counts.put("weekly_summaries", (long) facts.weekly().size());
    w.name("row_counts").map(counts);
    w.name("schema_version").number(SCHEMA_VERSION);
  }

  /** {@code sessions}, as many as counted before. */
  private void writeSessions(CanonicalWriter w) throws IOException, SQLException {
    if (scope.includes("sessions")
        && array(w, "sessions", Sessions.QUERY, rows::session) != facts.sessionCount()) {
      throw new IllegalStateException("sessions changed inside one read snapshot");
    }
  }

  /** {@code summary} to {@code weekly_summaries}, the last member. */
  private void writeSummaries(CanonicalWriter w) throws IOException {
    w.name("summary").tree(facts.summary());
    w.name("timezone").string(scope.zone());
    if (scope.includes("topics")) {
      w.name("topic_distribution").tree(facts.topicDistribution());
    }
    w.name("weekly_summaries").beginArray();
    for (Rollup r : facts.weekly()) {
      w.tree(SummaryNode.of(r, buckets));
    }
    w.endArray();
  }

  /** When {@code section} is asked: member {@code name}, counted under its name. */
  private void countedIf(
      CanonicalWriter w, String section, String name, Query query, JsonRows.Writer row)
      throws IOException, SQLException {
    if (scope.includes(section)) {
      counts.put(name, array(w, name, query, row));
    }
  }

  /** Member {@code name}: the array of the rows of {@code query}; returns how many. */
  private long array(CanonicalWriter w, String name, Query query, JsonRows.Writer row)
      throws IOException, SQLException {
    w.name(name).beginArray();
    PackedRow.Handler each = r -> row.write(w, r);
    long n = source.stream(query, each);
    w.endArray();
    return n;
  }

  /** The canonical document ends with "}"; the served one puts the checksum member before it. */
  private ExportResult finish(HashingStream sink, OutputStream out) throws IOException {
    sink.hashOnly((byte) '}');
    String checksum = sink.checksum();
    byte[] tail = (",\"checksum\":\"" + checksum + "\"}").getBytes(StandardCharsets.UTF_8);
    out.write(tail);
    out.flush();
    return new ExportResult(
        scope.id(), "json", scope.fileName(), sink.bytes() + tail.length, checksum, counts);
  }
}
