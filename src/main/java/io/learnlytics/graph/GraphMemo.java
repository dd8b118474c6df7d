package io.learnlytics.graph;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers computed from one version of the graph, reused until the version changes: the graph
 * changes with relation events and new topics, far less often than it is read, and its answers need
 * whole-graph scans (clusters need every connection). The version itself is read at most once per
 * {@code reuse} (zero: on every question), so the questions of one panel can share a round trip.
 */
final class GraphMemo {
  private final Supplier<Object> readVersion;
  private final long reuseNanos;

  @SuppressWarnings("NullAway.Init") // read by the first currentVersion(), which checks for null
  private Object version;

  private long versionReadNanos;
  private final Map<String, Object> answers = new HashMap<>();

  GraphMemo(Supplier<Object> readVersion, Duration reuse) {
    this.readVersion = readVersion;
    this.reuseNanos = reuse.toNanos();
  }

  /** The answer to {@code question} for the current version, computed from it on a miss. */
  @SuppressWarnings("unchecked")
  synchronized <T> T get(String question, Function<Object, T> compute) {
    Object current = currentVersion();
    if (!Objects.equals(version, current)) {
      answers.clear();
      version = current;
    }
    Object answer = answers.get(question);
    if (answer == null) {
      answer = compute.apply(current);
      answers.put(question, answer);
    }
    return (T) answer;
  }

  private Object currentVersion() {
    long now = System.nanoTime();
    if (version == null || reuseNanos == 0 || now - versionReadNanos >= reuseNanos) {
      Object read = readVersion.get();
      versionReadNanos = now; // after the read: a failed one is retried by the next question
      return read;
    }
    return version;
  }
}
