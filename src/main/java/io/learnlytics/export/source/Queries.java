package io.learnlytics.export.source;

import io.learnlytics.rollup.SessionDuration;
import java.util.List;

/**
 * The raw tables an export streams, one packed {@link Query} each, and the index of each column in
 * its rows. Rows come in a deterministic order — time, then id — so that an export of the same data
 * is the same document whatever order the events were ingested in. Every query reads one learner's
 * rows: its first parameter is the learner, then the range (see {@link Range#bind}), so that each
 * uses the learner's (learner_id, time) index.
 */
public final class Queries {
  private Queries() {}

  /** Exchanges of the period; packed columns: */
  public static final class Exchanges {
    public static final int ID = 0;
    public static final int SESSION = 1;
    public static final int TS = 2;
    public static final int OFFSET = 3;
    public static final int USER = 4;
    public static final int AGENT = 5;
    public static final int DURATION = 6;
    public static final int TOPICS = 7;
    public static final int METADATA = 8;
    public static final Query QUERY =
        Query.of(
            List.of(
                "id",
                "session_id",
                "ts_utc",
                "utc_offset_s",
                "user_text",
                "agent_text",
                "duration_ms",
                "topics",
                "metadata"),
            List.of(),
            "FROM exchanges WHERE learner_id = ? AND ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc, id");

    private Exchanges() {}
  }

  /** Feedback of the period; packed columns: */
  public static final class Feedback {
    public static final int ID = 0;
    public static final int EXCHANGE = 1;
    public static final int TS = 2;
    public static final int OFFSET = 3;
    public static final int TYPE = 4;
    public static final int RATING = 5;
    public static final int COMMENT = 6;
    public static final Query QUERY =
        Query.of(
            List.of("id", "exchange_id", "ts_utc", "utc_offset_s", "type", "rating", "comment"),
            List.of(),
            "FROM feedback WHERE learner_id = ? AND ts_utc >= ? AND ts_utc < ? ORDER BY ts_utc, id");

    private Feedback() {}
  }

  /** Quality scores of the period; packed columns, then the indexes of its REALs: */
  public static final class QualityScores {
    public static final int ID = 0;
    public static final int EXCHANGE = 1;
    public static final int TS = 2;
    public static final int OFFSET = 3;

    public static final int RELEVANCE = 0;
    public static final int HELPFULNESS = 1;
    public static final int ACCURACY = 2;
    public static final int CLARITY = 3;
    public static final int ENGAGEMENT = 4;
    public static final int COMPOSITE = 5;
    public static final Query QUERY =
        Query.of(
            List.of("id", "exchange_id", "ts_utc", "utc_offset_s"),
            List.of("relevance", "helpfulness", "accuracy", "clarity", "engagement", "composite"),
            "FROM quality_scores WHERE learner_id = ? AND ts_utc >= ? AND ts_utc < ?"
                + " ORDER BY ts_utc, id");

    private QualityScores() {}
  }

  /**
   * Relations of the period (those without a timestamp only in {@code all}); packed columns, then
   * the index of the REAL strength:
   */
  public static final class Relations {
    public static final int ID = 0;
    public static final int SOURCE = 1;
    public static final int TARGET = 2;
    public static final int TYPE = 3;
    public static final int TS = 4;
    public static final int OFFSET = 5;

    public static final int STRENGTH = 0;
    public static final Query QUERY =
        Query.of(
            List.of("id", "source", "target", "type", "ts_utc", "utc_offset_s"),
            List.of("strength"),
            "FROM concept_relations WHERE learner_id = ?"
                + " AND ((ts_utc >= ? AND ts_utc < ?) OR (? AND ts_utc IS NULL))"
                + " ORDER BY ts_utc NULLS FIRST, id");

    private Relations() {}
  }

  /** Sessions started in the period, with the names of their topics; packed columns: */
  public static final class Sessions {
    public static final int ID = 0;
    public static final int START = 1;
    public static final int OFFSET = 2;
    public static final int DURATION = 3;
    public static final int EXCHANGES = 4;
    public static final int TOPICS = 5;
    public static final Query QUERY =
        Query.of(
            dialect ->
                List.of(
                    "s.session_id",
                    "s.start_utc",
                    "s.start_offset_s",
                    SessionDuration.SQL, // unambiguous: only the subquery below joins other tables
                    "s.exchange_count",
                    "(SELECT "
                        + dialect.jsonArrayOf("n.name", "n.name")
                        + " FROM "
                        + dialect.idValues("s.topic_ids", "j")
                        + " JOIN topic_names n ON n.id = j.value)"),
            List.of(),
            "FROM sessions s WHERE s.learner_id = ? AND s.start_utc >= ? AND s.start_utc < ?"
                + " ORDER BY s.start_utc, s.session_id");

    private Sessions() {}
  }
}
