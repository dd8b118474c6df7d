package io.learnlytics.graph;

import io.learnlytics.graph.GraphRules.Prerequisite;
import io.learnlytics.store.Database;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.QueryConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.RoutingControl;
import org.neo4j.driver.exceptions.AuthenticationException;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * The knowledge graph in Neo4j, over Bolt, in the voice assistant's model: {@code (:Concept {name,
 * frequency, first_seen, last_seen})}, {@code [:RELATES_TO {strength, observation_count}]} and
 * {@code [:BUILDS_ON]} from a concept to its prerequisite, each node also carrying its {@code
 * learner} (see {@link GraphMirror}). An instance is one learner's graph (the default learner's
 * from {@link #connect}, another's from {@link #forLearner(String)}): every query matches only that
 * learner's nodes. Reads a graph the assistant wrote (nodes without a learner: the default
 * learner's) as it is; {@link GraphMirror} writes ours when asked to. The driver reconnects by
 * itself: a lost server makes calls fail with {@link GraphUnavailableException} until it is back.
 */
public final class Neo4jGraph implements KnowledgeGraph {
  private final Driver driver;
  private final String uri;
  private final String learner;
  private final boolean ownsDriver;
  private final GraphMemo memo = new GraphMemo(this::readVersion, VERSION_REUSE);
  private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();
  private volatile boolean failing;

  private Neo4jGraph(Driver driver, String uri, String learner, boolean ownsDriver) {
    this.driver = driver;
    this.uri = uri;
    this.learner = learner;
    this.ownsDriver = ownsDriver;
  }

  /** The same server seen as {@code learnerId}'s graph; closing it leaves the driver open. */
  public Neo4jGraph forLearner(String learnerId) {
    return learnerId.equals(learner) ? this : new Neo4jGraph(driver, uri, learnerId, false);
  }

  @Override
  public KnowledgeGraph forLearner(Database view) {
    return forLearner(view.learner());
  }

  /** Whose nodes this graph reads. */
  String learner() {
    return learner;
  }

  /**
   * The condition that node {@code v} is the learner's. Nodes without a learner are the default
   * learner's: the assistant writes its graph without one, and it feeds the default learner.
   */
  private String mine(String v) {
    return learner.equals(Database.DEFAULT_LEARNER)
        ? "(" + v + ".learner = $learner OR " + v + ".learner IS NULL)"
        : v + ".learner = $learner";
  }

  /**
   * Connects and checks the server answers; fails with a message naming the URI (never the
   * password) when it cannot be reached or refuses the credentials.
   */
  public static Neo4jGraph connect(URI uri, @Nullable String user, String password) {
    AuthToken auth =
        user == null || user.isBlank() ? AuthTokens.none() : AuthTokens.basic(user, password);
    Driver driver = GraphDatabase.driver(uri, auth, config());
    try {
      driver.verifyConnectivity();
    } catch (AuthenticationException e) {
      driver.close();
      throw new GraphUnavailableException(
          "Neo4j at "
              + uri
              + " refused the credentials; set LEARNLYTICS_NEO4J_USER and"
              + " LEARNLYTICS_NEO4J_PASSWORD",
          e);
    } catch (RuntimeException e) {
      driver.close();
      throw new GraphUnavailableException(
          "cannot reach Neo4j at " + uri + " (" + e.getMessage() + ")", e);
    }
    return new Neo4jGraph(driver, uri.toString(), Database.DEFAULT_LEARNER, true);
  }

  private static Config config() {
    return Config.builder()
        .withConnectionTimeout(5, TimeUnit.SECONDS)
        .withConnectionAcquisitionTimeout(5, TimeUnit.SECONDS)
        .withMaxTransactionRetryTime(2, TimeUnit.SECONDS)
        .withoutEncryption()
        .build();
  }

  Driver driver() {
    return driver;
  }

  String uri() {
    return uri;
  }

  @Override
  public String backend() {
    return "neo4j";
  }

  @Override
  public Stats stats() {
    return memo.get("stats", v -> readStats((Version) v));
  }

  private Stats readStats(Version v) {
    List<Connection> strongest =
        read(
            "MATCH (a:Concept)-[r:RELATES_TO|BUILDS_ON]->(b:Concept) WHERE "
                + mine("a")
                + " AND "
                + mine("b")
                + " AND r.strength IS NOT NULL RETURN a.name, b.name, type(r), r.strength, coalesce(r.observation_count, 1)"
                + " ORDER BY r.strength DESC, a.name, b.name, type(r) LIMIT $n",
            Map.of("n", GraphRules.STRONGEST),
            r ->
                new Connection(
                    r.get(0).asString(),
                    r.get(1).asString(),
                    r.get(2).asString(),
                    r.get(3).asDouble(),
                    r.get(4).asLong()));
    return new Stats(v.concepts(), v.relatesTo() + v.buildsOn(), strongest);
  }

  /**
   * What the answers depend on, as cheaply as Neo4j can tell: the learner's node and relationship
   * counts (by the learner index) and the minute. A change that keeps every count — new mentions of
   * known concepts, a strength updated in place — shows within a minute.
   */
  private record Version(long concepts, long relatesTo, long buildsOn, long minute) {}

  /** The questions of one panel share one version read (a round trip to the server). */
  private static final Duration VERSION_REUSE = Duration.ofMillis(250);

  private Version readVersion() {
    Record r =
        one(
            "CALL { MATCH (c:Concept) WHERE "
                + mine("c")
                + " RETURN count(c) AS n }"
                + " CALL { MATCH (c:Concept)-[r:RELATES_TO]->(d:Concept) WHERE "
                + mine("c")
                + " AND "
                + mine("d")
                + " RETURN count(r) AS a }"
                + " CALL { MATCH (c:Concept)-[r:BUILDS_ON]->(d:Concept) WHERE "
                + mine("c")
                + " AND "
                + mine("d")
                + " RETURN count(r) AS b }"
                + " RETURN n, a, b",
            Map.of());
    return new Version(
        r.get(0).asLong(),
        r.get(1).asLong(),
        r.get(2).asLong(),
        System.currentTimeMillis() / 60_000);
  }

  @Override
  public Coverage coverage() {
    return memo.get("coverage", v -> readCoverage());
  }

  private Coverage readCoverage() {
    Record r =
        one(
            "MATCH (c:Concept) WHERE "
                + mine("c")
                + " WITH coalesce(c.frequency, 0) AS f"
                + " RETURN count(*), count(CASE WHEN f >= 1 THEN 1 END),"
                + " count(CASE WHEN f >= $known THEN 1 END)",
            Map.of("known", GraphRules.KNOWN_MENTIONS));
    return GraphRules.coverage(r.get(0).asLong(), r.get(1).asLong(), r.get(2).asLong());
  }

  @Override
  public List<Gap> gaps(int limit) {
    return memo.get("gaps:" + limit, v -> readGaps(limit));
  }

  private List<Gap> readGaps(int limit) {
    List<Prerequisite> rows =
        read(
            "MATCH (s:Concept)-[:BUILDS_ON]->(t:Concept) WHERE "
                + mine("s")
                + " AND "
                + mine("t")
                + " AND coalesce(s.frequency, 0) >= 1 AND coalesce(t.frequency, 0) < $known"
                + " AND s <> t RETURN DISTINCT t.name, coalesce(t.frequency, 0), s.name",
            Map.of("known", GraphRules.KNOWN_MENTIONS),
            r -> new Prerequisite(r.get(0).asString(), r.get(1).asLong(), r.get(2).asString()));
    return GraphRules.gaps(rows, limit);
  }

  @Override
  public Optional<List<PathStep>> path(String target) {
    List<Record> found =
        read(
            "MATCH (c:Concept {name: $t}) WHERE " + mine("c") + " RETURN coalesce(c.frequency, 0)",
            Map.of("t", target),
            r -> r);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        GraphRules.walk(
            target,
            found.get(0).get(0).asLong(),
            names ->
                read(
                    "UNWIND $names AS n MATCH (c:Concept {name: n})-[:BUILDS_ON]->(p:Concept)"
                        + " WHERE "
                        + mine("c")
                        + " AND "
                        + mine("p")
                        + " RETURN DISTINCT n, p.name, coalesce(p.frequency, 0)",
                    Map.of("names", names),
                    r ->
                        new GraphRules.Link(
                            r.get(0).asString(), r.get(1).asString(), r.get(2).asLong()))));
  }

  @Override
  public List<Cluster> clusters(int limit) {
    return memo.get(
        "clusters:" + limit,
        v -> {
          Map<String, Long> mentions = new HashMap<>();
          read(
                  "MATCH (c:Concept) WHERE "
                      + mine("c")
                      + " RETURN c.name, coalesce(c.frequency, 0)",
                  Map.of(),
                  r -> r)
              .forEach(r -> mentions.put(r.get(0).asString(), r.get(1).asLong()));
          List<String[]> pairs =
              read(
                  "MATCH (a:Concept)-[:RELATES_TO|BUILDS_ON]->(b:Concept) WHERE "
                      + mine("a")
                      + " AND "
                      + mine("b")
                      + " RETURN DISTINCT a.name, b.name",
                  Map.of(),
                  r -> new String[] {r.get(0).asString(), r.get(1).asString()});
          return GraphRules.clusters(mentions, pairs, limit);
        });
  }

  private Record one(String cypher, Map<String, Object> params) {
    return read(cypher, params, r -> r).get(0);
  }

  /** Runs a read query with {@code $learner} bound besides {@code params}. */
  private <T> List<T> read(String cypher, Map<String, Object> params, Function<Record, T> map) {
    Map<String, Object> bound = new HashMap<>(params);
    bound.put("learner", learner);
    List<Record> records;
    try {
      records =
          driver
              .executableQuery(cypher)
              .withParameters(bound)
              .withConfig(QueryConfig.builder().withRouting(RoutingControl.READ).build())
              .execute()
              .records();
    } catch (Neo4jException | IllegalStateException e) {
      failing = true;
      throw new GraphUnavailableException("Neo4j at " + uri + " failed: " + e.getMessage(), e);
    }
    if (failing) {
      failing = false;
      recoveryListeners.forEach(Runnable::run);
    }
    return records.stream().map(map).toList();
  }

  @Override
  public boolean unavailable() {
    return failing;
  }

  @Override
  public void onRecovery(Runnable listener) {
    recoveryListeners.add(listener);
  }

  @Override
  public void close() {
    if (ownsDriver) {
      driver.close(); // a learner's view shares the driver of the graph it came from
    }
  }
}
