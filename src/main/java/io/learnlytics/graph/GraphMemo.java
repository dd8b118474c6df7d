package io.learnlytics.graph;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Answers computed from one version of the graph, reused until the version changes: the graph
 * changes with relation events and new topics, far less often than it is read, and its answers need
 * whole-graph scans (clusters need every connection).
 */
final class GraphMemo {
  private Object version;
  private final Map<String, Object> answers = new HashMap<>();

  @SuppressWarnings("unchecked")
  synchronized <T> T get(Object currentVersion, String question, Supplier<T> compute) {
    if (!Objects.equals(version, currentVersion)) {
      answers.clear();
      version = currentVersion;
    }
    Object answer = answers.get(question);
    if (answer == null) {
      answer = compute.get();
      answers.put(question, answer);
    }
    return (T) answer;
  }
}
