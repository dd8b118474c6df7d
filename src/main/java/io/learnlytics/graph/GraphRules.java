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
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

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
                    mentions.getOrDefault(e.getKey(), 0L),
                    e.getValue().stream().limit(NAMES_SHOWN).toList()))
        .toList();
  }

  /** A {@code BUILDS_ON} link as a store returns it, with the prerequisite's mentions. */
  record Link(String concept, String prerequisite, long mentions) {}

  /**
   * The learning path toward {@code target}, found breadth first with one call of {@code
   * prerequisitesOf} per level (a query per level on either store: a variable-length pattern or a
   * recursive query enumerates every path, which explodes on a dense prerequisite graph), up to
   * {@link #MAX_PATH_DEPTH} levels, then ordered by {@link #path(String, Map, List)}.
   */
  static List<PathStep> walk(
      String target, long targetMentions, Function<List<String>, List<Link>> prerequisitesOf) {
    Map<String, Long> mentions = new HashMap<>();
    mentions.put(target, targetMentions);
    List<String[]> edges = new ArrayList<>();
    Set<String> seen = new HashSet<>(List.of(target));
    List<String> frontier = List.of(target);
    for (int depth = 1; depth <= MAX_PATH_DEPTH && !frontier.isEmpty(); depth++) {
      List<String> next = new ArrayList<>();
      for (Link l : prerequisitesOf.apply(frontier)) {
        edges.add(new String[] {l.concept(), l.prerequisite()});
        mentions.put(l.prerequisite(), l.mentions());
        if (seen.add(l.prerequisite())) {
          next.add(l.prerequisite());
        }
      }
      frontier = next;
    }
    return path(target, mentions, edges);
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

  /** Most rounds of label propagation; it settles in a handful on learners' graphs. */
  static final int MAX_ROUNDS = 20;

  /**
   * Communities of the concepts joined by {@code pairs} (direction and type ignored), by label
   * propagation made deterministic: every concept starts as its own label; concepts in name order
   * take the label with the most weight among their neighbours, keeping their own on a tie if it is
   * among the heaviest, else the smallest; until no label changes. A neighbour weighs one plus the
   * neighbours the two share, so a lone bridge between two tight groups pulls less than the links
   * inside them. Communities of two concepts or more, largest first, then by hub name; concepts
   * listed most mentioned first.
   */
  static List<Cluster> clusters(Map<String, Long> mentions, List<String[]> pairs, int limit) {
    Adjacency graph = Adjacency.of(pairs);
    int[] label = propagate(graph);
    Map<Integer, List<String>> groups = new TreeMap<>();
    for (int c = 0; c < label.length; c++) {
      groups.computeIfAbsent(label[c], k -> new ArrayList<>()).add(graph.names[c]);
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

  /**
   * The undirected graph of {@code pairs} with concepts numbered in name order (so the smallest
   * label is the first name), each neighbour weighted by one plus the neighbours the two share.
   */
  private record Adjacency(String[] names, int[][] neighbours, int[][] weights) {
    static Adjacency of(List<String[]> pairs) {
      TreeMap<String, Set<String>> sets = new TreeMap<>();
      for (String[] p : pairs) {
        if (!p[0].equals(p[1])) {
          sets.computeIfAbsent(p[0], k -> new HashSet<>()).add(p[1]);
          sets.computeIfAbsent(p[1], k -> new HashSet<>()).add(p[0]);
        }
      }
      String[] names = sets.keySet().toArray(new String[0]);
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < names.length; i++) {
        index.put(names[i], i);
      }
      int[][] neighbours = new int[names.length][];
      for (int i = 0; i < names.length; i++) {
        // names are the keys of sets
        neighbours[i] =
            Objects.requireNonNull(sets.get(names[i])).stream()
                .mapToInt(index::get)
                .sorted()
                .toArray();
      }
      int[][] weights = new int[names.length][];
      for (int i = 0; i < names.length; i++) {
        weights[i] = new int[neighbours[i].length];
        for (int k = 0; k < neighbours[i].length; k++) {
          weights[i][k] = 1 + shared(neighbours[i], neighbours[neighbours[i][k]]);
        }
      }
      return new Adjacency(names, neighbours, weights);
    }

    /** Common entries of two sorted arrays. */
    private static int shared(int[] a, int[] b) {
      int n = 0;
      for (int i = 0, j = 0; i < a.length && j < b.length; ) {
        if (a[i] == b[j]) {
          n++;
          i++;
          j++;
        } else if (a[i] < b[j]) {
          i++;
        } else {
          j++;
        }
      }
      return n;
    }
  }

  private static int[] propagate(Adjacency g) {
    int n = g.names.length;
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      label[i] = i;
    }
    int[] votes = new int[n];
    int[] touched = new int[n];
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean changed = false;
      for (int c = 0; c < n; c++) {
        int count = 0;
        int best = 0;
        for (int k = 0; k < g.neighbours[c].length; k++) {
          int l = label[g.neighbours[c][k]];
          if (votes[l] == 0) {
            touched[count++] = l;
          }
          votes[l] += g.weights[c][k];
          best = Math.max(best, votes[l]);
        }
        int chosen = label[c];
        if (votes[chosen] < best) {
          chosen = Integer.MAX_VALUE;
          for (int t = 0; t < count; t++) {
            if (votes[touched[t]] == best) {
              chosen = Math.min(chosen, touched[t]);
            }
          }
        }
        for (int t = 0; t < count; t++) {
          votes[touched[t]] = 0;
        }
        if (chosen != label[c]) {
          label[c] = chosen;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    return label;
  }
}
