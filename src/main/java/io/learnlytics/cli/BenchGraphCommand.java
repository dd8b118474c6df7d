package io.learnlytics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.App;
import io.learnlytics.api.WebServer;
import io.learnlytics.config.Config;
import io.learnlytics.graph.GraphMirror;
import io.learnlytics.graph.Neo4jGraph;
import io.learnlytics.store.DbLocation;
import io.learnlytics.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench-graph}: builds (once) a database whose knowledge graph has {@code --concepts}
 * concepts and {@code --relations} relations, then measures the topics endpoint and learning paths
 * uncached over HTTP — on the embedded graph, or on Neo4j with {@code --graph bolt://…} after
 * writing the same graph there.
 */
@Command(
    name = "bench-graph",
    mixinStandardHelpOptions = true,
    description = "Benchmark: knowledge-graph answers (topics panel, paths) on a large graph.")
final class BenchGraphCommand implements Callable<Integer> {
  @Option(names = "--db", required = true, paramLabel = "FILE", description = "Database to use")
  Path db;

  @Option(names = "--concepts", defaultValue = "10000", description = "Concepts to generate")
  int concepts;

  @Option(names = "--relations", defaultValue = "50000", description = "Relations to generate")
  int relations;

  @Option(names = "--requests", defaultValue = "500", description = "Requests per measurement")
  int requests;

  @Option(
      names = "--graph",
      paramLabel = "URI",
      defaultValue = "embedded",
      description = "'embedded' or a Neo4j URI (credentials from LEARNLYTICS_NEO4J_*)")
  String graph;

  private final HttpTimer http = new HttpTimer();

  @Override
  public Integer call() throws Exception {
    boolean fresh = !Files.exists(db);
    try (App app = App.open(config())) {
      if (fresh) {
        long t0 = System.nanoTime();
        generate(app);
        System.out.printf(
            "generated %,d concepts and %,d relations in %.1f s%n",
            concepts, relations, (System.nanoTime() - t0) / 1e9);
      }
      if (app.graph() instanceof Neo4jGraph neo4j) {
        long t0 = System.nanoTime();
        new GraphMirror(app.db(), neo4j).push();
        System.out.printf("wrote the graph to Neo4j in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      }
      try (WebServer server = new WebServer(app, Duration.ZERO).start()) {
        measure(app, "http://127.0.0.1:" + server.port());
      }
    }
    return 0;
  }

  private Config config() {
    Config.Graph settings =
        new Config.Graph(
            Config.Graph.parse(graph),
            Optional.ofNullable(System.getenv("LEARNLYTICS_NEO4J_USER")),
            Optional.ofNullable(System.getenv("LEARNLYTICS_NEO4J_PASSWORD")),
            false,
            false);
    return Config.defaults().withDb(DbLocation.file(db)).withPort(0).withGraph(settings);
  }

  /** Times the topic graph and two shortest paths (a far and a middle concept), uncached. */
  private void measure(App app, String base) throws Exception {
    List<String> urls =
        List.of(
            "/api/analytics/topics?period=30d",
            "/api/analytics/topics/path?to=c" + (concepts - 1),
            "/api/analytics/topics/path?to=c" + (concepts / 2));
    for (String url : urls) {
      http.measure(base + url, () -> app.cache().invalidate(), requests / 5); // JIT warm-up
    }
    System.out.printf(
        "%s graph, %,d concepts, %,d relations; %d requests each%n",
        app.graph().backend(), concepts, relations, requests);
    System.out.printf("%-56s %27s%n", "endpoint", "uncached p50/p95/p99 ms");
    for (String url : urls) {
      double[] ms = http.measure(base + url, () -> app.cache().invalidate(), requests);
      System.out.printf("%-56s %27s%n", url, HttpTimer.percentiles(ms));
    }
    if (!(app.graph() instanceof Neo4jGraph)) {
      timeAfterChange(app, base + urls.get(0));
    }
  }

  /**
   * Concepts c0..cN mentioned by exchanges with a long-tailed count (c0 most), relations between
   * random pairs: a quarter {@code BUILDS_ON} from a later concept to an earlier one (so chains run
   * toward c0), the rest {@code RELATES_TO} with a strength.
   */
  private void generate(App app) {
    List<JsonNode> batch = new ArrayList<>();
    generateMentions(app, batch);
    generateRelations(app, batch);
    flush(app, batch, true);
    app.rollups().refreshDirty();
  }

  private void generateMentions(App app, List<JsonNode> batch) {
    Instant start = Instant.parse("2026-01-01T08:00:00Z");
    int exchange = 0;
    for (int c = 0; c < concepts; c++) {
      int mentions = (int) (20 / (1 + c / 50.0)); // c0..c49: 20; the tail: 0
      for (int m = 0; m < mentions; m++) {
        ObjectNode x = Json.MAPPER.createObjectNode().put("kind", "exchange");
        x.put("id", "bx" + exchange).put("session_id", "bs" + exchange / 10);
        x.put("timestamp", start.plusSeconds(exchange * 60L).toString());
        x.putArray("topics").add("c" + c);
        batch.add(x);
        exchange++;
        flush(app, batch, false);
      }
    }
  }

  private void generateRelations(App app, List<JsonNode> batch) {
    Random random = new Random(42);
    for (int r = 0; r < relations; r++) {
      int a = random.nextInt(concepts);
      int b = random.nextInt(concepts);
      boolean buildsOn = random.nextInt(4) == 0;
      ObjectNode e = Json.MAPPER.createObjectNode().put("kind", "relation").put("id", "br" + r);
      e.put("source", "c" + Math.max(a, b)).put("target", "c" + Math.min(a, b));
      e.put("type", buildsOn ? "BUILDS_ON" : "RELATES_TO");
      if (!buildsOn) {
        e.put("strength", Math.round(random.nextDouble() * 1000) / 1000.0);
      }
      batch.add(e);
      flush(app, batch, false);
    }
  }

  /**
   * Answers computed from the embedded graph are reused until it changes: times the first request
   * after a change too (a new relation event before each request). On Neo4j the answers are re-read
   * when its counts change or a minute has passed.
   */
  private void timeAfterChange(App app, String url) throws Exception {
    AtomicInteger added = new AtomicInteger();
    String run = Long.toString(System.currentTimeMillis(), 36); // fresh ids on every invocation
    double[] changed =
        http.measure(
            url,
            () -> {
              app.ingest()
                  .ingest(List.of(relation("bench-new-" + run + "-" + added.incrementAndGet())));
              app.cache().invalidate();
            },
            Math.max(20, requests / 10));
    System.out.printf(
        "%-56s %27s%n", "the same, after a graph change", HttpTimer.percentiles(changed));
  }

  private JsonNode relation(String id) {
    ObjectNode e = Json.MAPPER.createObjectNode().put("kind", "relation").put("id", id);
    e.put("source", "c" + (concepts - 1)).put("target", "c0").put("type", "RELATES_TO");
    return e.put("strength", 0.5);
  }

  private static void flush(App app, List<JsonNode> batch, boolean always) {
    if (batch.size() >= 10_000 || (always && !batch.isEmpty())) {
      app.ingest().ingest(batch);
      batch.clear();
    }
  }
}
