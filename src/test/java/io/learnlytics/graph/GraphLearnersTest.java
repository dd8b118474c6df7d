package io.learnlytics.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.App;
import io.learnlytics.graph.KnowledgeGraph.Coverage;
import io.learnlytics.store.Database;
import io.learnlytics.support.Json;
import io.learnlytics.testing.LearnerCopy;
import io.learnlytics.testing.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.neo4j.harness.Neo4j;

/**
 * The graph contract per learner, on both graphs: the default learner holds {@link GraphFixture},
 * alice the same concept names with other mentions and relations. In one file (and one Neo4j) each
 * learner's answers are those of their data alone in a fresh file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GraphLearnersTest {
  private static final String ALICE = "alice";
  private Path dir;
  private App alone;
  private App aliceAlone;
  private App shared;
  private Neo4j neo4j;
  private Neo4jGraph remote;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("graph-learners");
    try (App a = open("default.db")) {
      a.ingest().ingest(GraphFixture.events());
    }
    try (App a = open("alice.db")) {
      LearnerCopy.shareTopics(dir.resolve("default.db"), a.db());
      a.ingest().ingest(aliceEvents());
    }
    try (App a = open("both.db")) {
      LearnerCopy.copy(
          dir.resolve("default.db"), a.db(), Database.DEFAULT_LEARNER, LearnerCopy.RAW);
      LearnerCopy.copy(dir.resolve("alice.db"), a.db(), ALICE, LearnerCopy.RAW);
    }
    alone = open("default.db");
    aliceAlone = open("alice.db");
    shared = open("both.db");
    neo4j = GraphFixture.neo4j().build();
    remote = Neo4jGraph.connect(neo4j.boltURI(), null, "");
    // What --graph-write does: every learner mirrored, then nothing while nothing changes.
    GraphMirrors mirrors =
        new GraphMirrors(shared.db(), remote, () -> List.of(Database.DEFAULT_LEARNER, ALICE));
    assertThat(mirrors.push()).as("learners pushed").isEqualTo(2);
    assertThat(mirrors.push()).as("learners pushed again").isZero();
  }

  @AfterAll
  void stop() {
    remote.close();
    neo4j.close();
    alone.close();
    aliceAlone.close();
    shared.close();
  }

  private App open(String name) {
    return App.open(TestConfig.forDb(dir.resolve(name)).build());
  }

  /**
   * Alice: algebra 1, calculus 3, music 2 mentions; algebra BUILDS_ON calculus (0.9), sets
   * RELATES_TO music (0.4), rhythm BUILDS_ON harmony: same names as the default's, other relations.
   */
  static List<JsonNode> aliceEvents() {
    List<JsonNode> out = new ArrayList<>();
    long t = Instant.parse("2026-11-03T10:00:00Z").toEpochMilli();
    String[] topics = {"algebra", "calculus", "calculus", "calculus", "music", "music"};
    for (int n = 0; n < topics.length; n++) {
      ObjectNode x = Json.MAPPER.createObjectNode().put("kind", "exchange");
      x.put("id", "x" + n).put("session_id", "s" + (n % 2)); // the default's ids
      x.put("timestamp", Instant.ofEpochMilli(t + n * 60_000L).toString());
      x.putArray("topics").add(topics[n]);
      out.add(x);
    }
    out.add(relation("r1", "algebra", "calculus", "BUILDS_ON", 0.9));
    out.add(relation("r2", "sets", "music", "RELATES_TO", 0.4));
    out.add(relation("r3", "rhythm", "harmony", "BUILDS_ON", 0.2));
    return out;
  }

  private static JsonNode relation(String id, String source, String target, String type, double s) {
    return Json.MAPPER
        .createObjectNode()
        .put("kind", "relation")
        .put("id", id)
        .put("source", source)
        .put("target", target)
        .put("type", type)
        .put("strength", s);
  }

  /** Every question of the contract, answered by {@code g}. */
  private static List<Object> answers(KnowledgeGraph g) {
    return List.of(
        g.stats(), g.coverage(), g.gaps(10), g.path("calculus"), g.path("sets"), g.clusters(5));
  }

  private void assertPerLearner(Function<String, KnowledgeGraph> graphOf) {
    List<Object> mine = answers(graphOf.apply(Database.DEFAULT_LEARNER));
    List<Object> alices = answers(graphOf.apply(ALICE));
    assertThat(mine).isEqualTo(answers(new EmbeddedGraph(alone.db())));
    assertThat(alices).isEqualTo(answers(new EmbeddedGraph(aliceAlone.db())));
    assertThat(alices).isNotEqualTo(mine);
  }

  @Test
  void theEmbeddedGraphOfEachLearnerIsThatOfTheirDataAlone() {
    assertPerLearner(learner -> new EmbeddedGraph(shared.db().forLearner(learner)));
    KnowledgeGraph alice = new EmbeddedGraph(shared.db()).forLearner(shared.db().forLearner(ALICE));
    assertThat(alice.coverage()).isEqualTo(new Coverage(6, 3, 1, 16.7));
    assertThat(alice.path("algebra").orElseThrow())
        .extracting(KnowledgeGraph.PathStep::concept)
        .containsExactly("calculus", "algebra");
  }

  @Test
  void theNeo4jGraphOfEachLearnerIsThatOfTheirDataAlone() {
    assertPerLearner(remote::forLearner);
    assertThat(remote.forLearner(shared.db().forLearner(ALICE)).coverage())
        .isEqualTo(new Coverage(6, 3, 1, 16.7));
  }

  @Test
  void conceptFactsAreTheLearnersOwn() {
    for (String learner : List.of(Database.DEFAULT_LEARNER, ALICE)) {
      ConceptFacts inShared = new ConceptFacts(shared.db().forLearner(learner));
      ConceptFacts single = new ConceptFacts((learner.equals(ALICE) ? aliceAlone : alone).db());
      assertThat(inShared.strongRelations(0)).isEqualTo(single.strongRelations(0));
      assertThat(inShared.missingPrerequisites()).isEqualTo(single.missingPrerequisites());
      assertThat(inShared.firstSeenSince(0, 1)).isEqualTo(single.firstSeenSince(0, 1));
    }
    assertThat(new ConceptFacts(shared.db().forLearner(ALICE)).strongRelations(0))
        .extracting(ConceptFacts.StrongRelation::target)
        .containsExactly("calculus");
  }

  @Test
  void nodesWrittenBeforeLearnersAreTheDefaultLearnersAndTheMirrorMigratesThem() {
    remote.driver().executableQuery("MATCH (n) DETACH DELETE n").execute();
    remote.driver().executableQuery("DROP CONSTRAINT concept_learner_name IF EXISTS").execute();
    remote
        .driver()
        .executableQuery(
            "CREATE CONSTRAINT concept_name IF NOT EXISTS FOR (c:Concept) REQUIRE c.name IS"
                + " UNIQUE")
        .execute();
    remote
        .driver()
        .executableQuery(
            "CREATE (:Concept {name: 'algebra', frequency: 5})-[:BUILDS_ON {strength: 0.5}]->"
                + "(:Concept {name: 'sets', frequency: 0})")
        .execute();
    assertThat(remote.coverage()).isEqualTo(new Coverage(2, 1, 1, 50.0));
    assertThat(remote.forLearner(ALICE).coverage()).isEqualTo(new Coverage(0, 0, 0, 0.0));

    assertThat(new GraphMirror(shared.db(), remote).push()).isTrue();
    assertThat(new GraphMirror(shared.db().forLearner(ALICE), remote).push()).isTrue();
    assertThat(count("MATCH (c:Concept) WHERE c.learner IS NULL RETURN count(c)")).isZero();
    assertThat(count("MATCH (c:Concept {name: 'algebra'}) RETURN count(c)")).isEqualTo(2);
    assertThat(count("SHOW CONSTRAINTS YIELD name WHERE name = 'concept_name' RETURN count(*)"))
        .isZero();
    assertPerLearner(remote::forLearner);
  }

  private long count(String cypher) {
    return remote.driver().executableQuery(cypher).execute().records().get(0).get(0).asLong();
  }
}
