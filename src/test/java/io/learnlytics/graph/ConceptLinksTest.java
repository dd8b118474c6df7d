package io.learnlytics.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.graph.KnowledgeGraph.Connection;
import io.learnlytics.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** concept_links follows relation events in and out (triggers), and so does the graph panel. */
class ConceptLinksTest {
  @TempDir Path dir;

  @Test
  void a_connection_keeps_its_strongest_observation_until_its_last_event_is_deleted() {
    try (TestServer server = TestServer.start(dir)) {
      String batch =
          "[" + relation("a", 0.6) + "," + relation("b", 0.8) + "," + relation("c", null) + "]";
      assertThat(server.postJson("/api/events", batch).status()).isEqualTo(200);
      EmbeddedGraph graph = new EmbeddedGraph(server.db());
      assertThat(graph.stats().strongestConnections())
          .containsExactly(new Connection("loops", "recursion", "RELATES_TO", 0.8, 3));

      assertThat(server.delete("/api/events/b?kind=relation").status()).isEqualTo(200);
      assertThat(graph.stats().strongestConnections())
          .containsExactly(new Connection("loops", "recursion", "RELATES_TO", 0.6, 2));

      server.delete("/api/events/a?kind=relation");
      assertThat(graph.stats().strongestConnections()).isEmpty(); // only a strength-less one left
      assertThat(graph.stats().totalRelationships()).isEqualTo(1);
      server.delete("/api/events/c?kind=relation");
      assertThat(graph.stats().totalRelationships()).isZero();
    }
  }

  private static String relation(String id, Double strength) {
    return "{\"kind\":\"relation\",\"id\":\""
        + id
        + "\",\"source\":\"loops\",\"target\":\"recursion\",\"type\":\"RELATES_TO\""
        + (strength == null ? "" : ",\"strength\":" + strength)
        + "}";
  }
}
