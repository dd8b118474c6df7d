package io.learnlytics.graph;

import io.learnlytics.store.Database;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.Neo4jException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes our knowledge graph (the embedded concept tables, which ingest keeps exact) into Neo4j in
 * the assistant's model, when the server runs with {@code --graph-write}: concepts with their
 * frequency and first and last mention, one {@code RELATES_TO} or {@code BUILDS_ON} relationship
 * per connection (strongest strength, observation count), and {@code (:Concept)-[:MENTIONED_IN]->
 * (:Session {id})}. Idempotent ({@code MERGE}); a push that fails is retried by the next one.
 *
 * <p>A mirror pushes the graph of the learner of its database view. Every node and relationship it
 * writes carries that {@code learner}, and a concept is unique per (learner, name), a session per
 * (learner, id): two learners' "algebra" are two nodes. Nodes written before there were learners
 * (no {@code learner}) are the default learner's: every push first gives them {@code learner:
 * 'default'} (and replaces the old name-only constraints), so they are migrated, not duplicated.
 */
public final class GraphMirror {
  private static final Logger log = LoggerFactory.getLogger(GraphMirror.class);
  private static final String DEFAULT = Database.DEFAULT_LEARNER;
  static final int BATCH = 5_000;

  private final Database db;
  private final Neo4jGraph graph;
  private String pushedVersion = "";

  public GraphMirror(Database db, Neo4jGraph graph) {
    this.db = db;
    this.graph = graph;
  }

  /**
   * Pushes the whole graph when it changed since the last successful push, or when Neo4j holds
   * fewer concepts than we do (a server restarted empty); returns whether it pushed.
   */
  public synchronized boolean push() {
    String version = version();
    try {
      Driver driver = graph.driver();
      if (version.equals(pushedVersion) && !missesConcepts(driver)) {
        return false;
      }
      writeAll(driver);
      pushedVersion = version;
      return true;
    } catch (Neo4jException e) {
      log.warn(
          "writing the knowledge graph to Neo4j at {} failed; retrying later: {}",
          graph.uri(),
          e.getMessage());
      return false;
    }
  }

  /** Merges every concept, connection and mention into Neo4j. */
  private void writeAll(Driver driver) {
    createConstraints(driver);
    write(
        driver,
        "UNWIND $rows AS r MERGE (c:Concept {learner: $learner, name: r.name})"
            + " SET c.frequency = r.frequency,"
            + " c.first_seen = r.first_seen, c.last_seen = r.last_seen",
        concepts());
    for (String type : List.of("RELATES_TO", "BUILDS_ON")) {
      write(
          driver,
          "UNWIND $rows AS r MATCH (a:Concept {learner: $learner, name: r.source}),"
              + " (b:Concept {learner: $learner, name: r.target}) MERGE (a)-[x:"
              + type // one of two constants: types cannot be parameters
              + "]->(b) SET x.strength = r.strength, x.observation_count = r.observations,"
              + " x.learner = $learner",
          connections(type));
    }
    write(
        driver,
        "UNWIND $rows AS r MERGE (s:Session {learner: $learner, id: r.session}) WITH s, r"
            + " MATCH (c:Concept {learner: $learner, name: r.concept})"
            + " MERGE (c)-[m:MENTIONED_IN]->(s) SET m.learner = $learner",
        mentions());
  }

  /** The statements that bring a Neo4j written before learners, or an empty one, to our model. */
  static final List<String> SCHEMA =
      List.of(
          "DROP CONSTRAINT concept_name IF EXISTS", // names were unique before learners
          "DROP CONSTRAINT session_id IF EXISTS",
          "MATCH (c:Concept) WHERE c.learner IS NULL SET c.learner = '" + DEFAULT + "'",
          "MATCH (s:Session) WHERE s.learner IS NULL SET s.learner = '" + DEFAULT + "'",
          "MATCH ()-[x:RELATES_TO|BUILDS_ON|MENTIONED_IN]->() WHERE x.learner IS NULL"
              + " SET x.learner = '"
              + DEFAULT
              + "'",
          "CREATE CONSTRAINT concept_learner_name IF NOT EXISTS FOR (c:Concept)"
              + " REQUIRE (c.learner, c.name) IS UNIQUE",
          "CREATE CONSTRAINT session_learner_id IF NOT EXISTS FOR (s:Session)"
              + " REQUIRE (s.learner, s.id) IS UNIQUE",
          "CREATE INDEX concept_learner IF NOT EXISTS FOR (c:Concept) ON (c.learner)");

