package io.learnlytics.insight;

import static io.learnlytics.insight.Candidate.evidence;

import io.learnlytics.graph.ConceptFacts;
import io.learnlytics.graph.ConceptFacts.MissingPrerequisite;
import io.learnlytics.graph.ConceptFacts.NewConcept;
import io.learnlytics.graph.ConceptFacts.StrongRelation;
import io.learnlytics.graph.GraphUnavailableException;
import io.learnlytics.graph.KnowledgeGraph;
import io.learnlytics.graph.KnowledgeGraph.PathStep;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Knowledge-graph insights from the embedded concept tables ({@link ConceptFacts}; a concept's
 * frequency is the number of exchanges that mention it; relations come from relation events).
 *
 * <ul>
 *   <li>Strong connection (low): a relation of strength at least {@value #STRONG} between two
 *       concepts that exchanges have both mentioned; one per pair of concepts, strongest first.
 *   <li>Prerequisite never studied (medium): {@code X BUILDS_ON Y} where X has been studied
 *       (frequency above 0) and Y never has.
 *   <li>Emerging area (low): a concept first mentioned within the last {@value #EMERGING_DAYS}
 *       learning days and mentioned by at least {@value #EMERGING_MENTIONS} exchanges since.
 * </ul>
 *
 * Keys hold the concept names, so each fact is told once; at most {@value #MAX_LIVE} of each kind
 * are listed at a time, and a dismissed one makes room for the next.
 */
final class KnowledgeRule implements Rule {
  static final double STRONG = 0.8;
  static final int EMERGING_DAYS = 14;
  static final int EMERGING_MENTIONS = 3;
  static final int MAX_LIVE = 3;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

  /** Gaps whose evidence carries the learning path (one graph query each). */
  static final int PATHS = 10;

  private final ConceptFacts concepts;
  private final KnowledgeGraph graph;

  KnowledgeRule(ConceptFacts concepts, KnowledgeGraph graph) {
    this.concepts = concepts;
    this.graph = graph;
  }

  @Override
  public List<Candidate> evaluate(Moment now) {
    List<Candidate> out = new ArrayList<>();
    connections(out);
    prerequisites(out);
    addPaths(out);
    emerging(now, out);
    return out;
  }

  private void connections(List<Candidate> out) {
    Set<String> pairs = new LinkedHashSet<>();
    for (StrongRelation r : concepts.strongRelations(STRONG)) {
      String a = r.source();
      String b = r.target();
      String pair = a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
      if (pairs.add(pair)) { // else a weaker relation of a pair already reported
        out.add(connection(r, pair));
      }
    }
  }

  private static Candidate connection(StrongRelation r, String pair) {
    return Candidate.of(
            "knowledge:connection",
            pair,
            null,
            "low",
            "Strong connection: " + r.source() + " and " + r.target(),
            String.format(
                Locale.ROOT,
                "You've built strong connections between %s and %s (%s, strength %.2f).",
                r.source(),
                r.target(),
                r.type(),
                r.strength()),
            evidence(
                "source", r.source(),
                "target", r.target(),
                "relation", r.type(),
                "strength", r.strength(),
                "threshold", STRONG,
                "source_mentions", r.sourceMentions(),
                "target_mentions", r.targetMentions()))
        .withMaxLive(MAX_LIVE);
  }

  /**
   * Adds to the first {@value #PATHS} knowledge gaps the learning path toward the studied concept,
   * as the graph panel shows it ({@code learning_path}, {@code path_next}); without the graph
   * (Neo4j down) the gaps are told without it.
   */
  private void addPaths(List<Candidate> out) {
    int added = 0;
    for (Candidate c : out) {
      if (!c.rule().equals("knowledge:prerequisite") || added++ >= PATHS) {
        continue;
      }
      // every prerequisite candidate carries its concept (see its evidence below)
      String studied = (String) Objects.requireNonNull(c.data().get("concept"));
      try {
        graph.path(studied).ifPresent(steps -> addPath(c, steps));
      } catch (GraphUnavailableException e) {
        return;
      }
    }
  }

  private static void addPath(Candidate c, List<PathStep> steps) {
    c.data().put("learning_path", steps.stream().map(PathStep::concept).toList());
    c.data()
        .put(
            "path_next",
            steps.stream().filter(s -> !s.known()).map(PathStep::concept).findFirst().orElse(null));
  }

  private void prerequisites(List<Candidate> out) {
    Set<String> pairs = new LinkedHashSet<>();
    for (MissingPrerequisite p : concepts.missingPrerequisites()) {
      if (pairs.add(p.studied() + "|" + p.missing())) {
        out.add(prerequisite(p));
      }
    }
  }

  private static Candidate prerequisite(MissingPrerequisite p) {
    return Candidate.of(
            "knowledge:prerequisite",
            p.studied() + "|" + p.missing(),
            null,
            "medium",
            "Knowledge gap: consider learning " + p.missing(),
            "You study " + p.studied() + " but never studied its prerequisite " + p.missing() + ".",
            evidence(
                "concept",
                p.studied(),
                "concept_mentions",
                p.studiedMentions(),
                "prerequisite",
                p.missing(),
                "prerequisite_mentions",
                0L,
                "relation",
                "BUILDS_ON",
                "strength",
                p.strength()))
        .withMaxLive(MAX_LIVE);
  }

  private void emerging(Moment now, List<Candidate> out) {
    LocalDate since = now.today().minusDays(EMERGING_DAYS - 1L);
    for (NewConcept c : concepts.firstSeenSince(now.dayStart(since), EMERGING_MENTIONS)) {
      out.add(emerging(c, now.dateOf(c.firstSeenUtc())));
    }
  }

  private static Candidate emerging(NewConcept c, LocalDate first) {
    return Candidate.of(
            "knowledge:emerging",
            c.name(),
            null,
            "low",
            "Emerging interest: " + c.name(),
            "You first explored "
                + c.name()
                + " on "
                + DAY.format(first)
                + " and it has come up in "
                + c.mentions()
                + " exchanges since: your learning path is heading there.",
            emergingEvidence(c, first))
        .withMaxLive(MAX_LIVE);
  }

  private static Map<String, Object> emergingEvidence(NewConcept c, LocalDate first) {
    return evidence(
        "concept",
        c.name(),
        "first_seen",
        first.toString(),
        "first_seen_utc",
        Instant.ofEpochMilli(c.firstSeenUtc()).toString(),
        "mentions",
        c.mentions(),
        "window_days",
        EMERGING_DAYS,
        "min_mentions",
        EMERGING_MENTIONS);
  }
}
