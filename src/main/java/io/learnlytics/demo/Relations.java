package io.learnlytics.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Plans the concept relations of a history and the day each one becomes known. */
final class Relations {
  static final String RELATES_TO = "RELATES_TO";
  static final String BUILDS_ON = "BUILDS_ON";

  /** One relation, emitted at the start of local day {@code day} (0 = first day). */
  record Relation(String source, String target, String type, double strength, int day) {}

  private Relations() {}

  /**
   * Every prerequisite of a studied topic becomes a BUILDS_ON relation (studied or not), and topics
   * of the same subject area get RELATES_TO links. A relation is emitted on the day its later topic
   * first draws interest, so most arrive at the start and a few later, as the learner branches out.
   */
  static List<Relation> plan(TopicPlan topics, int days, Random rnd) {
    List<Relation> out = new ArrayList<>();
    Set<String> pairs = new HashSet<>();
    for (int i = 0; i < topics.size(); i++) {
      Catalogue.Entry entry = topics.entry(i);
      for (String prerequisite : entry.prerequisites()) {
        double strength = round2(0.55 + 0.4 * rnd.nextDouble());
        add(out, pairs, topics, days, entry.name(), prerequisite, BUILDS_ON, strength);
      }
    }
    relateSameDomain(out, pairs, topics, days, rnd);
    out.sort(Comparator.comparingInt(Relation::day)); // stable: ties keep planning order
    return out;
  }

  /** About half the topics relate to a partner of their subject area; at least one always does. */
  private static void relateSameDomain(
      List<Relation> out, Set<String> pairs, TopicPlan topics, int days, Random rnd) {
    for (int i = 0; i < topics.size(); i++) {
      if (rnd.nextDouble() < 0.5) {
        int j = sameDomainPartner(topics, i, rnd);
        if (j >= 0) {
          double strength = round2(0.2 + 0.6 * rnd.nextDouble());
          add(out, pairs, topics, days, topics.name(i), topics.name(j), RELATES_TO, strength);
        }
      }
    }
    if (out.stream().noneMatch(r -> r.type().equals(RELATES_TO))) {
      // Twenty topics over seven subject areas always put two in one area.
      for (int i = 0; i < topics.size(); i++) {
        int j = sameDomainPartner(topics, i, rnd);
        if (j >= 0
            && add(out, pairs, topics, days, topics.name(i), topics.name(j), RELATES_TO, 0.5)) {
          break;
        }
      }
    }
  }

  private static int sameDomainPartner(TopicPlan topics, int i, Random rnd) {
    String domain = topics.entry(i).domain();
    int n = topics.size();
    int offset = rnd.nextInt(n);
    for (int k = 0; k < n; k++) {
      int j = (offset + k) % n;
      if (j != i && topics.entry(j).domain().equals(domain)) {
        return j;
      }
    }
    return -1;
  }

  private static boolean add(
      List<Relation> out,
      Set<String> pairs,
      TopicPlan topics,
      int days,
      String source,
      String target,
      String type,
      double strength) {
    // One relation per unordered pair, whatever its type, so the graph has no contradictions.
    String key = source.compareTo(target) < 0 ? source + "|" + target : target + "|" + source;
    if (!pairs.add(key)) {
      return false;
    }
    double start = Math.max(startOf(topics, source), startOf(topics, target));
    int day = (int) Math.round(start * (days - 1));
    out.add(new Relation(source, target, type, strength, day));
    return true;
  }

  private static double startOf(TopicPlan topics, String name) {
    int i = topics.indexOf(name);
    return i < 0 ? 0 : topics.start(i);
  }

  static double round2(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
