package io.learnlytics.dashboard;

import io.learnlytics.goal.GoalService;
import io.learnlytics.graph.EmbeddedGraph;
import io.learnlytics.graph.KnowledgeGraph;
import io.learnlytics.insight.InsightService;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.DimensionReader;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.store.Database;
import java.time.Clock;
import java.time.LocalDate;

/** The read side of the dashboard API: one service per endpoint, all reading rollups. */
public final class Dashboard {
  private final Buckets buckets;
  private final Clock clock;
  private final OverviewService overview;
  private final ProgressService progress;
  private final TrendService trends;
  private final TopicService topics;
  private final TopicDetailService topicDetail;
  private final RhythmService rhythm;
  private final YearService year;
  private final MonthService month;
  private final QualityService quality;
  private final VelocityService velocity;

  public Dashboard(
      RollupEngine rollups,
      Database db,
      Clock clock,
      GoalService goals,
      InsightService insights,
      KnowledgeGraph graph) {
    this.buckets = rollups.buckets();
    this.clock = clock;
    Rows rows = new Rows(rollups, db, clock);
    this.overview = new OverviewService(rows, goals, insights);
    this.progress = new ProgressService(rows);
    this.trends = new TrendService(rows);
    EmbeddedGraph local = new EmbeddedGraph(db);
    this.topics = new TopicService(rows, local, graph);
    this.topicDetail = new TopicDetailService(rows, local, graph);
    this.rhythm = new RhythmService(rows);
    this.year = new YearService(rows);
    this.month = new MonthService(rows);
    this.quality = new QualityService(rows, new DimensionReader(rollups, db));
    this.velocity = new VelocityService(rows);
  }

  /** Today's learning date in the learner's zone. */
  public LocalDate today() {
    return buckets.learningDate(clock.millis());
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

  public TopicDetailService topicDetail() {
    return topicDetail;
  }

  public RhythmService rhythm() {
    return rhythm;
  }

  public YearService year() {
    return year;
  }

  public QualityService quality() {
    return quality;
  }

  public VelocityService velocity() {
    return velocity;
  }

  public MonthService month() {
    return month;
  }
}
