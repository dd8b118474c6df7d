package io.learnlytics.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.support.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A small knowledge graph with known answers, as events, and in-process Neo4j servers.
 *
 * <pre>
 * mentions: algebra 5, calculus 4, music 3, trigonometry 2, limits 1, harmony 1
 *           (functions, sets, rhythm: only named by relations)
 * calculus -BUILDS_ON-> limits (0.9), algebra (0.7);  limits -> functions (0.6)
 * functions -> sets;  algebra -> sets (0.5);  trigonometry -> functions (0.4)
 * calculus -RELATES_TO-> trigonometry (0.6, then 0.8);  music -RELATES_TO-> harmony (0.95)
 * harmony -BUILDS_ON-> rhythm
 * </pre>
 */
final class GraphFixture {
  static final Map<String, Integer> MENTIONS =
      Map.of("algebra", 5, "calculus", 4, "music", 3, "trigonometry", 2, "limits", 1, "harmony", 1);

  private GraphFixture() {}

  static List<JsonNode> events() {
    List<JsonNode> out = new ArrayList<>();
    long t = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    int n = 0;
    for (Map.Entry<String, Integer> e : MENTIONS.entrySet()) {
      for (int i = 0; i < e.getValue(); i++) {
        ObjectNode x = Json.MAPPER.createObjectNode().put("kind", "exchange");
        x.put("id", "x" + n).put("session_id", "s" + (n % 3));
        x.put("timestamp", Instant.ofEpochMilli(t + n++ * 60_000L).toString());
        x.putArray("topics").add(e.getKey());
        out.add(x);
      }
    }
    relation(out, "r1", "calculus", "limits", "BUILDS_ON", 0.9);
    relation(out, "r2", "calculus", "algebra", "BUILDS_ON", 0.7);
    relation(out, "r3", "limits", "functions", "BUILDS_ON", 0.6);
    relation(out, "r4", "functions", "sets", "BUILDS_ON", null);
    relation(out, "r5", "algebra", "sets", "BUILDS_ON", 0.5);
    relation(out, "r6", "trigonometry", "functions", "BUILDS_ON", 0.4);
    relation(out, "r7", "calculus", "trigonometry", "RELATES_TO", 0.6);
    relation(out, "r8", "calculus", "trigonometry", "RELATES_TO", 0.8);
    relation(out, "r9", "music", "harmony", "RELATES_TO", 0.95);
    relation(out, "r10", "harmony", "rhythm", "BUILDS_ON", null);
    return out;
  }

  private static void relation(
      List<JsonNode> out, String id, String source, String target, String type, Double strength) {
    ObjectNode r = Json.MAPPER.createObjectNode().put("kind", "relation").put("id", id);
    r.put("source", source).put("target", target).put("type", type);
    if (strength != null) {
      r.put("strength", strength);
    }
    out.add(r);
  }

  /** An in-process Neo4j, Bolt only, that closes in well under a second. */
  static Neo4jBuilder neo4j() {
    return Neo4jBuilders.newInProcessBuilder()
        .withDisabledServer()
        .withConfig(
            BoltConnectorInternalSettings.connection_shutdown_wait_time, java.time.Duration.ZERO)
        .withConfig(
            BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, java.time.Duration.ZERO);
  }

  /** Like {@link #neo4j()}, listening for Bolt on {@code port}, holding {@code cypher}'s graph. */
  static Neo4j neo4jOnPort(int port, String cypher) {
    return neo4j()
        .withConfig(BoltConnector.listen_address, new SocketAddress("localhost", port))
        .withFixture(cypher)
        .build();
  }
}
