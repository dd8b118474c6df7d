package io.learnlytics.export;

import io.learnlytics.rollup.Rollup;
import io.learnlytics.support.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the JSON export in one pass. The document is written in JCS canonical form (members sorted
 * at every level, no whitespace), so the bytes streamed to the client are exactly the bytes the
 * checksum covers; the SHA-256 is updated block by block as they go out. Only the closing brace is
 * held back: the served document ends with {@code ,"checksum":"sha256:…"}} instead of {@code }}.
 * Anyone can verify it by removing the {@code checksum} member, canonicalizing with any JCS
 * implementation and hashing (docs/export.md).
 */
final class JsonExport {
  static final int SCHEMA_VERSION = 1;

  /** Small caches of parsed topic lists and metadata, which repeat a lot; bounded in size. */
  private static final int CACHE_LIMIT = 4096;

  private final ExportScope scope;
  private final ExportSource source;
  private final ExportFacts facts;
  private final RollupRows rows;
  private final Map<ByteBuffer, byte[]> canonicalCache = new HashMap<>();
  private final TreeMap<String, Long> counts = new TreeMap<>();
  private final LearningDays days;

  JsonExport(ExportScope scope, ExportSource source, ExportFacts facts, RollupRows rows) {
    this.scope = scope;
    this.source = source;
    this.facts = facts;
    this.rows = rows;
    this.days = new LearningDays(rows.buckets());
  }

  ExportResult write(OutputStream out) throws IOException, SQLException {
    List<ExportSource.Query> streamed = new ArrayList<>(List.of(ExportSource.ACHIEVEMENTS));
    if (scope.includes("sessions")) {
      streamed.add(ExportSource.EXCHANGES);
    }
    if (scope.includes("feedback")) {
      streamed.add(ExportSource.FEEDBACK);
    }
    if (scope.includes("topics")) {
      streamed.add(ExportSource.RELATIONS);
    }
    if (scope.includes("quality")) {
      streamed.add(ExportSource.QUALITY);
    }
    if (scope.includes("sessions")) {
      streamed.add(ExportSource.SESSIONS);
    }
    source.prefetch(streamed); // in the order the document streams them
    HashingStream sink = new HashingStream(out);
    CanonicalWriter w = new CanonicalWriter(sink);
    w.beginObject();
    w.name("achievements");
    counts.put("achievements", achievements(w));
    w.name("daily_summaries");
    counts.put("daily_summaries", daily(w));
    if (scope.includes("sessions") || scope.includes("feedback") || scope.includes("topics")) {
      w.name("events").beginObject();
      if (scope.includes("sessions")) {
        w.name("exchanges").beginArray();
        counts.put("exchanges", source.stream(ExportSource.EXCHANGES, r -> exchange(w, r)));
        w.endArray();
      }
      if (scope.includes("feedback")) {
        w.name("feedback").beginArray();
        counts.put("feedback", source.stream(ExportSource.FEEDBACK, r -> feedback(w, r)));
        w.endArray();
      }
      if (scope.includes("topics")) {
        w.name("relations").beginArray();
        counts.put("relations", source.stream(ExportSource.RELATIONS, r -> relation(w, r)));
        w.endArray();
      }
      w.endObject();
    }
    w.name("export_id").string(scope.id());
    if (scope.includes("feedback")) {
      w.name("feedback_summary").tree(facts.feedbackSummary);
    }
    w.name("format").string("json");
    w.name("generated_at").string(Times.utc(scope.generatedUtc()));
    w.name("goal_progress").tree(facts.goalsNode());
    counts.put("goal_progress", (long) facts.goals.size());
    w.name("include").beginArray();
    for (String s : scope.request().include()) {
      w.string(s);
    }
    w.endArray();
    if (scope.includes("topics")) {
      w.name("knowledge_graph_stats").tree(facts.knowledgeGraph);
    }
    w.name("period").string(scope.request().period());
    w.name("period_end")
        .string(scope.all() ? null : ExportFacts.local(scope.toUtc(), rows.buckets()));
    w.name("period_start")
        .string(scope.all() ? null : ExportFacts.local(scope.fromUtc(), rows.buckets()));
    if (scope.includes("quality")) {
      w.name("quality_by_topic").tree(facts.qualityByTopicNode());
      w.name("quality_scores").beginArray();
      counts.put("quality_scores", source.stream(ExportSource.QUALITY, r -> quality(w, r)));
      w.endArray();
    }
    if (scope.includes("sessions")) {
      counts.put("sessions", facts.sessionCount);
    }
    counts.put("weekly_summaries", (long) facts.weekly.size());
    w.name("row_counts").map(counts);
    w.name("schema_version").number(SCHEMA_VERSION);
    if (scope.includes("sessions")) {
      w.name("sessions").beginArray();
      long n = source.stream(ExportSource.SESSIONS, r -> session(w, r));
      if (n != facts.sessionCount) {
        throw new IllegalStateException("sessions changed inside one read snapshot");
      }
      w.endArray();
    }
    w.name("summary").tree(facts.summary);
    w.name("timezone").string(scope.zone());
    if (scope.includes("topics")) {
      w.name("topic_distribution").tree(facts.topicDistribution());
    }
    w.name("weekly_summaries").beginArray();
    for (Rollup r : facts.weekly) {
      w.tree(rows.node(r));
    }
    w.endArray();
    w.flush();
    // The canonical document ends with "}"; the served one puts the checksum member before it.
    sink.digest.update((byte) '}');
    String checksum = "sha256:" + HexFormat.of().formatHex(sink.digest.digest());
    byte[] tail = (",\"checksum\":\"" + checksum + "\"}").getBytes(StandardCharsets.UTF_8);
    out.write(tail);
    out.flush();
    return new ExportResult(
        scope.id(), "json", scope.fileName(), sink.bytes + tail.length, checksum, counts);
  }

