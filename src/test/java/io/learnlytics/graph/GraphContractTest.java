package io.learnlytics.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.App;
import io.learnlytics.graph.KnowledgeGraph.Cluster;
import io.learnlytics.graph.KnowledgeGraph.Connection;
import io.learnlytics.graph.KnowledgeGraph.Coverage;
import io.learnlytics.graph.KnowledgeGraph.Gap;
import io.learnlytics.graph.KnowledgeGraph.PathStep;
import io.learnlytics.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.harness.Neo4j;

/**
 * The same questions to both graphs on the same data: the embedded tables filled by ingest, and
 * Neo4j filled by {@link GraphMirror} from them. Every answer is also checked against the values
 * worked out by hand in {@link GraphFixture}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphContractTest {
  private Path dir;
  private TestServer server;
  private Neo4j neo4j;
  private Neo4jGraph remote;
  private EmbeddedGraph embedded;
  private GraphMirror mirror;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("graph-contract");
    server = TestServer.start(dir);
    App app = server.app();
    app.ingest().ingest(GraphFixture.events());
    embedded = new EmbeddedGraph(app.db());
    neo4j = GraphFixture.neo4j().build();
    remote = Neo4jGraph.connect(neo4j.boltURI(), null, "");
    mirror = new GraphMirror(app.db(), remote);
    assertThat(mirror.push()).isTrue();
  }

  @AfterAll
  void stop() {
    remote.close();
    neo4j.close();
    server.close();
  }

  /** Backend names, not graphs: JUnit closes AutoCloseable arguments after each test. */
  Stream<String> graphs() {
    return Stream.of("embedded", "neo4j");
  }

  private KnowledgeGraph graph(String backend) {
    return backend.equals("neo4j") ? remote : embedded;
  }

  @ParameterizedTest
  @MethodSource("graphs")
  void stats_count_distinct_connections_and_rank_the_strongest(String backend) {
    KnowledgeGraph g = graph(backend);
    KnowledgeGraph.Stats s = g.stats();
    assertThat(s.totalConcepts()).isEqualTo(9);
    assertThat(s.totalRelationships()).isEqualTo(9); // calculus-trigonometry seen twice, one link
    assertThat(s.strongestConnections())
        .containsExactly(
            new Connection("music", "harmony", "RELATES_TO", 0.95, 1),
            new Connection("calculus", "limits", "BUILDS_ON", 0.9, 1),
            new Connection("calculus", "trigonometry", "RELATES_TO", 0.8, 2),
            new Connection("calculus", "algebra", "BUILDS_ON", 0.7, 1),
            new Connection("limits", "functions", "BUILDS_ON", 0.6, 1),
            new Connection("algebra", "sets", "BUILDS_ON", 0.5, 1),
            new Connection("trigonometry", "functions", "BUILDS_ON", 0.4, 1));
  }

  @ParameterizedTest
  @MethodSource("graphs")
  void coverage_is_known_concepts_of_all(String backend) {
    KnowledgeGraph g = graph(backend);
    assertThat(g.coverage()).isEqualTo(new Coverage(9, 6, 3, 33.3));
  }

  @ParameterizedTest
  @MethodSource("graphs")
  void gaps_are_rarely_studied_prerequisites_most_needed_first(String backend) {
    KnowledgeGraph g = graph(backend);
    assertThat(g.gaps(10))
        .containsExactly(
            new Gap("functions", 0, List.of("limits", "trigonometry")),
            new Gap("rhythm", 0, List.of("harmony")),
            new Gap("sets", 0, List.of("algebra")),
            new Gap("limits", 1, List.of("calculus")));
    assertThat(g.gaps(1)).extracting(Gap::concept).containsExactly("functions");
  }

  @ParameterizedTest
  @MethodSource("graphs")
  void a_path_puts_every_prerequisite_before_what_builds_on_it(String backend) {
    KnowledgeGraph g = graph(backend);
    assertThat(g.path("calculus"))
        .contains(
            List.of(
                new PathStep("sets", 0, false),
                new PathStep("algebra", 5, true),
                new PathStep("functions", 0, false),
                new PathStep("limits", 1, false),
                new PathStep("calculus", 4, true)));
    assertThat(g.path("sets")).contains(List.of(new PathStep("sets", 0, false)));
    assertThat(g.path("alchemy")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("graphs")
  void clusters_are_connected_groups_largest_first(String backend) {
    KnowledgeGraph g = graph(backend);
    assertThat(g.clusters(5))
        .containsExactly(
            new Cluster(
                "algebra",
                6,
                List.of("algebra", "calculus", "trigonometry", "limits", "functions", "sets")),
            new Cluster("music", 3, List.of("music", "harmony", "rhythm")));
  }

  @Test
  void the_mirror_writes_again_into_a_neo4j_that_lost_the_graph() {
    remote.driver().executableQuery("MATCH (n) DETACH DELETE n").execute();
    assertThat(mirror.push()).isTrue();
    assertThat(remote.coverage()).isEqualTo(new Coverage(9, 6, 3, 33.3));
  }

  @Test
  void the_mirror_writes_the_assistants_model_once() {
    assertThat(mirror.push()).isFalse(); // nothing changed since
    var records =
        remote
            .driver()
            .executableQuery(
                "MATCH (c:Concept {name: 'algebra'})-[:MENTIONED_IN]->(s:Session)"
                    + " RETURN c.frequency, c.first_seen IS NOT NULL, count(s)")
            .execute()
            .records();
    assertThat(records).hasSize(1);
    assertThat(records.get(0).get(0).asLong()).isEqualTo(5);
    assertThat(records.get(0).get(1).asBoolean()).isTrue();
    assertThat(records.get(0).get(2).asLong()).isEqualTo(3); // exchanges spread over s0..s2
  }
}
