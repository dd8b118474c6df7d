package io.learnlytics.graph;

import io.learnlytics.rollup.Buckets;
import io.learnlytics.store.Database;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge graph kept in the embedded concept tables (DESIGN.md §6 item 10): concepts from
 * exchange topics and relation events, and the relations between them.
 */
public final class ConceptGraph {
  static final int STRONGEST = 10;

  private final Database db;

  public ConceptGraph(Database db) {
    this.db = db;
  }

  public Stats stats() {
    return db.reader()
        .withHandle(
            h -> {
              long concepts =
                  h.createQuery("SELECT count(*) FROM concepts").mapTo(Long.class).one();
              long relations =
                  h.createQuery("SELECT count(*) FROM concept_relations").mapTo(Long.class).one();
              List<Connection> strongest =
                  h.createQuery(
                          "SELECT source, target, type, strength FROM concept_relations"
                              + " WHERE strength IS NOT NULL"
                              + " ORDER BY strength DESC, source, target LIMIT ?")
                      .bind(0, STRONGEST)
                      .map(
                          (rs, ctx) ->
                              new Connection(
                                  rs.getString(1),
                                  rs.getString(2),
                                  rs.getString(3),
                                  rs.getDouble(4)))
                      .list();
              return new Stats(concepts, relations, strongest);
            });
  }

  /**
   * The learning date (zone and day-start hour, as everywhere else) on which each concept was first
   * mentioned by an exchange.
   */
  public Map<String, LocalDate> firstSeen(Buckets buckets) {
    Map<String, LocalDate> out = new HashMap<>();
    db.reader()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT name, first_seen_utc FROM concepts WHERE first_seen_utc IS NOT NULL")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> out.put(e.getKey(), buckets.learningDate(e.getValue()))));
    return out;
  }

  public record Stats(
      long totalConcepts, long totalRelationships, List<Connection> strongestConnections) {}

  public record Connection(String source, String target, String type, double strength) {}
}
