package io.learnlytics.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Row counts of the raw tables, for health checks and the CLI. */
public final class Counts {
  private static final List<String> TABLES =
      List.of(
          "exchanges", "sessions", "feedback", "quality_scores", "concepts", "concept_relations");

  private Counts() {}

  /** Ordered map of table name to row count. */
  public static Map<String, Long> of(Database db) {
    return db.reader()
        .withHandle(
            h -> {
              Map<String, Long> out = new LinkedHashMap<>();
              for (String table : TABLES) {
                out.put(
                    table, h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
              }
              return out;
            });
  }

  /** The same counts over one connection, inside whatever transaction it has open. */
  static Map<String, Long> of(Connection c) throws SQLException {
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

  /** True when no learning event has been stored yet. */
  public static boolean isEmpty(Database db) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT NOT EXISTS (SELECT 1 FROM exchanges)"
                            + " AND NOT EXISTS (SELECT 1 FROM feedback)"
                            + " AND NOT EXISTS (SELECT 1 FROM quality_scores)"
                            + " AND NOT EXISTS (SELECT 1 FROM concept_relations)")
                    .mapTo(Boolean.class)
                    .one());
  }
}
