package io.learnlytics.graph;

import io.learnlytics.store.Database;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Mirrors every learner's graph into Neo4j ({@code --graph-write}), each through a {@link
 * GraphMirror} of its own. A sweep over thousands of learners would ask each for its version; the
 * file-wide {@code graph_version} (bumped by the concept and relation triggers) is read first, so a
 * sweep while nothing changed costs one query.
 */
public final class GraphMirrors {
  private final Database root;
  private final Neo4jGraph neo4j;
  private final Supplier<List<String>> learners;
  private final Map<String, GraphMirror> mirrors = new HashMap<>();
  private long seen = -1;

  public GraphMirrors(Database root, Neo4jGraph neo4j, Supplier<List<String>> learners) {
    this.root = root;
    this.neo4j = neo4j;
    this.learners = learners;
  }

  /**
   * Pushes every learner whose graph changed since their last push; returns how many were pushed.
   * When one fails, the next sweep tries every learner again.
   */
  public synchronized int push() {
    long version =
        root.reader()
            .withHandle(h -> h.createQuery("SELECT v FROM graph_version").mapTo(Long.class).one());
    if (version == seen) {
      return 0;
    }
    int pushed = 0;
    for (String id : learners.get()) {
      GraphMirror mirror =
          mirrors.computeIfAbsent(id, learner -> new GraphMirror(root.forLearner(learner), neo4j));
      if (mirror.push()) {
        pushed++;
      }
    }
    seen = version;
    return pushed;
  }
}
