package io.learnlytics.graph;

import io.learnlytics.graph.GraphRules.Prerequisite;
import io.learnlytics.rollup.JsonText;
import io.learnlytics.store.Database;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The knowledge graph in the embedded concept tables (DESIGN.md §6 item 10), the zero-setup
 * default: {@code concepts} (frequency = exchanges mentioning the concept) and {@code
 * concept_relations} (one row per observed relation event), summed by triggers into {@code
 * concept_links} (one row per connection: source, target and type). It is the graph of the learner
 * of its database view: every query reads that learner's rows only.
 */
public final class EmbeddedGraph implements KnowledgeGraph {
  private final Database db;
  private final GraphMemo memo = new GraphMemo(this::version, Duration.ZERO);

  public EmbeddedGraph(Database db) {
    this.db = db;
  }

  @Override
  public KnowledgeGraph forLearner(Database view) {
    return view == db ? this : new EmbeddedGraph(view);
  }

  @Override
  public String backend() {
    return "embedded";
  }

  @Override
  public Stats stats() {
    return memo.get("stats", v -> readStats());
  }

  private Stats readStats() {
    return db.reader()
        .withHandle(
            h -> {
              long concepts = count(h, "SELECT count(*) FROM concepts WHERE learner_id = ?");
              long connections =
                  count(h, "SELECT count(*) FROM concept_links WHERE learner_id = ?");
              List<Connection> strongest =
                  h.createQuery(
                          "SELECT source, target, type, strength, observations FROM concept_links"
                              + " WHERE learner_id = ? AND strength IS NOT NULL"
                              + " ORDER BY strength DESC, source, target, type LIMIT ?")
                      .bind(0, db.learner())
                      .bind(1, GraphRules.STRONGEST)
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
    return memo.get("coverage", v -> readCoverage());
  }

  private Coverage readCoverage() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*), count(*) FILTER (WHERE frequency >= 1),"
                            + " count(*) FILTER (WHERE frequency >= ?) FROM concepts"
                            + " WHERE learner_id = ?")
                    .bind(0, GraphRules.KNOWN_MENTIONS)
                    .bind(1, db.learner())
                    .map(
                        (rs, ctx) ->
                            GraphRules.coverage(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                    .one());
  }

  @Override
  public List<Gap> gaps(int limit) {
    return memo.get("gaps:" + limit, v -> readGaps(limit));
  }

  private List<Gap> readGaps(int limit) {
    List<Prerequisite> rows =
        db.reader()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT l.target, t.frequency, l.source FROM concepts s"
                                + " JOIN concept_links l"
                                + " ON l.learner_id = s.learner_id AND l.source = s.name"
                                + " JOIN concepts t ON t.learner_id = l.learner_id AND t.name = l.target"
                                + " WHERE s.learner_id = ? AND s.frequency >= 1"
                                + " AND l.type = 'BUILDS_ON' AND t.frequency < ?"
                                + " AND l.source <> l.target")
                        .bind(0, db.learner())
                        .bind(1, GraphRules.KNOWN_MENTIONS)
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
            h ->
                h.createQuery("SELECT frequency FROM concepts WHERE learner_id = ? AND name = ?")
                    .bind(0, db.learner())
                    .bind(1, target)
                    .mapTo(Long.class)
                    .findOne()
                    .map(mentions -> GraphRules.walk(target, mentions, names -> links(h, names))));
  }

  /** Mentions of the concept {@code name}, empty when the graph has no such concept. */
  public Optional<Long> mentions(String name) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery("SELECT frequency FROM concepts WHERE learner_id = ? AND name = ?")
                    .bind(0, db.learner())
                    .bind(1, name)
                    .mapTo(Long.class)
                    .findOne());
  }

  /**
   * The direct relations of {@code name} in either direction, strongest first, at most {@code
   * limit}.
   */
  public List<Connection> neighbours(String name, int limit) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT source, target, type, strength, observations FROM concept_links"
                            + " WHERE learner_id = ? AND (source = ? OR target = ?)"
                            + " ORDER BY COALESCE(strength, 0) DESC, observations DESC, source, target, type"
                            + " LIMIT ?")
                    .bind(0, db.learner())
                    .bind(1, name)
                    .bind(2, name)
                    .bind(3, limit)
                    .map(
                        (rs, ctx) ->
                            new Connection(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getDouble(4),
                                rs.getLong(5)))
                    .list());
  }

  /** The prerequisites of {@code names}, with their mentions. */
  private List<GraphRules.Link> links(Handle h, List<String> names) {
    return h.createQuery(
            "SELECT l.source, l.target, c.frequency FROM concept_links l"
                + " JOIN concepts c ON c.learner_id = l.learner_id AND c.name = l.target"
                + " WHERE l.learner_id = ? AND l.type = 'BUILDS_ON'"
                + " AND l.source IN (SELECT j.value FROM "
                + db.dialect().jsonValues("?", "j")
                + ")")
        .bind(0, db.learner())
        .bind(1, JsonText.names(names))
        .map((rs, ctx) -> new GraphRules.Link(rs.getString(1), rs.getString(2), rs.getLong(3)))
        .list();
  }

  @Override
  public List<Cluster> clusters(int limit) {
    return memo.get(
        "clusters:" + limit, v -> db.reader().withHandle(h -> computeClusters(h, limit)));
  }

  /**
   * Bumped by triggers on every change to the concept tables (V11). One counter for every learner:
   * a change to one learner's graph only makes the others' answers be read again.
   */
  private Object version() {
    return db.reader()
        .withHandle(h -> h.createQuery("SELECT v FROM graph_version").mapTo(Long.class).one());
  }

  private List<Cluster> computeClusters(Handle h, int limit) {
    Map<String, Long> mentions = new HashMap<>();
    h.createQuery("SELECT name, frequency FROM concepts WHERE learner_id = ?")
        .bind(0, db.learner())
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(e -> mentions.put(e.getKey(), e.getValue()));
    List<String[]> pairs =
        h.createQuery("SELECT DISTINCT source, target FROM concept_links WHERE learner_id = ?")
            .bind(0, db.learner())
            .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
            .list();
    return GraphRules.clusters(mentions, pairs, limit);
  }

  /**
   * When each of {@code names} was first mentioned by one of our exchanges (UTC epoch ms), for
   * those with a first mention: always from the embedded tables, which ingest keeps, whichever
   * graph serves the panels.
   */
  public Map<String, Long> firstSeenUtc(Collection<String> names) {
    Map<String, Long> out = new HashMap<>();
    if (names.isEmpty()) {
      return out;
    }
    db.reader()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT name, first_seen_utc FROM concepts WHERE learner_id = ?"
                            + " AND first_seen_utc IS NOT NULL"
                            + " AND name IN (SELECT j.value FROM "
                            + db.dialect().jsonValues("?", "j")
                            + ")")
                    .bind(0, db.learner())
                    .bind(1, JsonText.names(List.copyOf(names)))
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  @Override
  public void close() {
    // the database belongs to the application
  }

  private long count(Handle h, String sql) {
    return h.createQuery(sql).bind(0, db.learner()).mapTo(Long.class).one();
  }
}
