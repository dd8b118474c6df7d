package io.learnlytics.graph;

import org.neo4j.harness.Neo4j;

/**
 * An in-process Neo4j for {@code bench-graph --graph bolt://localhost:PORT} on a machine without
 * one (docs/benchmarks.md shows the command line). Runs until killed.
 */
public final class Neo4jBenchServer {
  private Neo4jBenchServer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 7687;
    Neo4j neo4j = GraphFixture.neo4jOnPort(port, "RETURN 1");
    Runtime.getRuntime().addShutdownHook(new Thread(neo4j::close));
    System.out.println("Neo4j (in-process) listening at " + neo4j.boltURI());
    Thread.currentThread().join();
  }
}
