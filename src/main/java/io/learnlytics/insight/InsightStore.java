package io.learnlytics.insight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.learnlytics.rollup.DayMeta;
import io.learnlytics.store.Database;
import io.learnlytics.support.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * SQL for {@code analytics_insights}, the view's learner's rows only. Listed means neither
 * dismissed nor expired; ranked by importance (high, medium, low), then newest first, then in the
 * order the rules made them. Dedupe keys are unique per learner: two learners with the same fact
 * each have their insight.
 */
final class InsightStore {
  private static final TypeReference<LinkedHashMap<String, Object>> DATA = new TypeReference<>() {};
  private static final String LISTED =
      " WHERE learner_id = :learner AND dismissed_utc IS NULL"
          + " AND (expires_utc IS NULL OR expires_utc > :now)";
  private static final String RANK =
      " ORDER BY CASE importance WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END,"
          + " generated_utc DESC, id"; // id: a hash of the rule and subject, the same on every
  // backend

  private final Database db;
  private final String learner;

  InsightStore(Database db) {
    this.db = db;
    this.learner = db.learner();
  }

  /**
   * Stores the candidates that are new (see {@link Candidate} for what "new" means) inside the
   * caller's write transaction; returns how many were stored.
   */
  int insertNew(Handle h, List<Candidate> candidates, long nowUtc) {
    int stored = 0;
    for (Candidate c : candidates) {
      if (isNew(h, c, nowUtc)) {
        insert(h, c, nowUtc);
        stored++;
      }
    }
    return stored;
  }

  /** Not stored yet, no live insight of its family, and its rule under its live limit. */
  private boolean isNew(Handle h, Candidate c, long nowUtc) {
    return !exists(h, c.key())
        && (c.familyPrefix() == null || live(h, c.familyPrefix(), nowUtc, true) == 0)
        && (c.maxLive() == null || live(h, c.rulePrefix(), nowUtc, false) < c.maxLive());
  }

  private void insert(Handle h, Candidate c, long nowUtc) {
    h.createUpdate(
            "INSERT INTO analytics_insights (learner_id, id, insight_type, title, description,"
                + " importance, data, dedupe_key, generated_utc, expires_utc)"
                + " VALUES (:learner, :id, :type, :title, :description, :importance, :data, :key,"
                + " :now, :expires)")
        .bind("learner", learner)
        .bind("id", id(learner, c.key()))
        .bind("type", c.type())
        .bind("title", c.title())
        .bind("description", c.description())
        .bind("importance", c.importance())
        .bind("data", json(c.data()))
        .bind("key", c.key())
        .bind("now", nowUtc)
        .bind("expires", nowUtc + Candidate.ttl(c.type()).toMillis())
        .execute();
  }

  private boolean exists(Handle h, String key) {
    return h.createQuery("SELECT 1 FROM analytics_insights WHERE learner_id = ? AND dedupe_key = ?")
        .bind(0, learner)
        .bind(1, key)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  /** Unexpired insights whose key starts with {@code prefix} (dismissed ones too, if asked). */
  private int live(Handle h, String prefix, long nowUtc, boolean withDismissed) {
    return h.createQuery(
            "SELECT count(*) FROM analytics_insights WHERE learner_id = :learner"
                + " AND substr(dedupe_key, 1, length(:prefix)) = :prefix"
                + " AND (expires_utc IS NULL OR expires_utc > :now)"
                + (withDismissed ? "" : " AND dismissed_utc IS NULL"))
        .bind("learner", learner)
        .bind("prefix", prefix)
        .bind("now", nowUtc)
        .mapTo(Integer.class)
        .one();
  }

  InsightList list(
      int limit, @Nullable String type, @Nullable String importance, long nowUtc, DayMeta meta) {
    String filter =
        (type == null ? "" : " AND insight_type = :type")
            + (importance == null ? "" : " AND importance = :importance");
    return db.reader()
        .withHandle(
            h -> {
              Query q =
                  h.createQuery(
                      "SELECT id, insight_type, title, description, importance, data,"
                          + " dedupe_key, generated_utc, expires_utc, viewed_utc"
                          + " FROM analytics_insights"
                          + LISTED
                          + filter
                          + RANK
                          + " LIMIT :limit");
              bindFilter(q, type, importance, nowUtc).bind("limit", limit);
              List<Insight> insights = q.map((rs, ctx) -> read(learner, rs)).list();
              int[] n = counts(h, filter, type, importance, nowUtc);
              return new InsightList(insights, n[0], n[1], meta);
            });
  }

  /** {total, unread} of the listed insights that pass the filter. */
  private int[] counts(
      Handle h, String filter, @Nullable String type, @Nullable String importance, long nowUtc) {
    Query counts =
        h.createQuery(
            "SELECT count(*), count(*) FILTER (WHERE viewed_utc IS NULL) FROM analytics_insights"
                + LISTED
                + filter);
    return bindFilter(counts, type, importance, nowUtc)
        .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)})
        .one();
  }

  private Query bindFilter(
      Query q, @Nullable String type, @Nullable String importance, long nowUtc) {
    q.bind("learner", learner).bind("now", nowUtc);
    if (type != null) {
      q.bind("type", type);
    }
    if (importance != null) {
      q.bind("importance", importance);
    }
    return q;
  }

  boolean dismiss(String id, long nowUtc) {
    return db.writer()
            .withHandle(
                h ->
                    h.execute(
                        "UPDATE analytics_insights SET dismissed_utc = coalesce(dismissed_utc, ?)"
                            + " WHERE learner_id = ? AND id = ?",
                        nowUtc,
                        learner,
                        id))
        > 0;
  }

  int markSeen(long nowUtc) {
    return db.writer()
        .withHandle(
            h ->
                h.createUpdate(
                        "UPDATE analytics_insights SET viewed_utc = :now"
                            + LISTED
                            + " AND viewed_utc IS NULL")
                    .bind("learner", learner)
                    .bind("now", nowUtc)
                    .execute());
  }

  private static Insight read(String learner, ResultSet rs) throws SQLException {
    String key = rs.getString("dedupe_key");
    Map<String, Object> data = data(rs.getString("data"));
    long expires = rs.getLong("expires_utc");
    Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
    rs.getLong("viewed_utc");
    boolean unseen = rs.wasNull();
    return new Insight(
        rs.getString("id"),
        rs.getString("insight_type"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getString("importance"),
        Icons.forKey(key),
        data,
        Instant.ofEpochMilli(rs.getLong("generated_utc")),
        expiresAt,
        unseen,
        ActionUrls.of(learner, key, data));
  }

  /**
   * "ins_" and the first 12 hex digits of the SHA-256 of the default learner's dedupe key: stable
   * per fact.
   */
  static String id(String key) {
    return id(Database.DEFAULT_LEARNER, key);
  }

  /**
   * The id of {@code learner}'s insight with that dedupe key. Ids are unique across learners (the
   * table's key), so another learner's key is hashed after its learner id and a NUL; the default
   * learner's hash is of the key alone, as before learners, so its ids do not change.
   */
  static String id(String learner, String key) {
    String named = learner.equals(Database.DEFAULT_LEARNER) ? key : learner + '\0' + key;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(named.getBytes(StandardCharsets.UTF_8));
      return "ins_" + HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static String json(Map<String, Object> data) {
    try {
      return Json.MAPPER.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("insight evidence is not serializable", e);
    }
  }

  private static Map<String, Object> data(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return Json.MAPPER.readValue(json, DATA);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored insight evidence is not JSON: " + json, e);
    }
  }
}
