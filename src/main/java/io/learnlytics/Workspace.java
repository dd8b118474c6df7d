package io.learnlytics;

import io.learnlytics.config.Config;
import io.learnlytics.dashboard.Dashboard;
import io.learnlytics.export.ExportService;
import io.learnlytics.export.ExportSlots;
import io.learnlytics.goal.GoalService;
import io.learnlytics.graph.KnowledgeGraph;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.insight.InsightService;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.RollupMetrics;
import io.learnlytics.store.Database;
import java.time.Clock;

/**
 * One learner's services, all built on that learner's view of the database and their own calendar
 * ({@link Buckets}): what every request for the learner and every background task on their data
 * goes through. {@link App} builds one per learner on first use and keeps it.
 */
public final class Workspace {
  private final String learner;
  private final IngestService ingest;
  private final RollupEngine rollups;
  private final GoalService goals;
  private final InsightService insights;
  private final Dashboard dashboard;
  private final ExportService exports;
  private final KnowledgeGraph graph;

  Workspace(
      Database view,
      Buckets buckets,
      Config config,
      Clock clock,
      RollupMetrics metrics,
      KnowledgeGraph graph,
      ExportSlots exportSlots) {
    this.learner = view.learner();
    this.graph = graph;
    this.ingest = new IngestService(view, clock, buckets, config.ingest());
    this.rollups = new RollupEngine(view, buckets, clock, metrics, config.retention());
    this.goals = new GoalService(view, rollups, clock);
    this.insights = new InsightService(view, rollups, clock, graph);
    this.dashboard = new Dashboard(rollups, view, clock, goals, insights, graph);
    this.exports = new ExportService(view, rollups, goals, clock, exportSlots);
  }

  public String learner() {
    return learner;
  }

  public IngestService ingest() {
    return ingest;
  }

  public RollupEngine rollups() {
    return rollups;
  }

  public GoalService goals() {
    return goals;
  }

  public InsightService insights() {
    return insights;
  }

  public Dashboard dashboard() {
    return dashboard;
  }

  public ExportService exports() {
    return exports;
  }

  public KnowledgeGraph graph() {
    return graph;
  }
}
