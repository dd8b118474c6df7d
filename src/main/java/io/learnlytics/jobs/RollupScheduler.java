package io.learnlytics.jobs;

import io.learnlytics.config.Config.Retention;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the specification's hourly, daily, weekly and monthly aggregation jobs for every learner, at
 * that learner's fire times in their own zone and week. The dirty-bucket refresher already keeps
 * rollups current; each job is a safety net that marks every bucket of its level since the
 * learner's last successful run (at least the period just ended) dirty and refreshes, so data
 * written behind ingest's back, or any bug in dirty marking, heals within a period.
 *
 * <p>Learners come and go and change their settings while the server runs, and they live in many
 * zones, so there is no timer per learner or per fire time: a short tick (every {@link #TICK})
 * asks, for every learner in {@code learners} and every job, whether a fire time in that learner's
 * zone has passed since their last success, and runs the jobs that fell due, one after another on
 * one worker thread. A job thus runs within a tick of its fire time, a new learner's jobs start at
 * the next tick, and runs missed while the server was down are simply due at the first tick. Each
 * learner's last success is a row of the shared {@code job_runs} ({@link JobRuns#key}), all read in
 * one query per tick. A failed run is retried 3 times, 30 s apart (on the first tick after that),
 * then waits for the job's next fire time; a run over 120 s is cancelled (its transaction rolls
 * back). One learner's failure never stops the others' jobs.
 */
public final class RollupScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RollupScheduler.class);
  static final int RETRIES = 3;
  static final Duration RETRY_DELAY = Duration.ofSeconds(30);
  static final Duration TIMEOUT = Duration.ofSeconds(120);
  static final Duration TICK = Duration.ofSeconds(15);

  /** The consecutive failures of one learner's job, and when the last one happened. */
  private record Failure(int count, Instant at) {}

  private final Supplier<List<String>> learners;
  private final Function<String, RollupEngine> engines;
  private final JobRuns runs;
  private final Clock clock;
  private final Retention retention;
  private final Map<String, Failure> failures = new HashMap<>(); // by job key; timer thread only
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rollup-scheduler"));
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> daemon(r, "rollup-job"));

  /**
   * The jobs of every learner in {@code learners}: {@code engines} gives a learner's engine (on
   * their view, in their calendar, whose zone and week start set the fire times); {@code root} is
   * any view, used for the shared tables.
   */
  public RollupScheduler(
      Database root, Function<String, RollupEngine> engines, Clock clock, Retention retention) {
    this.learners = () -> learners(root);
    this.engines = engines;
    this.runs = new JobRuns(root);
    this.clock = clock;
    this.retention = retention;
  }

  private static List<String> learners(Database root) {
    return root.reader()
        .withHandle(
            h -> h.createQuery("SELECT id FROM learners ORDER BY id").mapTo(String.class).list());
  }

  /** Ticks now (catching up missed runs), then every {@link #TICK}. */
  public RollupScheduler start() {
    timer.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Runs every job that fell due, learner by learner; never throws (the timer must go on). */
  void tick() {
    Map<String, Instant> last;
    List<String> ids;
    try {
      last = runs.lastSuccesses();
      ids = learners.get();
    } catch (RuntimeException e) {
      LOG.error("reading the aggregation schedule failed; next try in {} s", TICK.toSeconds(), e);
      return;
    }
    for (String learner : ids) {
      for (RollupJob job : RollupJob.values()) {
        if (worker.isShutdown()) {
          return; // closing: the jobs left run at the next start
        }
        try {
          if (isDue(learner, job, last.get(JobRuns.key(job.id(), learner)))) {
            attempt(learner, job);
          }
        } catch (RuntimeException e) {
          LOG.error("scheduling {} aggregation of learner {} failed", job.id(), learner, e);
        }
      }
    }
  }

  /** True when a fire time has passed since the learner's last successful run of the job. */
  boolean isOverdue(String learner, RollupJob job) {
    Instant last = runs.lastSuccess(JobRuns.key(job.id(), learner)).orElse(null);
    return last == null || last.isBefore(previousFire(engines.apply(learner), job));
  }

  /** Overdue, and not waiting between retries or for the next fire time after the last retry. */
  private boolean isDue(String learner, RollupJob job, @Nullable Instant lastSuccess) {
    Instant fired = previousFire(engines.apply(learner), job);
    if (lastSuccess != null && !lastSuccess.isBefore(fired)) {
      return false;
    }
    Failure f = failures.get(JobRuns.key(job.id(), learner));
    return f == null
        || f.at().isBefore(fired)
        || (f.count() <= RETRIES && !clock.instant().isBefore(f.at().plus(RETRY_DELAY)));
  }

  private Instant previousFire(RollupEngine engine, RollupJob job) {
    Buckets calendar = engine.buckets();
    return job.previousFire(clock.instant().atZone(calendar.zone()), calendar.weekStart())
        .toInstant();
  }

  /**
   * One run for {@code learner}: marks the job's buckets from the period before the last success
   * (or the period just ended) up to now dirty, refreshes, and records the run.
   */
  void runOnce(String learner, RollupJob job) {
    RollupEngine engine = engines.apply(learner);
    String key = JobRuns.key(job.id(), learner);
    long t0 = System.nanoTime();
    long now = clock.millis();
    long since = runs.lastSuccess(key).map(Instant::toEpochMilli).orElse(now);
    Level level = job.level;
    long from = engine.buckets().start(level, engine.buckets().start(level, since) - 1);
    engine.markDirty(level, from, now);
    engine.refreshDirty();
    if (job == RollupJob.DAILY) {
      engine.applyRetention(retention.hourlyDays(), retention.dailyDays());
    }
    engine.metrics().observe(job.id(), System.nanoTime() - t0);
    runs.recordSuccess(key, now);
  }

  private void attempt(String learner, RollupJob job) {
    Future<?> run = worker.submit(() -> runOnce(learner, job));
    try {
      run.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      failures.remove(JobRuns.key(job.id(), learner));
    } catch (TimeoutException | ExecutionException e) {
      run.cancel(true);
      failed(learner, job, e);
    } catch (InterruptedException e) {
      run.cancel(true);
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Records a failed run; the tick retries it after {@link #RETRY_DELAY} while retries are left.
   */
  private void failed(String learner, RollupJob job, Exception e) {
    String key = JobRuns.key(job.id(), learner);
    Failure previous = failures.get(key);
    int retry = previous == null ? 0 : previous.count();
    failures.put(key, new Failure(retry + 1, clock.instant()));
    runs.recordFailure(key, String.valueOf(e.getCause() != null ? e.getCause() : e));
    engines.apply(learner).metrics().failed(job.id());
    if (retry < RETRIES) {
      LOG.warn(
          "{} aggregation of learner {} failed ({}); retry {} of {} in {} s",
          job.id(),
          learner,
          e,
          retry + 1,
          RETRIES,
          RETRY_DELAY.toSeconds());
    } else {
      LOG.error(
          "{} aggregation of learner {} failed after {} retries; the next fire time tries again",
          job.id(),
          learner,
          RETRIES,
          e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    worker.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
