package io.learnlytics.insight;

import static io.learnlytics.insight.Candidate.evidence;

import io.learnlytics.graph.GraphUnavailableException;
import io.learnlytics.graph.KnowledgeGraph;
import io.learnlytics.graph.KnowledgeGraph.PathStep;
import io.learnlytics.store.Database;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Knowledge-graph insights from the embedded concept tables (a concept's frequency is the number of
 * exchanges that mention it; relations come from relation events).
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

  private final Database db;
  private final KnowledgeGraph graph;

  KnowledgeRule(Database db, KnowledgeGraph graph) {
    this.db = db;
    this.graph = graph;
  }

  @Override
  public List<Candidate> evaluate(Moment now) {
    return db.reader()
        .withHandle(
            h -> {
              List<Candidate> out = new ArrayList<>();
              connections(h, out);
              prerequisites(h, out);
              addPaths(out);
              emerging(h, now, out);
              return out;
            });
  }

  private static void connections(Handle h, List<Candidate> out) {
    Set<String> pairs = new LinkedHashSet<>();
    h.createQuery(
            "SELECT r.source, r.target, r.type, r.strength, s.frequency, t.frequency"
                + " FROM concept_relations r"
                + " JOIN concepts s ON s.name = r.source JOIN concepts t ON t.name = r.target"
                + " WHERE r.strength >= ? AND s.frequency > 0 AND t.frequency > 0"
                + " AND r.source <> r.target"
                + " ORDER BY r.strength DESC, r.source, r.target")
        .bind(0, STRONG)
        .map(
            (rs, ctx) ->
                new Object[] {
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getDouble(4),
                  rs.getLong(5),
                  rs.getLong(6)
                })
        .forEach(
            row -> {
              String a = (String) row[0];
              String b = (String) row[1];
              String pair = a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
              if (!pairs.add(pair)) {
                return; // a weaker relation of a pair already reported
              }
              double strength = (Double) row[3];
              out.add(
                  Candidate.of(
                          "knowledge:connection",
                          pair,
                          null,
                          "low",
                          "Strong connection: " + a + " and " + b,
                          String.format(
                              Locale.ROOT,
                              "You've built strong connections between %s and %s (%s, strength"
                                  + " %.2f).",
                              a,
                              b,
                              row[2],
                              strength),
                          evidence(
                              "source", a,
                              "target", b,
                              "relation", row[2],
                              "strength", strength,
                              "threshold", STRONG,
                              "source_mentions", row[4],
                              "target_mentions", row[5]))
                      .withMaxLive(MAX_LIVE));
            });
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
      String studied = (String) c.data().get("concept");
      try {
        graph
            .path(studied)
            .ifPresent(
                steps -> {
                  c.data().put("learning_path", steps.stream().map(PathStep::concept).toList());
                  c.data()
                      .put(
                          "path_next",
                          steps.stream()
                              .filter(s -> !s.known())
                              .map(PathStep::concept)
                              .findFirst()
                              .orElse(null));
                });
      } catch (GraphUnavailableException e) {
        return;
      }
    }
  }

  private static void prerequisites(Handle h, List<Candidate> out) {
    Set<String> pairs = new LinkedHashSet<>();
    h.createQuery(
            "SELECT r.source, r.target, r.strength, s.frequency FROM concept_relations r"
                + " JOIN concepts s ON s.name = r.source JOIN concepts t ON t.name = r.target"
                + " WHERE r.type = 'BUILDS_ON' AND s.frequency > 0 AND t.frequency = 0"
                + " AND r.source <> r.target"
                + " ORDER BY s.frequency DESC, r.strength DESC, r.source, r.target")
        .map(
            (rs, ctx) ->
                new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3), rs.getLong(4)})
        .forEach(
            row -> {
              String studied = (String) row[0];
              String missing = (String) row[1];
              if (!pairs.add(studied + "|" + missing)) {
                return;
              }
              out.add(
                  Candidate.of(
                          "knowledge:prerequisite",
                          studied + "|" + missing,
                          null,
                          "medium",
                          "Knowledge gap: consider learning " + missing,
                          "You study "
                              + studied
                              + " but never studied its prerequisite "
                              + missing
                              + ".",
                          evidence(
                              "concept",
                              studied,
                              "concept_mentions",
                              row[3],
                              "prerequisite",
                              missing,
                              "prerequisite_mentions",
                              0L,
                              "relation",
                              "BUILDS_ON",
                              "strength",
                              row[2] == null ? null : ((Number) row[2]).doubleValue()))
                      .withMaxLive(MAX_LIVE));
            });
  }

  private static void emerging(Handle h, Moment now, List<Candidate> out) {
    LocalDate since = now.today().minusDays(EMERGING_DAYS - 1L);
    h.createQuery(
            "SELECT name, frequency, first_seen_utc FROM concepts"
                + " WHERE first_seen_utc >= ? AND frequency >= ?"
                + " ORDER BY frequency DESC, name")
        .bind(0, now.dayStart(since))
        .bind(1, EMERGING_MENTIONS)
        .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)})
        .forEach(
            row -> {
              String name = (String) row[0];
              LocalDate first = now.dateOf((Long) row[2]);
              out.add(
                  Candidate.of(
                          "knowledge:emerging",
                          name,
                          null,
                          "low",
                          "Emerging interest: " + name,
                          "You first explored "
                              + name
                              + " on "
                              + DAY.format(first)
                              + " and it has come up in "
                              + row[1]
                              + " exchanges since: your learning path is heading there.",
                          evidence(
                              "concept",
                              name,
                              "first_seen",
                              first.toString(),
                              "first_seen_utc",
                              Instant.ofEpochMilli((Long) row[2]).toString(),
                              "mentions",
                              row[1],
                              "window_days",
                              EMERGING_DAYS,
                              "min_mentions",
                              EMERGING_MENTIONS))
                      .withMaxLive(MAX_LIVE));
            });
  }
}
