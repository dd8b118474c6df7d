package io.learnlytics;

import com.github.benmanes.caffeine.cache.Ticker;
import io.learnlytics.cache.ResponseCache;
import io.learnlytics.config.Config;
import io.learnlytics.dashboard.Dashboard;
import io.learnlytics.export.ExportService;
import io.learnlytics.export.ExportSlots;
import io.learnlytics.goal.DefaultGoals;
import io.learnlytics.goal.GoalService;
import io.learnlytics.graph.EmbeddedGraph;
import io.learnlytics.graph.GraphMirrors;
import io.learnlytics.graph.GraphSelection;
import io.learnlytics.graph.KnowledgeGraph;
import io.learnlytics.graph.Neo4jGraph;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.insight.InsightService;
import io.learnlytics.jobs.FollowUpJobs;
import io.learnlytics.jobs.RollupScheduler;
import io.learnlytics.learner.LearnerSettings;
import io.learnlytics.learner.Learners;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.CalendarRules;
import io.learnlytics.rollup.DirtyRefresher;
import io.learnlytics.rollup.LearnerCalendars;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.RollupMetrics;
import io.learnlytics.store.Database;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring of one Learnlytics instance: database, ingest, rollups and their background work. The
 * CLI commands and the tests build the application through this one class. Background threads start
 * only with {@link #startBackground()}, so one-shot commands stay one-shot.
 */
public final class App implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(App.class);

  /** How often, with {@code --graph-write}, changes to our graph are written to Neo4j. */
  static final long GRAPH_WRITE_SECONDS = 10;

  private volatile boolean closing;
  private final Config config;
  private final Clock clock;
  private final Database db;
  private final PrometheusRegistry registry;
  private final RollupMetrics rollupMetrics;
  private final ExportSlots exportSlots = new ExportSlots(); // every learner's exports share them
  private final ResponseCache cache;
  private final Optional<KnowledgeGraph> remote;
  private final Learners learners;
  // Every learner's services, built on first use; the default learner's at once.
  private final ConcurrentMap<String, Workspace> workspaces = new ConcurrentHashMap<>();
  private final ExecutorService cacheRefresher =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "cache-revalidate");
            t.setDaemon(true);
            return t;
          });
  // null until startBackground()
  private @Nullable DirtyRefresher refresher;
  private @Nullable RollupScheduler scheduler;
  private @Nullable FollowUpJobs followUps;
  private @Nullable ScheduledExecutorService graphWriter;

  public App(Config config, Clock clock, PrometheusRegistry registry) {
    this(config, clock, registry, false);
  }

  private App(Config config, Clock clock, PrometheusRegistry registry, boolean checkPages) {
    this.config = config;
    this.clock = clock;
    this.registry = registry;
    // Neo4j first: a wrong URI or password stops the start before any work.
    Optional<KnowledgeGraph> remote = GraphSelection.connect(config.graph());
    this.db = openDatabase(config, checkPages, remote);
    this.remote = remote;
    this.rollupMetrics = new RollupMetrics(registry);
    this.cache = new ResponseCache(Ticker.systemTicker(), cacheRefresher);
    this.learners = new Learners(db);
    home(); // the default learner exists from the first start (V12)
    // answers computed while the graph was down lack it
    remote.ifPresent(g -> g.onRecovery(cache::invalidate));
  }

  /**
   * The services of learner {@code id}, built on first use; empty when there is no such learner.
   */
  public Optional<Workspace> workspace(String id) {
    Workspace ws = workspaces.get(id);
    if (ws != null) {
      return Optional.of(ws);
    }
    return learners.find(id).map(s -> workspaces.computeIfAbsent(id, k -> build(s)));
  }

  private Workspace build(LearnerSettings s) {
    Buckets buckets = LearnerCalendars.of(db, s.id(), new Buckets(serverCalendar()));
    Database view = db.forLearner(s.id());
    KnowledgeGraph graph =
        remote.map(g -> g.forLearner(view)).orElseGet(() -> new EmbeddedGraph(view));
    Workspace ws = new Workspace(view, buckets, config, clock, rollupMetrics, graph, exportSlots);
    // Every answer derives from the data: new events and new rollups drop the cached answers.
    ws.ingest().onCommit(cache::invalidate);
    ws.rollups().onChange(cache::invalidate);
    ws.goals().onChange(cache::invalidate);
    wireBackground(ws);
    return ws;
  }

  /** Once background work runs: new events wake the refresher, new rollups the follow-ups. */
  private void wireBackground(Workspace ws) {
    DirtyRefresher r = refresher;
    FollowUpJobs f = followUps;
    if (r != null && f != null) {
      ws.ingest().onCommit(r::wake);
      ws.rollups().onChange(f::afterChange);
    }
  }

  /** Evaluates every learner's goals; one learner's failure does not stop the others. */
  private void evaluateGoals() {
    forEachLearner(ws -> ws.goals().evaluate());
  }

  /**
   * Runs {@code task} for every learner, one failure not stopping the others. A sweep over
   * thousands of learners outlasts the jobs' grace period at shutdown, so it stops at the next
   * learner once {@link #close} has begun, rather than run on into closed connections.
   */
  private void forEachLearner(Consumer<Workspace> task) {
    for (String id : learners.ids()) {
      if (closing) {
        return;
      }
      try {
        workspace(id).ifPresent(task);
      } catch (RuntimeException e) {
        LOG.warn("background work for learner {} failed: {}", id, e.toString());
      }
    }
  }

  /**
   * Adds a learner with the default goals, or changes the calendar of one without events.
   *
   * @return true when the learner is new
   */
  /**
   * Adds a learner or changes their calendar; returns true when the learner is new. A change for a
   * learner with events applies from now on: the day, week and month in progress are rebuilt with
   * their new ends, and nothing before them moves.
   */
  public boolean putLearner(LearnerSettings s) {
    long now = clock.millis();
    Learners.Change change =
        learners.put(s, serverCalendar(), now, h -> DefaultGoals.insert(h, s.id()));
    workspaces.remove(s.id()); // rebuilt with the new calendar on next use
    if (change == Learners.Change.MOVED) {
      workspace(s.id()).ifPresent(ws -> rebuildFrom(ws, now));
    }
    cache.invalidate();
    return change == Learners.Change.CREATED;
  }

  /** Rebuilds the day, week and month that were in progress at {@code changeUtc}. */
  private static void rebuildFrom(Workspace ws, long changeUtc) {
    Buckets b = ws.rollups().buckets();
    LocalDate day = b.learningDate(changeUtc);
    LocalDate week = b.weekDate(day);
    LocalDate month = day.withDayOfMonth(1);
    ws.rollups().rebuild(week.isBefore(month) ? week : month, day.plusDays(2));
  }

  /** The server's calendar: what a learner without settings of their own follows. */
  public CalendarRules serverCalendar() {
    return new CalendarRules(config.zone(), config.dayStartHour(), config.weekStart());
  }

  public Learners learners() {
    return learners;
  }

  private static Database openDatabase(
      Config config, boolean checkPages, Optional<KnowledgeGraph> remote) {
    try {
      return Database.open(config.db(), config.ingest().lockTimeout(), checkPages);
    } catch (RuntimeException e) {
      remote.ifPresent(KnowledgeGraph::close);
      throw e;
    }
  }

  /** An instance on the system clock in the configured zone, with its own metrics registry. */
  public static App open(Config config) {
    return new App(config, Clock.system(config.zone()), new PrometheusRegistry(), false);
  }

  /**
   * Like {@link #open}, after checking every page of the database ({@code PRAGMA quick_check}): for
   * the server and the commands that write, which should stop at once on a damaged file.
   */
  public static App openChecked(Config config) {
    return new App(config, Clock.system(config.zone()), new PrometheusRegistry(), true);
  }

  /** Starts the dirty-bucket refresher (which first finishes any refresh left undone) and jobs. */
  public App startBackground() {
    return startBackground(() -> {});
  }

  /**
   * Like {@link #startBackground()}; {@code warmUp} runs after every run of the follow-up jobs
   * (goals, insights), the last work that drops cached answers after a change — at the first start
   * of {@code serve --demo}, after the demo's rollups and insights rather than before them.
   */
  public App startBackground(Runnable warmUp) {
    Function<String, RollupEngine> engines = id -> workspace(id).orElseThrow().rollups();
    refresher = new DirtyRefresher(db, engines).start();
    scheduler = new RollupScheduler(db, engines, clock, config.retention()).start();
    followUps =
        new FollowUpJobs(this::evaluateGoals, this::generateInsights, warmUp, clock).start();
    workspaces.values().forEach(this::wireBackground);
    if (config.graph().write() && remote.orElse(null) instanceof Neo4jGraph neo4j) {
      GraphMirrors mirror = new GraphMirrors(db, neo4j, learners::ids);
      graphWriter =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "graph-writer");
                t.setDaemon(true);
                return t;
              });
      // A push is a no-op while the concept tables are unchanged, so a short period is cheap.
      graphWriter.scheduleWithFixedDelay(
          () -> pushQuietly(mirror), 0, GRAPH_WRITE_SECONDS, TimeUnit.SECONDS);
    }
    return this;
  }

  /**
   * A push that fails on our own database (busy, closing) must not end the schedule, as an
   * exception escaping a scheduled task would: the next period retries.
   */
  private static void pushQuietly(GraphMirrors mirror) {
    try {
      mirror.push();
    } catch (RuntimeException e) {
      LOG.warn("mirroring the knowledge graph to Neo4j failed; retrying later: {}", e.toString());
    }
  }

  /**
   * Whether background work has settled: no rollup refresh or follow-up run waiting or going, and
   * no dirty bucket left (false before {@link #startBackground}).
   */
  public boolean backgroundIdle() {
    DirtyRefresher r = refresher;
    FollowUpJobs f = followUps;
    return r != null && f != null && r.idle() && rollups().dirtyCount() == 0 && f.idle();
  }

  public Config config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  public Database db() {
    return db;
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** The default learner's services; rebuilt after a change of their calendar. */
  private Workspace home() {
    return workspace(Database.DEFAULT_LEARNER).orElseThrow();
  }

  public IngestService ingest() {
    return home().ingest();
  }

  public RollupEngine rollups() {
    return home().rollups();
  }

  public ResponseCache cache() {
    return cache;
  }

  public GoalService goals() {
    return home().goals();
  }

  public ExportService exports() {
    return home().exports();
  }

  public InsightService insights() {
    return home().insights();
  }

  /** Generates insights and, when any is new, drops the cached answers that show them. */
  public int generateInsights() {
    int[] n = {0};
    forEachLearner(ws -> n[0] += ws.insights().generate());
    if (n[0] > 0) {
      cache.invalidate();
    }
    return n[0];
  }

  public KnowledgeGraph graph() {
    return home().graph();
  }

  public Dashboard dashboard() {
    return home().dashboard();
  }

  /**
   * Stops background work, then closes the database. Producers stop before the executors they
   * submit to: a refresh or scheduled rebuild that ends while closing asks the follow-up jobs to
   * run, so those stop last (stopped first, every such shutdown logged a rejected task).
   */
  @Override
  public void close() {
    closing = true;
    if (refresher != null) {
      refresher.close(); // waits for a refresh in progress
    }
    if (scheduler != null) {
      scheduler.close();
    }
    if (followUps != null) {
      followUps.close();
    }
    if (graphWriter != null) {
      graphWriter.shutdownNow();
    }
    cacheRefresher.shutdownNow();
    remote.ifPresent(KnowledgeGraph::close);
    db.close();
  }
}
