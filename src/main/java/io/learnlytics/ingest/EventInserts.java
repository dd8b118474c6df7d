package io.learnlytics.ingest;

import io.learnlytics.rollup.JsonText;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The insert statement of each event kind and how an event binds to it. Every insert is {@code ON
 * CONFLICT (learner_id, id) DO NOTHING}, so a re-sent id yields an update count of 0 instead of an
 * error; ids are unique per learner, so the same id from two learners is two events. The learner is
 * the last parameter of every statement, so the event's own columns keep their positions.
 */
final class EventInserts {
  private EventInserts() {}

  /**
   * Binds one kind's columns to its insert statement; {@code topicIds} is the comma-separated topic
   * ids of an exchange (or of a quality score's exchange), null for none and for other kinds;
   * {@code learner} is whose event it is.
   */
  interface Binder<E> {
    String sql();

    void bind(PreparedStatement ps, E event, long nowUtc, String topicIds, String learner)
        throws SQLException;
  }

  static final Binder<Event.Exchange> EXCHANGE =
      new Binder<>() {
        @Override
        public String sql() {
          return "INSERT INTO exchanges (id, session_id, ts_utc, utc_offset_s, user_text, agent_text,"
              + " duration_ms, topics, metadata, fingerprint, ingested_utc, topic_ids, learner_id)"
              + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (learner_id, id) DO NOTHING";
        }

        @Override
        public void bind(
            PreparedStatement ps, Event.Exchange e, long nowUtc, String topicIds, String learner)
            throws SQLException {
          ps.setString(1, e.id());
          ps.setString(2, e.sessionId());
          ps.setLong(3, e.tsUtc());
          ps.setInt(4, e.offsetSeconds());
          ps.setString(5, e.userText());
          ps.setString(6, e.agentText());
          ps.setLong(7, e.durationMs());
          ps.setString(8, topicsJson(e));
          ps.setString(9, e.metadataJson());
          ps.setLong(10, e.fingerprint());
          ps.setLong(11, nowUtc);
          ps.setString(12, topicIds);
          ps.setString(13, learner);
        }
      };

  static final Binder<Event.Feedback> FEEDBACK =
      new Binder<>() {
        @Override
        public String sql() {
          return "INSERT INTO feedback (id, exchange_id, ts_utc, utc_offset_s, type, rating, comment,"
              + " fingerprint, ingested_utc, learner_id) VALUES (?,?,?,?,?,?,?,?,?,?)"
              + " ON CONFLICT (learner_id, id) DO NOTHING";
        }

        @Override
        public void bind(
            PreparedStatement ps, Event.Feedback f, long nowUtc, String topicIds, String learner)
            throws SQLException {
          ps.setString(1, f.id());
          ps.setString(2, f.exchangeId());
          ps.setLong(3, f.tsUtc());
          ps.setInt(4, f.offsetSeconds());
          ps.setString(5, f.type());
          setNullable(ps, 6, f.rating());
          ps.setString(7, f.comment());
          ps.setLong(8, f.fingerprint());
          ps.setLong(9, nowUtc);
          ps.setString(10, learner);
        }
      };

  static final Binder<Event.Quality> QUALITY =
      new Binder<>() {
        @Override
        public String sql() {
          return "INSERT INTO quality_scores (id, exchange_id, ts_utc, utc_offset_s, relevance,"
              + " helpfulness, accuracy, clarity, engagement, composite, fingerprint, ingested_utc,"
              + " topic_ids, learner_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
              + " ON CONFLICT (learner_id, id) DO NOTHING";
        }

        @Override
        public void bind(
            PreparedStatement ps, Event.Quality q, long nowUtc, String topicIds, String learner)
            throws SQLException {
          ps.setString(1, q.id());
          ps.setString(2, q.exchangeId());
          // placed scores have their time (Event.Quality)
          ps.setLong(3, Objects.requireNonNull(q.tsUtc()));
          ps.setInt(4, Objects.requireNonNull(q.offsetSeconds()));
          setNullable(ps, 5, q.relevance());
          setNullable(ps, 6, q.helpfulness());
          setNullable(ps, 7, q.accuracy());
          setNullable(ps, 8, q.clarity());
          setNullable(ps, 9, q.engagement());
          ps.setDouble(10, q.composite());
          ps.setLong(11, q.fingerprint());
          ps.setLong(12, nowUtc);
          ps.setString(13, topicIds);
          ps.setString(14, learner);
        }
      };

  static final Binder<Event.Relation> RELATION =
      new Binder<>() {
        @Override
        public String sql() {
          return "INSERT INTO concept_relations (id, source, target, type, strength, ts_utc,"
              + " utc_offset_s, fingerprint, ingested_utc, learner_id) VALUES (?,?,?,?,?,?,?,?,?,?)"
              + " ON CONFLICT (learner_id, id) DO NOTHING";
        }

        @Override
        public void bind(
            PreparedStatement ps, Event.Relation r, long nowUtc, String topicIds, String learner)
            throws SQLException {
          ps.setString(1, r.id());
          ps.setString(2, r.source());
          ps.setString(3, r.target());
          ps.setString(4, r.type());
          setNullable(ps, 5, r.strength());
          setNullable(ps, 6, r.tsUtc());
          setNullable(ps, 7, r.offsetSeconds());
          ps.setLong(8, r.fingerprint());
          ps.setLong(9, nowUtc);
          ps.setString(10, learner);
        }
      };

  private static String topicsJson(Event.Exchange e) {
    if (e.topics().isEmpty()) {
      return "[]";
    }
    return JsonText.names(e.topics());
  }

  private static void setNullable(PreparedStatement ps, int i, @Nullable Object v)
      throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.NULL);
    } else {
      ps.setObject(i, v);
    }
  }
}
