package io.learnlytics.dashboard;

import io.learnlytics.goal.GoalService;
import io.learnlytics.graph.ConceptGraph;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.store.Database;
import java.time.Clock;

/** The read side of the dashboard API: one service per endpoint, all reading rollups. */
public final class Dashboard {
  private final OverviewService overview;
  private final ProgressService progress;
  private final TrendService trends;
  private final TopicService topics;

  public Dashboard(RollupEngine rollups, Database db, Clock clock, GoalService goals) {
    Rows rows = new Rows(rollups, db, clock);
    this.overview = new OverviewService(rows, goals);
    this.progress = new ProgressService(rows);
    this.trends = new TrendService(rows);
    this.topics = new TopicService(rows, new ConceptGraph(db));
  }

  public OverviewService overview() {
    return overview;
  }

  public ProgressService progress() {
    return progress;
  }

  public TrendService trends() {
    return trends;
  }

  public TopicService topics() {
    return topics;
  }
}
