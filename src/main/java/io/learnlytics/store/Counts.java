package io.learnlytics.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row counts of the raw tables, for health checks and the CLI. Through a {@link Database} they are
 * the view's learner's rows, as every answer of a view is; over a raw connection (a backup's copy)
 * they are the whole file's, every learner's, since a backup copies and restores the whole file.
 */
public final class Counts {
  private static final List<String> TABLES =
      List.of(
          "exchanges", "sessions", "feedback", "quality_scores", "concepts", "concept_relations");

  private Counts() {}

  /** Ordered map of table name to the view's learner's row count. */
  public static Map<String, Long> of(Database db) {
    return db.reader()
        .withHandle(
            h -> {
              Map<String, Long> out = new LinkedHashMap<>();
              for (String table : TABLES) {
                out.put(
                    table,
                    h.createQuery("SELECT count(*) FROM " + table + " WHERE learner_id = :learner")
                        .bind("learner", db.learner())
                        .mapTo(Long.class)
                        .one());
              }
              return out;
            });
  }

  /**
   * Every learner's counts over one connection, inside whatever transaction it has open: for
   * checking a backup, which holds all learners (see {@link CopyCheck}).
   */
  static Map<String, Long> ofWholeFile(Connection c) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          out.put(table, rs.getLong(1));
        }
      }
    }
    return out;
  }

  /** True when the view's learner has no learning event stored yet. */
  public static boolean isEmpty(Database db) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT NOT EXISTS (SELECT 1 FROM exchanges WHERE learner_id = :learner)"
                            + " AND NOT EXISTS (SELECT 1 FROM feedback WHERE learner_id = :learner)"
                            + " AND NOT EXISTS"
                            + " (SELECT 1 FROM quality_scores WHERE learner_id = :learner)"
                            + " AND NOT EXISTS"
                            + " (SELECT 1 FROM concept_relations WHERE learner_id = :learner)")
                    .bind("learner", db.learner())
                    .mapTo(Boolean.class)
                    .one());
  }
}
