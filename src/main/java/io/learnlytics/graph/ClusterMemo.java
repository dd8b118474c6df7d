package io.learnlytics.graph;

import io.learnlytics.graph.KnowledgeGraph.Cluster;
import java.util.List;
import java.util.function.Supplier;

/**
 * The last computed clusters, with the graph version they were computed for: clusters need every
 * connection of the graph, which costs far more than a cheap version stamp (counts, newest row).
 */
final class ClusterMemo {
  private record Entry(String version, int limit, List<Cluster> clusters) {}

  private volatile Entry last;

  List<Cluster> get(String version, int limit, Supplier<List<Cluster>> compute) {
    Entry e = last;
    if (e != null && e.version().equals(version) && e.limit() == limit) {
      return e.clusters();
    }
    List<Cluster> clusters = compute.get();
    last = new Entry(version, limit, clusters);
    return clusters;
  }
}
