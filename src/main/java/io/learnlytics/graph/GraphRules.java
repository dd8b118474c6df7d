package io.learnlytics.graph;

import io.learnlytics.graph.KnowledgeGraph.Cluster;
import io.learnlytics.graph.KnowledgeGraph.Coverage;
import io.learnlytics.graph.KnowledgeGraph.Gap;
import io.learnlytics.graph.KnowledgeGraph.PathStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The graph analytics both backends share: each backend fetches the facts (mentions, prerequisite
 * pairs, connections) in its own query language, and these rules rank and order them, so both give
 * the same answers on the same graph.
 */
final class GraphRules {
  /** Mentions from which a concept counts as known (the specification's {@code frequency >= 3}). */
  static final int KNOWN_MENTIONS = 3;

  /** Connections listed as the strongest. */
  static final int STRONGEST = 10;

  /** Deepest prerequisite chain followed toward a target (cycles stop there too). */
  static final int MAX_PATH_DEPTH = 10;

  /** Concepts named per cluster and dependents named per gap. */
  static final int NAMES_SHOWN = 8;

  private GraphRules() {}

  static Coverage coverage(long total, long studied, long known) {
    double percent = total == 0 ? 0 : Math.round(known * 1000.0 / total) / 10.0;
    return new Coverage(total, studied, known, percent);
  }

  /** A studied concept ({@code dependent}) builds on a prerequisite with few mentions. */
  record Prerequisite(String concept, long mentions, String dependent) {}

  /** One gap per prerequisite: needed by the most studied concepts first, then least studied. */
  static List<Gap> gaps(List<Prerequisite> rows, int limit) {
    Map<String, Long> mentions = new HashMap<>();
    Map<String, TreeSet<String>> neededBy = new HashMap<>();
    for (Prerequisite p : rows) {
      mentions.put(p.concept(), p.mentions());
      neededBy.computeIfAbsent(p.concept(), k -> new TreeSet<>()).add(p.dependent());
    }
    return neededBy.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, TreeSet<String>>>comparingInt(e -> -e.getValue().size())
                .thenComparingLong(e -> mentions.get(e.getKey()))
                .thenComparing(Map.Entry::getKey))
        .limit(limit)
        .map(
            e ->
                new Gap(
                    e.getKey(),
                    mentions.get(e.getKey()),
                    e.getValue().stream().limit(NAMES_SHOWN).toList()))
        .toList();
  }

  /**
   * Every prerequisite reachable from {@code target} (within {@link #MAX_PATH_DEPTH}), each after
   * its own prerequisites, ties by name, then the target. {@code edges}: {concept, prerequisite}.
   */
  static List<PathStep> path(String target, Map<String, Long> mentions, List<String[]> edges) {
    Map<String, TreeSet<String>> prerequisites = new HashMap<>();
    for (String[] e : edges) {
      prerequisites.computeIfAbsent(e[0], k -> new TreeSet<>()).add(e[1]);
    }
    LinkedHashSet<String> order = new LinkedHashSet<>();
    visit(target, prerequisites, new HashSet<>(), order);
    List<PathStep> steps = new ArrayList<>();
    for (String concept : order) {
      long m = mentions.getOrDefault(concept, 0L);
      steps.add(new PathStep(concept, m, m >= KNOWN_MENTIONS));
    }
    return steps;
  }

  private static void visit(
      String concept,
      Map<String, TreeSet<String>> prerequisites,
      Set<String> onStack,
      LinkedHashSet<String> order) {
    if (order.contains(concept) || !onStack.add(concept)) {
      return; // placed already, or a cycle: studied in name order from here
    }
    for (String p : prerequisites.getOrDefault(concept, new TreeSet<>())) {
      visit(p, prerequisites, onStack, order);
    }
    onStack.remove(concept);
    order.add(concept);
  }

  /**
   * Connected components of the concepts joined by {@code pairs} (direction and type ignored), of
   * two concepts or more: largest first, then by hub name. Concepts are listed most mentioned
   * first.
   */
  static List<Cluster> clusters(Map<String, Long> mentions, List<String[]> pairs, int limit) {
    Map<String, String> parent = new HashMap<>();
    for (String[] p : pairs) {
      union(parent, p[0], p[1]);
    }
    Map<String, List<String>> groups = new TreeMap<>();
    for (String concept : parent.keySet()) {
      groups.computeIfAbsent(find(parent, concept), k -> new ArrayList<>()).add(concept);
    }
    Comparator<String> byMentions =
        Comparator.<String>comparingLong(c -> -mentions.getOrDefault(c, 0L))
            .thenComparing(Comparator.naturalOrder());
    return groups.values().stream()
        .filter(g -> g.size() >= 2)
        .map(
            g -> {
              List<String> sorted = g.stream().sorted(byMentions).toList();
              return new Cluster(
                  sorted.get(0), sorted.size(), sorted.stream().limit(NAMES_SHOWN).toList());
            })
        .sorted(Comparator.comparingInt((Cluster c) -> -c.size()).thenComparing(Cluster::hub))
        .limit(limit)
        .toList();
  }

  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) {
      parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
    }
  }

  private static String find(Map<String, String> parent, String x) {
    String root = x;
    while (true) {
      String p = parent.putIfAbsent(root, root);
      if (p == null || p.equals(root)) {
        break;
      }
      root = p;
    }
    for (String c = x; !c.equals(root); ) { // path compression
      String next = parent.get(c);
      parent.put(c, root);
      c = next;
    }
    return root;
  }
}
