package io.learnlytics.jobs;

import io.learnlytics.config.Config.Retention;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.store.Database;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the specification's hourly, daily, weekly and monthly aggregation jobs in the learner's
 * zone. The dirty-bucket refresher already keeps rollups current; each job is a safety net that
 * marks every bucket of its level since its last successful run (at least the period just ended)
 * dirty and refreshes, so data written behind ingest's back, or any bug in dirty marking, heals
 * within a period. A failed run is retried 3 times, 30 s apart; a run over 120 s is cancelled (its
 * transaction rolls back). Runs missed while the server was down are caught up at start.
 */
public final class RollupScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RollupScheduler.class);
  static final int RETRIES = 3;
  static final Duration RETRY_DELAY = Duration.ofSeconds(30);
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final RollupEngine engine;
  private final JobRuns runs;
  private final Clock clock;
  private final DayOfWeek weekStart;
  private final Retention retention;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rollup-scheduler"));
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> daemon(r, "rollup-job"));

  public RollupScheduler(
      Database db, RollupEngine engine, Clock clock, DayOfWeek weekStart, Retention retention) {
    this.engine = engine;
    this.retention = retention;
    this.runs = new JobRuns(db);
    this.clock = clock;
    this.weekStart = weekStart;
  }

  /** Catches up missed runs, then schedules each job at its next fire time. */
  public RollupScheduler start() {
    for (RollupJob job : RollupJob.values()) {
      if (isOverdue(job)) {
        timer.execute(() -> attempt(job, 0));
      }
      scheduleNext(job);
    }
    return this;
  }

  /** True when a fire time has passed since the job's last successful run. */
  boolean isOverdue(RollupJob job) {
    ZonedDateTime now = ZonedDateTime.now(clock);
    Optional<Instant> last = runs.lastSuccess(job.id());
    return last.isEmpty() || last.get().isBefore(job.previousFire(now, weekStart).toInstant());
  }

  /**
   * One run: marks the job's buckets from the period before its last success (or the period just
   * ended) up to now dirty, refreshes, and records the run.
   */
  void runOnce(RollupJob job) {
    long t0 = System.nanoTime();
    long now = clock.millis();
    long since = runs.lastSuccess(job.id()).map(Instant::toEpochMilli).orElse(now);
    Level level = job.level;
    long from = engine.buckets().start(level, engine.buckets().start(level, since) - 1);
    engine.markDirty(level, from, now);
    engine.refreshDirty();
    if (job == RollupJob.DAILY) {
      engine.applyRetention(retention.hourlyDays(), retention.dailyDays());
    }
    engine.metrics().observe(job.id(), System.nanoTime() - t0);
    runs.recordSuccess(job.id(), now);
  }

  private void attempt(RollupJob job, int retry) {
    Future<?> run = worker.submit(() -> runOnce(job));
    try {
      run.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      run.cancel(true);
      failed(job, retry, e);
    } catch (InterruptedException e) {
      run.cancel(true);
      Thread.currentThread().interrupt();
    }
  }

  /** Records a failed run and schedules the next retry, if any is left. */
  private void failed(RollupJob job, int retry, Exception e) {
    engine.metrics().failed(job.id());
    runs.recordFailure(job.id(), String.valueOf(e.getCause() != null ? e.getCause() : e));
    if (retry < RETRIES) {
      LOG.warn(
          "{} aggregation failed ({}); retry {} of {} in {} s",
          job.id(),
          e,
          retry + 1,
          RETRIES,
          RETRY_DELAY.toSeconds());
      timer.schedule(() -> attempt(job, retry + 1), RETRY_DELAY.toSeconds(), TimeUnit.SECONDS);
    } else {
      LOG.error(
          "{} aggregation failed after {} retries; the next scheduled run will try again",
          job.id(),
          RETRIES,
          e);
    }
  }

  private void scheduleNext(RollupJob job) {
    ZonedDateTime now = ZonedDateTime.now(clock);
    long delay = Duration.between(now, job.nextFire(now, weekStart)).toMillis();
    timer.schedule(
        () -> {
          attempt(job, 0);
          scheduleNext(job);
        },
        Math.max(0, delay),
        TimeUnit.MILLISECONDS);
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