  private static void createConstraints(Driver driver) {
    for (String statement : SCHEMA) {
      driver.executableQuery(statement).execute();
    }
  }

  private boolean missesConcepts(Driver driver) {
    long remote =
        driver
            .executableQuery("MATCH (c:Concept) WHERE c.learner = $learner RETURN count(c)")
            .withParameters(Map.of("learner", db.learner()))
            .execute()
            .records()
            .get(0)
            .get(0)
            .asLong();
    long local =
        db.reader()
            .withHandle(
                h ->
                    h.createQuery("SELECT count(*) FROM concepts WHERE learner_id = ?")
                        .bind(0, db.learner())
                        .mapTo(Long.class)
                        .one());
    return remote < local;
  }

  private void write(Driver driver, String cypher, List<Map<String, Object>> rows) {
    for (int i = 0; i < rows.size(); i += BATCH) {
      driver
          .executableQuery(cypher)
          .withParameters(
              Map.of(
                  "rows",
                  rows.subList(i, Math.min(rows.size(), i + BATCH)),
                  "learner",
                  db.learner()))
          .execute();
    }
  }

  private String version() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT (SELECT count(*) || ':' || coalesce(max(rid), 0)"
                            + " FROM concept_relations WHERE learner_id = ?) || ':' ||"
                            + " (SELECT count(*) || ':' || coalesce(sum(frequency), 0) || ':' ||"
                            + " coalesce(max(last_seen_utc), 0) FROM concepts WHERE learner_id = ?)"
                            + " || ':' || (SELECT count(*) || ':' || coalesce(max(last_utc), 0)"
                            + " FROM sessions WHERE learner_id = ?)")
                    .bind(0, db.learner())
                    .bind(1, db.learner())
                    .bind(2, db.learner())
                    .mapTo(String.class)
                    .one());
  }

  private List<Map<String, Object>> concepts() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT name, frequency, first_seen_utc, last_seen_utc FROM concepts"
                            + " WHERE learner_id = ?")
                    .bind(0, db.learner())
                    .map(
                        (rs, ctx) -> {
                          Map<String, Object> row = new HashMap<>();
                          row.put("name", rs.getString(1));
                          row.put("frequency", rs.getLong(2));
                          row.put("first_seen", time(rs.getObject(3)));
                          row.put("last_seen", time(rs.getObject(4)));
                          return row;
                        })
                    .list());
  }

  private List<Map<String, Object>> connections(String type) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT source, target, strength, observations FROM concept_links"
                            + " WHERE learner_id = ? AND type = ?")
                    .bind(0, db.learner())
                    .bind(1, type)
                    .map(
                        (rs, ctx) -> {
                          Map<String, Object> row = new HashMap<>();
                          row.put("source", rs.getString(1));
                          row.put("target", rs.getString(2));
                          double strength = rs.getDouble(3);
                          row.put("strength", rs.wasNull() ? null : strength);
                          row.put("observations", rs.getLong(4));
                          return row;
                        })
                    .list());
  }

  private List<Map<String, Object>> mentions() {
    List<Map<String, Object>> rows = new ArrayList<>();
    db.reader()
        .useHandle(
            h ->
                h.createQuery(
                        "SELECT DISTINCT s.session_id, n.name FROM sessions s, "
                            + db.dialect().idValues("s.topic_ids", "t")
                            + " JOIN topic_names n ON n.id = t.value"
                            + " WHERE s.learner_id = ? AND s.topic_ids IS NOT NULL")
                    .bind(0, db.learner())
                    .map(
                        (rs, ctx) ->
                            Map.<String, Object>of(
                                "session", rs.getString(1), "concept", rs.getString(2)))
                    .forEach(rows::add));
    return rows;
  }

  private static @Nullable Object time(Object epochMs) {
    return epochMs == null
        ? null
        : Instant.ofEpochMilli(((Number) epochMs).longValue()).atZone(ZoneOffset.UTC);
  }
}
