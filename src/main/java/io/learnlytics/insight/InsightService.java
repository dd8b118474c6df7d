package io.learnlytics.insight;

import io.learnlytics.graph.ConceptFacts;
import io.learnlytics.graph.KnowledgeGraph;
import io.learnlytics.rollup.DayMeta;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.store.Database;
import io.learnlytics.support.AllowedValues;
import io.learnlytics.support.ApiException.InvalidInput;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Rule-based insights with their statistical evidence (the specification's "Insight Generation
 * Engine", with DESIGN.md §6 items 6 and 8 fixed). Every rule reads rollups in the learner's zone
 * (never raw events), except the knowledge rules, which read the concept tables:
 *
 * <ul>
 *   <li>{@link TrendRule}: quality and activity, this week against last week at equal elapsed time,
 *       as relative changes.
 *   <li>{@link AnomalyRule}: yesterday's quality and sessions against the same weekday of the
 *       previous 8 weeks, by median and MAD (robust z-score).
 *   <li>{@link MilestoneRule}: total sessions and streak thresholds, once when crossed.
 *   <li>{@link RecommendationRule}: peak hour, correction rate, topics to revisit (last 30 days).
 *   <li>{@link KnowledgeRule}: strong connections, unstudied prerequisites, emerging areas.
 * </ul>
 *
 * Each insight has a stable dedupe key ({@link Candidate}), so {@link #generate()} is idempotent,
 * and stays listed until it is dismissed or expires (trend and anomaly 7 days after generation,
 * recommendation 14, milestone and knowledge 30). The evidence in {@link Insight#data()} names the
 * values compared, the window and the threshold.
 *
 * <p>Insights are the learner's of the {@link Database} view: the rollups and the graph given must
 * be built on the same view, so that the rules read that learner's history only.
 */
public final class InsightService {
  public static final List<String> TYPES =
      List.of("trend", "anomaly", "milestone", "recommendation", "knowledge");
  public static final List<String> IMPORTANCES = List.of("high", "medium", "low");

  private final Database db;
  private final RollupEngine rollups;
  private final Clock clock;
  private final InsightStore store;
  private final List<Rule> rules;
  private final MilestoneRule milestones;
  private final AnomalyHistory anomalies;

  public InsightService(Database db, RollupEngine rollups, Clock clock, KnowledgeGraph graph) {
    this.db = db;
    this.rollups = rollups;
    this.clock = clock;
    this.store = new InsightStore(db);
    this.rules =
        List.of(
            new TrendRule(rollups),
            new AnomalyRule(rollups),
            new RecommendationRule(rollups),
            new KnowledgeRule(new ConceptFacts(db), graph));
    this.milestones = new MilestoneRule(rollups, db.learner());
    this.anomalies = new AnomalyHistory(rollups, clock);
  }

  /** Every flagged day of a period, by the detector the anomaly insights use. */
  public AnomalyHistory anomalies() {
    return anomalies;
  }

  /**
   * Evaluates every rule now and stores insights not already present (dedupe by a stable key);
   * idempotent: a second call right after stores nothing. Returns the number of new insights.
   */
  public synchronized int generate() {
    Moment now = Moment.of(rollups.buckets(), clock.millis());
    List<Candidate> found = new ArrayList<>();
    for (Rule rule : rules) {
      found.addAll(rule.evaluate(now));
    }
    MilestoneRule.Totals totals = milestones.measure(now);
    return db.writer()
        .inTransaction(
            h -> {
              List<Candidate> all = new ArrayList<>(milestones.crossings(h, totals, now.utc()));
              all.addAll(found);
              return store.insertNew(h, all, now.utc());
            });
  }

  /**
   * Non-dismissed, non-expired insights, ranked by importance (high, medium, low) then newest
   * first; type/importance null = any. {@code total} and {@code newSinceLastVisit} count every
   * listed insight matching the filters, not only the first {@code limit}.
   *
   * @throws InvalidInput for a limit below 1 or an unknown type or importance
   */
  public InsightList list(int limit, @Nullable String type, @Nullable String importance) {
    if (limit < 1) {
      throw InvalidInput.of("limit", "'" + limit + "' must be a whole number of 1 or more");
    }
    check("type", type, TYPES);
    check("importance", importance, IMPORTANCES);
    long now = clock.millis();
    return store.list(limit, type, importance, now, DayMeta.of(rollups, now));
  }

  /** The first {@code limit} listed insights, ranked as {@link #list}: for the overview. */
  public List<Insight> recent(int limit) {
    return list(limit, null, null).insights();
  }

  /** Hides an insight for good; false when the id is unknown or another learner's. */
  public boolean dismiss(String id) {
    return id != null && store.dismiss(id, clock.millis());
  }

  /** Marks every listed insight viewed; returns how many changed. */
  public int markSeen() {
    return store.markSeen(clock.millis());
  }

  private static void check(String field, @Nullable String value, List<String> allowed) {
    if (value != null) {
      AllowedValues.of(allowed).check(field, value);
    }
  }
}
