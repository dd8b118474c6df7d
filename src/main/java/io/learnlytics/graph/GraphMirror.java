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
 */
public final class GraphMirror {
  private static final Logger log = LoggerFactory.getLogger(GraphMirror.class);
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
      driver
          .executableQuery(
              "CREATE CONSTRAINT concept_name IF NOT EXISTS FOR (c:Concept) REQUIRE c.name IS"
                  + " UNIQUE")
          .execute();
      driver
          .executableQuery(
              "CREATE CONSTRAINT session_id IF NOT EXISTS FOR (s:Session) REQUIRE s.id IS UNIQUE")
          .execute();
      write(
          driver,
          "UNWIND $rows AS r MERGE (c:Concept {name: r.name}) SET c.frequency = r.frequency,"
              + " c.first_seen = r.first_seen, c.last_seen = r.last_seen",
          concepts());
      for (String type : List.of("RELATES_TO", "BUILDS_ON")) {
        write(
            driver,
            "UNWIND $rows AS r MATCH (a:Concept {name: r.source}), (b:Concept {name: r.target})"
                + " MERGE (a)-[x:"
                + type // one of two constants: types cannot be parameters
                + "]->(b) SET x.strength = r.strength, x.observation_count = r.observations",
            connections(type));
      }
      write(
          driver,
          "UNWIND $rows AS r MERGE (s:Session {id: r.session}) WITH s, r"
              + " MATCH (c:Concept {name: r.concept}) MERGE (c)-[:MENTIONED_IN]->(s)",
          mentions());
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

  private boolean missesConcepts(Driver driver) {
    long remote =
        driver
            .executableQuery("MATCH (c:Concept) RETURN count(c)")
            .execute()
            .records()
            .get(0)
            .get(0)
            .asLong();
    long local =
        db.reader()
            .withHandle(
                h -> h.createQuery("SELECT count(*) FROM concepts").mapTo(Long.class).one());
    return remote < local;
  }

  private static void write(Driver driver, String cypher, List<Map<String, Object>> rows) {
    for (int i = 0; i < rows.size(); i += BATCH) {
      driver
          .executableQuery(cypher)
          .withParameters(Map.of("rows", rows.subList(i, Math.min(rows.size(), i + BATCH))))
          .execute();
    }
  }

  private String version() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT (SELECT count(*) || ':' || ifnull(max(rid), 0)"
                            + " FROM concept_relations) || ':' || (SELECT count(*) || ':' ||"
                            + " total(frequency) || ':' || ifnull(max(last_seen_utc), 0)"
                            + " FROM concepts) || ':' || (SELECT count(*) || ':' ||"
                            + " ifnull(max(last_utc), 0) FROM sessions)")
                    .mapTo(String.class)
                    .one());
  }

  private List<Map<String, Object>> concepts() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery("SELECT name, frequency, first_seen_utc, last_seen_utc FROM concepts")
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
                            + " WHERE type = ?")
                    .bind(0, type)
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
                        "SELECT DISTINCT s.session_id, n.name FROM sessions s,"
                            + " json_each('[' || s.topic_ids || ']') t"
                            + " JOIN topic_names n ON n.id = t.value"
                            + " WHERE s.topic_ids IS NOT NULL")
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
