package io.learnlytics.graph;

import io.learnlytics.store.Database;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Facts about concepts read from the embedded concept tables, which ingest keeps whichever graph
 * serves the panels: strong relations, missing prerequisites and newly mentioned concepts, for the
 * knowledge insights. A concept's mentions are the exchanges that mention it. The facts are those
 * of the learner of the database view.
 */
public final class ConceptFacts {
  private final Database db;

  public ConceptFacts(Database db) {
    this.db = db;
  }

  /** A relation between two different, mentioned concepts. */
  public record StrongRelation(
      String source,
      String target,
      String type,
      double strength,
      long sourceMentions,
      long targetMentions) {}

  /** {@code studied BUILDS_ON missing}, where {@code missing} was never mentioned. */
  public record MissingPrerequisite(
      String studied, String missing, @Nullable Double strength, long studiedMentions) {}

  /** A concept and its first mention (UTC epoch ms). */
  public record NewConcept(String name, long mentions, long firstSeenUtc) {}

  /** Relations of at least {@code minStrength} between mentioned concepts, strongest first. */
  public List<StrongRelation> strongRelations(double minStrength) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT r.source, r.target, r.type, r.strength, s.frequency, t.frequency"
                            + " FROM concept_relations r"
                            + " JOIN concepts s ON s.learner_id = r.learner_id AND s.name = r.source"
                            + " JOIN concepts t ON t.learner_id = r.learner_id AND t.name = r.target"
                            + " WHERE r.learner_id = ? AND r.strength >= ?"
                            + " AND s.frequency > 0 AND t.frequency > 0 AND r.source <> r.target"
                            + " ORDER BY r.strength DESC, r.source, r.target")
                    .bind(0, db.learner())
                    .bind(1, minStrength)
                    .map(
                        (rs, ctx) ->
                            new StrongRelation(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getDouble(4),
                                rs.getLong(5),
                                rs.getLong(6)))
                    .list());
  }

  /** Prerequisites never mentioned of mentioned concepts, most mentioned concept first. */
  public List<MissingPrerequisite> missingPrerequisites() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT r.source, r.target, r.strength, s.frequency FROM concept_relations r"
                            + " JOIN concepts s ON s.learner_id = r.learner_id AND s.name = r.source"
                            + " JOIN concepts t ON t.learner_id = r.learner_id AND t.name = r.target"
                            + " WHERE r.learner_id = ? AND r.type = 'BUILDS_ON'"
                            + " AND s.frequency > 0 AND t.frequency = 0 AND r.source <> r.target"
                            + " ORDER BY s.frequency DESC, r.strength DESC, r.source, r.target")
                    .bind(0, db.learner())
                    .map(
                        (rs, ctx) ->
                            new MissingPrerequisite(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getObject(3) == null ? null : rs.getDouble(3),
                                rs.getLong(4)))
                    .list());
  }

  /** Concepts first mentioned at or after {@code sinceUtc}, with at least {@code minMentions}. */
  public List<NewConcept> firstSeenSince(long sinceUtc, int minMentions) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT name, frequency, first_seen_utc FROM concepts"
                            + " WHERE learner_id = ? AND first_seen_utc >= ? AND frequency >= ?"
                            + " ORDER BY frequency DESC, name")
                    .bind(0, db.learner())
                    .bind(1, sinceUtc)
                    .bind(2, minMentions)
                    .map((rs, ctx) -> new NewConcept(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                    .list());
  }
}
