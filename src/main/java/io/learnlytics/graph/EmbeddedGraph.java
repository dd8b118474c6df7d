package io.learnlytics.graph;

import io.learnlytics.graph.GraphRules.Prerequisite;
import io.learnlytics.store.Database;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The knowledge graph in the embedded concept tables (DESIGN.md §6 item 10), the zero-setup
 * default: {@code concepts} (frequency = exchanges mentioning the concept) and {@code
 * concept_relations} (one row per observed relation event; a connection is a distinct source,
 * target and type).
 */
public final class EmbeddedGraph implements KnowledgeGraph {
  private final Database db;
  private final ClusterMemo memo = new ClusterMemo();

  public EmbeddedGraph(Database db) {
    this.db = db;
  }

  @Override
  public String backend() {
    return "embedded";
  }

  @Override
  public Stats stats() {
    return db.reader()
        .withHandle(
            h -> {
              long concepts = count(h, "SELECT count(*) FROM concepts");
              long connections =
                  count(
                      h,
                      "SELECT count(*) FROM (SELECT DISTINCT source, target, type"
                          + " FROM concept_relations)");
              List<Connection> strongest =
                  h.createQuery(
                          "SELECT source, target, type, max(strength) s, count(*)"
                              + " FROM concept_relations GROUP BY source, target, type"
                              + " HAVING s IS NOT NULL ORDER BY s DESC, source, target, type"
                              + " LIMIT ?")
                      .bind(0, GraphRules.STRONGEST)
                      .map(
                          (rs, ctx) ->
                              new Connection(
                                  rs.getString(1),
                                  rs.getString(2),
                                  rs.getString(3),
                                  rs.getDouble(4),
                                  rs.getLong(5)))
                      .list();
              return new Stats(concepts, connections, strongest);
            });
  }

  @Override
  public Coverage coverage() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*), count(*) FILTER (WHERE frequency >= 1),"
                            + " count(*) FILTER (WHERE frequency >= ?) FROM concepts")
                    .bind(0, GraphRules.KNOWN_MENTIONS)
                    .map(
                        (rs, ctx) ->
                            GraphRules.coverage(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                    .one());
  }

  @Override
  public List<Gap> gaps(int limit) {
    List<Prerequisite> rows =
        db.reader()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT DISTINCT r.target, t.frequency, r.source"
                                + " FROM concept_relations r"
                                + " JOIN concepts s ON s.name = r.source"
                                + " JOIN concepts t ON t.name = r.target"
                                + " WHERE r.type = 'BUILDS_ON' AND s.frequency >= 1"
                                + " AND t.frequency < ? AND r.source <> r.target")
                        .bind(0, GraphRules.KNOWN_MENTIONS)
                        .map(
                            (rs, ctx) ->
                                new Prerequisite(rs.getString(1), rs.getLong(2), rs.getString(3)))
                        .list());
    return GraphRules.gaps(rows, limit);
  }

  @Override
  public Optional<List<PathStep>> path(String target) {
    return db.reader()
        .withHandle(
            h -> {
              Map<String, Long> mentions = new HashMap<>();
              h.createQuery("SELECT frequency FROM concepts WHERE name = ?")
                  .bind(0, target)
                  .mapTo(Long.class)
                  .findOne()
                  .ifPresent(f -> mentions.put(target, f));
              if (mentions.isEmpty()) {
                return Optional.empty();
              }
              List<String[]> edges =
                  h.createQuery(
                          "WITH RECURSIVE edge(source, target, depth) AS ("
                              + " SELECT source, target, 1 FROM concept_relations"
                              + "  WHERE type = 'BUILDS_ON' AND source = :t"
                              + " UNION SELECT r.source, r.target, e.depth + 1"
                              + "  FROM concept_relations r JOIN edge e ON r.source = e.target"
                              + "  WHERE r.type = 'BUILDS_ON' AND e.depth < :depth)"
                              + " SELECT DISTINCT e.source, e.target, c.frequency"
                              + " FROM edge e JOIN concepts c ON c.name = e.target")
                      .bind("t", target)
                      .bind("depth", GraphRules.MAX_PATH_DEPTH)
                      .map(
                          (rs, ctx) -> {
                            mentions.put(rs.getString(2), rs.getLong(3));
                            return new String[] {rs.getString(1), rs.getString(2)};
                          })
                      .list();
              return Optional.of(GraphRules.path(target, mentions, edges));
            });
  }

  @Override
  public List<Cluster> clusters(int limit) {
    return db.reader()
        .withHandle(
            h -> {
              String version =
                  h.createQuery(
                          "SELECT (SELECT count(*) || ':' || ifnull(max(rid), 0)"
                              + " FROM concept_relations) || ':' ||"
                              + " (SELECT count(*) || ':' || total(frequency) FROM concepts)")
                      .mapTo(String.class)
                      .one();
              return memo.get(version, limit, () -> computeClusters(h, limit));
            });
  }

  private static List<Cluster> computeClusters(Handle h, int limit) {
    Map<String, Long> mentions = new HashMap<>();
    h.createQuery("SELECT name, frequency FROM concepts")
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> mentions.put(e.getKey(), e.getValue()));
    List<String[]> pairs =
        h.createQuery("SELECT DISTINCT source, target FROM concept_relations")
            .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
            .list();
    return GraphRules.clusters(mentions, pairs, limit);
  }

  /**
   * When each concept was first mentioned by one of our exchanges (UTC epoch ms): always from the
   * embedded tables, which ingest keeps, whichever graph serves the panels.
   */
  public Map<String, Long> firstSeenUtc() {
    Map<String, Long> out = new HashMap<>();
    db.reader()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT name, first_seen_utc FROM concepts WHERE first_seen_utc IS NOT NULL")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  @Override
  public void close() {
    // the database belongs to the application
  }

  private static long count(Handle h, String sql) {
    return h.createQuery(sql).mapTo(Long.class).one();
  }
}
