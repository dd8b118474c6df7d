package io.learnlytics.testing;

import io.learnlytics.store.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Puts the default learner's rows of one database file into another as a given learner's: the way
 * the isolation tests build "two learners in one file" from two single-learner files, whatever the
 * ingest and rollup code of the branch does with learners. Rows are copied as they are, except the
 * learner and the row ids SQLite assigns ({@code INTEGER PRIMARY KEY}). Topic ids must mean the
 * same names in both files ({@link #shareTopics}), as topic_names is shared by all learners.
 */
public final class LearnerCopy {
  /** The raw tables: events, sessions and the concept graph (concept_links is kept by triggers). */
  public static final List<String> RAW =
      List.of(
          "exchanges",
          "sessions",
          "feedback",
          "quality_scores",
          "quality_waiting",
          "concepts",
          "concept_relations");

  /** Every per-learner table, parents before children. */
  public static final List<String> ALL =
      List.of(
          "exchanges",
          "sessions",
          "feedback",
          "quality_scores",
          "quality_waiting",
          "concepts",
          "concept_relations",
          "aggregated_metrics",
          "dirty_buckets",
          "rollup_day_state",
          "analytics_insights",
          "insight_state",
          "goal_definitions",
          "goal_progress",
          "achievements",
          "streak_tracking",
          "export_history");

  private LearnerCopy() {}

  /**
   * Gives {@code into} the topic names of {@code from} with the same ids, before anything is
   * ingested into {@code into}: its own new topics then get later ids, unknown to {@code from}.
   */
  public static void shareTopics(Path from, Database into) {
    into.writer()
        .useHandle(
            h -> {
              h.execute("ATTACH DATABASE ? AS src", from.toString());
              try {
                h.execute("INSERT OR IGNORE INTO topic_names SELECT id, name FROM src.topic_names");
              } finally {
                h.execute("DETACH DATABASE src");
              }
            });
  }

  /**
   * Copies the default learner's rows of {@code tables} (a sublist of {@link #ALL}, in its order)
   * of file {@code from} into {@code into} as {@code learner}.
   */
  public static void copy(Path from, Database into, String learner, List<String> tables) {
    into.writer()
        .useHandle(
            h -> {
              h.execute("ATTACH DATABASE ? AS src", from.toString());
              try {
                h.useTransaction(t -> copyAll(t, learner, tables));
              } finally {
                h.execute("DETACH DATABASE src");
              }
            });
  }

  private static void copyAll(Handle h, String learner, List<String> tables) {
    h.execute("INSERT OR IGNORE INTO topic_names (id, name) SELECT id, name FROM src.topic_names");
    for (String table : tables) {
      List<String> columns = columns(h, table);
      String names = String.join(", ", columns);
      h.execute("DELETE FROM main." + table + " WHERE learner_id = ?", learner);
      h.execute(
          "INSERT INTO main."
              + table
              + " ("
              + names
              + ", learner_id) SELECT "
              + names
              + ", ? FROM src."
              + table
              + " WHERE learner_id = ?",
          learner,
          Database.DEFAULT_LEARNER);
    }
  }

  /** The columns to copy: all but learner_id and a rowid alias. */
  private static List<String> columns(Handle h, String table) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> c : h.createQuery("PRAGMA table_info(" + table + ")").mapToMap()) {
      String name = (String) c.get("name");
      boolean rowid =
          ((Number) c.get("pk")).intValue() == 1
              && "INTEGER".equalsIgnoreCase((String) c.get("type"));
      if (!rowid && !name.equals("learner_id")) {
        out.add(name);
      }
    }
    return out;
  }
}
