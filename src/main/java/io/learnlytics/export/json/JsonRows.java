package io.learnlytics.export.json;

import io.learnlytics.export.source.LearningDays;
import io.learnlytics.export.source.PackedRow;
import io.learnlytics.export.source.Queries.Exchanges;
import io.learnlytics.export.source.Queries.Feedback;
import io.learnlytics.export.source.Queries.QualityScores;
import io.learnlytics.export.source.Queries.Relations;
import io.learnlytics.export.source.Queries.Sessions;
import io.learnlytics.goal.StoredAchievement;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.support.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The streamed rows of the JSON export as objects, members in JCS order. Events are written in the
 * ingest format (DESIGN.md §4), so that an export can be imported again; absent optional fields are
 * left out.
 */
final class JsonRows {
  /** Small cache of parsed topic lists and metadata, which repeat a lot; bounded in size. */
  private static final int CACHE_LIMIT = 4096;

  /** Writes one packed row. */
  interface Writer {
    void write(CanonicalWriter w, PackedRow r) throws IOException;
  }

  private final Map<ByteBuffer, byte[]> canonicalCache = new HashMap<>();
  private final LearningDays days;

  JsonRows(Buckets buckets) {
    this.days = new LearningDays(buckets);
  }

  void achievement(CanonicalWriter w, StoredAchievement a) throws IOException {
    w.beginObject();
    w.name("description").string(a.description());
    w.name("goal_id").string(a.goalId());
    w.name("icon").string(a.icon());
    w.name("id").string(a.id());
    w.name("name").string(a.name());
    w.name("period").string(a.period());
    if (a.hasPeriod()) {
      w.name("period_start").timestamp(a.periodStartUtc(), 0);
    } else {
      w.name("period_start").nul();
    }
    w.name("unlocked_at").timestamp(a.unlockedUtc(), 0);
    w.endObject();
  }

  void exchange(CanonicalWriter w, PackedRow r) throws IOException {
    w.beginObject();
    optionalText(w, r, "agent_text", Exchanges.AGENT);
    w.name("duration_ms").number(r.longAt(Exchanges.DURATION));
    w.name("id").string(r, Exchanges.ID);
    w.name("kind").string("exchange");
    if (!r.isNull(Exchanges.METADATA)) {
      w.name("metadata").canonical(canonical(r, Exchanges.METADATA));
    }
    w.name("session_id").string(r, Exchanges.SESSION);
    w.name("timestamp").timestamp(r.longAt(Exchanges.TS), r.intAt(Exchanges.OFFSET));
    w.name("topics").canonical(canonical(r, Exchanges.TOPICS));
    optionalText(w, r, "user_text", Exchanges.USER);
    w.endObject();
  }

  void feedback(CanonicalWriter w, PackedRow r) throws IOException {
    w.beginObject();
    optionalText(w, r, "comment", Feedback.COMMENT);
    w.name("exchange_id").string(r, Feedback.EXCHANGE);
    w.name("id").string(r, Feedback.ID);
    w.name("kind").string("feedback");
    if (!r.isNull(Feedback.RATING)) {
      w.name("rating").number(r.longAt(Feedback.RATING));
    }
    w.name("timestamp").timestamp(r.longAt(Feedback.TS), r.intAt(Feedback.OFFSET));
    w.name("type").string(r, Feedback.TYPE);
    w.endObject();
  }

  /** A quality score in the ingest format, always with its (resolved) timestamp. */
  void quality(CanonicalWriter w, PackedRow r) throws IOException {
    w.beginObject();
    optionalReal(w, r, "accuracy", QualityScores.ACCURACY);
    optionalReal(w, r, "clarity", QualityScores.CLARITY);
    w.name("composite").number(r.real(QualityScores.COMPOSITE));
    optionalReal(w, r, "engagement", QualityScores.ENGAGEMENT);
    w.name("exchange_id").string(r, QualityScores.EXCHANGE);
    optionalReal(w, r, "helpfulness", QualityScores.HELPFULNESS);
    w.name("id").string(r, QualityScores.ID);
    w.name("kind").string("quality");
    optionalReal(w, r, "relevance", QualityScores.RELEVANCE);
    w.name("timestamp").timestamp(r.longAt(QualityScores.TS), r.intAt(QualityScores.OFFSET));
    w.endObject();
  }

  void relation(CanonicalWriter w, PackedRow r) throws IOException {
    w.beginObject();
    w.name("id").string(r, Relations.ID);
    w.name("kind").string("relation");
    w.name("source").string(r, Relations.SOURCE);
    optionalReal(w, r, "strength", Relations.STRENGTH);
    w.name("target").string(r, Relations.TARGET);
    if (!r.isNull(Relations.TS)) {
      w.name("timestamp").timestamp(r.longAt(Relations.TS), r.intAt(Relations.OFFSET));
    }
    w.name("type").string(r, Relations.TYPE);
    w.endObject();
  }

  /**
   * A session derived from its exchanges: start and end in the offset of its first exchange, its
   * learning date in the learner's zone, and the topics any of its exchanges mention.
   */
  void session(CanonicalWriter w, PackedRow r) throws IOException {
    long start = r.longAt(Sessions.START);
    int offset = r.intAt(Sessions.OFFSET);
    long duration = r.longAt(Sessions.DURATION);
    w.beginObject();
    w.name("duration_ms").number(duration);
    w.name("end").timestamp(start + duration, offset);
    w.name("exchange_count").number(r.longAt(Sessions.EXCHANGES));
    w.name("local_date").string(days.of(start));
    w.name("session_id").string(r, Sessions.ID);
    w.name("start").timestamp(start, offset);
    w.name("topics").canonical(canonical(r, Sessions.TOPICS));
    w.endObject();
  }

  /** A text column, when not null. */
  private static void optionalText(CanonicalWriter w, PackedRow r, String name, int column)
      throws IOException {
    if (!r.isNull(column)) {
      w.name(name).string(r, column);
    }
  }

  /** The i-th REAL of a row, when not null. */
  private static void optionalReal(CanonicalWriter w, PackedRow r, String name, int i)
      throws IOException {
    Double v = r.real(i);
    if (v != null) {
      w.name(name).number(v.doubleValue());
    }
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
}