  private long achievements(CanonicalWriter w) throws IOException, SQLException {
    w.beginArray();
    long n =
        source.stream(
            ExportSource.ACHIEVEMENTS,
            r -> {
              long periodStart = r.longAt(ExportSource.A_PERIOD_START);
              w.beginObject();
              w.name("description").string(r, ExportSource.A_DESCRIPTION);
              w.name("goal_id").string(r, ExportSource.A_GOAL);
              w.name("icon").string(r, ExportSource.A_ICON);
              w.name("id").string(r, ExportSource.A_ID);
              w.name("name").string(r, ExportSource.A_NAME);
              w.name("period").string(r, ExportSource.A_PERIOD);
              // One-time goals have no period: stored as the smallest instant, written as null.
              if (periodStart == Long.MIN_VALUE) {
                w.name("period_start").nul();
              } else {
                w.name("period_start").timestamp(periodStart, 0);
              }
              w.name("unlocked_at").timestamp(r.longAt(ExportSource.A_UNLOCKED), 0);
              w.endObject();
            });
    w.endArray();
    return n;
  }

  private long daily(CanonicalWriter w) throws IOException {
    w.beginArray();
    long[] n = {0};
    IOException[] failure = {null};
    rows.daily(
        scope,
        facts.dailyBounds,
        r -> {
          if (failure[0] != null) {
            return;
          }
          try {
            w.tree(rows.node(r));
            n[0]++;
          } catch (IOException e) {
            failure[0] = e;
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    w.endArray();
    return n[0];
  }

  /** An exchange in the ingest format (DESIGN.md §4); absent optional fields are left out. */
  private void exchange(CanonicalWriter w, PackedRow r) throws IOException {
    w.beginObject();
    if (!r.isNull(ExportSource.X_AGENT)) {
      w.name("agent_text").string(r, ExportSource.X_AGENT);
    }
    w.name("duration_ms").number(r.longAt(ExportSource.X_DURATION));
    w.name("id").string(r, ExportSource.X_ID);
    w.name("kind").string("exchange");
    if (!r.isNull(ExportSource.X_METADATA)) {
      w.name("metadata").canonical(canonical(r, ExportSource.X_METADATA));
    }
    w.name("session_id").string(r, ExportSource.X_SESSION);
    w.name("timestamp").timestamp(r.longAt(ExportSource.X_TS), r.intAt(ExportSource.X_OFFSET));
    w.name("topics").canonical(canonical(r, ExportSource.X_TOPICS));
    if (!r.isNull(ExportSource.X_USER)) {
      w.name("user_text").string(r, ExportSource.X_USER);
    }
    w.endObject();
  }

  private void feedback(CanonicalWriter w, PackedRow r) throws IOException {
    w.beginObject();
    if (!r.isNull(ExportSource.F_COMMENT)) {
      w.name("comment").string(r, ExportSource.F_COMMENT);
    }
    w.name("exchange_id").string(r, ExportSource.F_EXCHANGE);
    w.name("id").string(r, ExportSource.F_ID);
    w.name("kind").string("feedback");
    if (!r.isNull(ExportSource.F_RATING)) {
      w.name("rating").number(r.longAt(ExportSource.F_RATING));
    }
    w.name("timestamp").timestamp(r.longAt(ExportSource.F_TS), r.intAt(ExportSource.F_OFFSET));
    w.name("type").string(r, ExportSource.F_TYPE);
    w.endObject();
  }

  /** A quality score in the ingest format, always with its (resolved) timestamp. */
  private void quality(CanonicalWriter w, PackedRow r) throws IOException {
    w.beginObject();
    optional(w, r, "accuracy", 2);
    optional(w, r, "clarity", 3);
    w.name("composite").number(r.real(5));
    optional(w, r, "engagement", 4);
    w.name("exchange_id").string(r, ExportSource.Q_EXCHANGE);
    optional(w, r, "helpfulness", 1);
    w.name("id").string(r, ExportSource.Q_ID);
    w.name("kind").string("quality");
    optional(w, r, "relevance", 0);
    w.name("timestamp").timestamp(r.longAt(ExportSource.Q_TS), r.intAt(ExportSource.Q_OFFSET));
    w.endObject();
  }

  /** The i-th REAL of a quality row ({@link ExportSource#Q_REALS}), when not null. */
  private static void optional(CanonicalWriter w, PackedRow r, String name, int i)
      throws IOException {
    Double v = r.real(i);
    if (v != null) {
      w.name(name).number(v.doubleValue());
    }
  }

  private void relation(CanonicalWriter w, PackedRow r) throws IOException {
    w.beginObject();
    w.name("id").string(r, ExportSource.R_ID);
    w.name("kind").string("relation");
    w.name("source").string(r, ExportSource.R_SOURCE);
    Double strength = r.real(0);
    if (strength != null) {
      w.name("strength").number(strength.doubleValue());
    }
    w.name("target").string(r, ExportSource.R_TARGET);
    if (!r.isNull(ExportSource.R_TS)) {
      w.name("timestamp").timestamp(r.longAt(ExportSource.R_TS), r.intAt(ExportSource.R_OFFSET));
    }
    w.name("type").string(r, ExportSource.R_TYPE);
    w.endObject();
  }

  /**
   * A session derived from its exchanges: start and end in the offset of its first exchange, its
   * learning date in the learner's zone, and the topics any of its exchanges mention.
   */
  private void session(CanonicalWriter w, PackedRow r) throws IOException {
    long start = r.longAt(ExportSource.S_START);
    int offset = r.intAt(ExportSource.S_OFFSET);
    long duration = r.longAt(ExportSource.S_DURATION);
    w.beginObject();
    w.name("duration_ms").number(duration);
    w.name("end").timestamp(start + duration, offset);
    w.name("exchange_count").number(r.longAt(ExportSource.S_EXCHANGES));
    w.name("local_date").string(days.of(start));
    w.name("session_id").string(r, ExportSource.S_ID);
    w.name("start").timestamp(start, offset);
    w.name("topics").canonical(canonical(r, ExportSource.S_TOPICS));
    w.endObject();
  }

  /**
   * The canonical form of a stored JSON column (topics, metadata). Stored JSON is sorted but not
   * canonical (Jackson's number formats and escapes differ from JCS), so it is parsed and
   * re-serialized, through a small cache of recent values because most of them repeat.
   */
  private byte[] canonical(PackedRow r, int column) throws IOException {
    ByteBuffer key = ByteBuffer.wrap(r.data(), r.offset(column), r.length(column));
    byte[] c = canonicalCache.get(key);
    if (c == null) {
      byte[] text =
          Arrays.copyOfRange(r.data(), r.offset(column), r.offset(column) + r.length(column));
      c = Jcs.canonicalize(Json.MAPPER.readTree(text));
      if (canonicalCache.size() >= CACHE_LIMIT) {
        canonicalCache.clear();
      }
      canonicalCache.put(ByteBuffer.wrap(text), c);
    }
    return c;
  }

  /** Passes bytes through to the client while hashing and counting them. */
  static final class HashingStream extends OutputStream {
    final MessageDigest digest = Jcs.sha256();
    private final OutputStream out;
    long bytes;

    HashingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      digest.update((byte) b);
      out.write(b);
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      digest.update(b, off, len);
      out.write(b, off, len);
      bytes += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
