package io.learnlytics.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.config.ConfigException;
import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.harness.Neo4j;

/** Neo4j missing at start, lost while serving, and back again. */
class Neo4jFaultTest {
  @TempDir Path dir;

  /** A graph as the assistant writes it: naive UTC times, one prerequisite never studied. */
  static final String ASSISTANT_GRAPH =
      "CREATE (g:Concept {name: 'graphs', frequency: 4,"
          + " first_seen: localdatetime('2026-01-05T10:00:00')})"
          + "-[:BUILDS_ON]->(:Concept {name: 'sets', frequency: 0}),"
          + " (g)-[:RELATES_TO {strength: 0.7, observation_count: 3}]->"
          + "(:Concept {name: 'trees', frequency: 2})";

  static Config.Graph bolt(URI uri, boolean fallback) {
    return new Config.Graph(Optional.of(uri), Optional.empty(), Optional.empty(), false, fallback);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void an_unreachable_neo4j_stops_the_start_naming_the_uri() throws IOException {
    URI uri = URI.create("bolt://localhost:" + freePort());
    assertThatThrownBy(() -> TestServer.with(dir, c -> c.withGraph(bolt(uri, false))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot reach Neo4j at " + uri)
        .hasMessageContaining("--graph-fallback embedded");
  }

  @Test
  void a_wrong_password_stops_the_start_naming_the_uri_and_the_variables_not_the_password() {
    try (Neo4j neo4j =
        GraphFixture.neo4j().withConfig(GraphDatabaseSettings.auth_enabled, true).build()) {
      Config.Graph graph =
          new Config.Graph(
              Optional.of(neo4j.boltURI()),
              Optional.of("neo4j"),
              Optional.of("not-the-password"),
              false,
              false);
      assertThatThrownBy(() -> TestServer.with(dir, c -> c.withGraph(graph)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("Neo4j at " + neo4j.boltURI() + " refused the credentials")
          .hasMessageContaining("LEARNLYTICS_NEO4J_PASSWORD")
          .hasMessageNotContaining("not-the-password");
    }
  }

  @Test
  void with_the_fallback_asked_for_it_starts_on_the_embedded_graph() throws IOException {
    URI uri = URI.create("bolt://localhost:" + freePort());
    try (TestServer server = TestServer.with(dir, c -> c.withGraph(bolt(uri, true)))) {
      App app = server.app();
      assertThat(app.graph().backend()).isEqualTo("embedded");
      assertThat(server.get("/api/analytics/topics").json().at("/knowledge_graph/backend").asText())
          .isEqualTo("embedded");
    }
  }

  @Test
  void losing_neo4j_while_serving_blanks_only_the_graph_panel_until_it_is_back()
      throws IOException {
    int port = freePort();
    URI uri = URI.create("bolt://localhost:" + port);
    Neo4j neo4j = GraphFixture.neo4jOnPort(port, ASSISTANT_GRAPH);
    try (TestServer server = TestServer.with(dir, c -> c.withGraph(bolt(uri, false)))) {
      JsonNode panel = server.get("/api/analytics/topics").json().get("knowledge_graph");
      assertThat(panel.get("backend").asText()).isEqualTo("neo4j");
      assertThat(panel.get("available").asBoolean()).isTrue();
      assertThat(panel.get("total_concepts").asLong()).isEqualTo(3);
      assertThat(panel.at("/knowledge_gaps/0/concept").asText()).isEqualTo("sets");
      assertThat(panel.at("/knowledge_gaps/0/needed_by/0").asText()).isEqualTo("graphs");
      assertThat(panel.at("/strongest_connections/0/observations").asLong()).isEqualTo(3);
      assertThat(server.get("/api/analytics/topics/path?to=graphs").json().get("next").asText())
          .isEqualTo("sets");

      neo4j.close();
      server.app().cache().invalidate(); // as any new event would
      TestServer.Response down = server.get("/api/analytics/topics");
      assertThat(down.status()).isEqualTo(200);
      assertThat(down.json().at("/knowledge_graph/available").asBoolean()).isFalse();
      assertThat(down.json().at("/knowledge_graph/error").asText()).contains(uri.toString());
      assertThat(server.get("/api/analytics/overview").status()).isEqualTo(200);
      TestServer.Response path = server.get("/api/analytics/topics/path?to=graphs");
      assertThat(path.status()).isEqualTo(503);
      assertThat(path.json().at("/error/message").asText()).contains(uri.toString());

      neo4j = GraphFixture.neo4jOnPort(port, ASSISTANT_GRAPH);
      JsonNode back = server.get("/api/analytics/topics").json().get("knowledge_graph");
      assertThat(back.get("available").asBoolean()).isTrue();
      assertThat(back.get("total_concepts").asLong()).isEqualTo(3);
      // and the answer cached now is the good one
      assertThat(
              server
                  .get("/api/analytics/topics")
                  .json()
                  .at("/knowledge_graph/available")
                  .asBoolean())
          .isTrue();
    } finally {
      neo4j.close();
    }
  }

  @Test
  void a_path_needs_a_concept_name() throws IOException {
    try (TestServer server = TestServer.start(dir)) {
      TestServer.Response missing = server.get("/api/analytics/topics/path");
      assertThat(missing.status()).isEqualTo(400);
      assertThat(missing.json().at("/error/details/0/field").asText()).isEqualTo("to");
      TestServer.Response unknown = server.get("/api/analytics/topics/path?to=alchemy");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.json().at("/error/message").asText()).contains("'alchemy'");
    }
  }
}
