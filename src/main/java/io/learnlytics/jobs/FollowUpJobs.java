package io.learnlytics.jobs;

import io.learnlytics.store.StoreFault;
import io.learnlytics.support.GracefulStop;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work that follows the rollups, on one background thread: goal evaluation every 5 minutes,
 * insight generation daily at 01:00 in the learner's zone, and both shortly after any rollup change
 * (debounced, so a burst of ingest costs one run). Both tasks are idempotent.
 */
public final class FollowUpJobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FollowUpJobs.class);
  static final Duration GOAL_INTERVAL = Duration.ofMinutes(5);
  static final Duration DEBOUNCE = Duration.ofSeconds(1);
  static final LocalTime INSIGHT_TIME = LocalTime.of(1, 0);

  private final Runnable evaluateGoals;
  private final Runnable generateInsights;
  private final Runnable afterRun;
  private final Clock clock;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final ScheduledThreadPoolExecutor executor =
      new ScheduledThreadPoolExecutor(
          1,
          r -> {
            Thread t = new Thread(r, "follow-up-jobs");
            t.setDaemon(true);
            return t;
          });

  public FollowUpJobs(Runnable evaluateGoals, Runnable generateInsights, Clock clock) {
    this(evaluateGoals, generateInsights, () -> {}, clock);
  }

  /**
   * @param afterRun runs after each run of the tasks, when their changes have dropped the cached
   *     answers: {@code serve} refills the response cache there, so that the warm-up is not wiped
   *     by the first rollups and insights of a fresh start
   */
  public FollowUpJobs(
      Runnable evaluateGoals, Runnable generateInsights, Runnable afterRun, Clock clock) {
    this.evaluateGoals = evaluateGoals;
    this.generateInsights = generateInsights;
    this.afterRun = afterRun;
    this.clock = clock;
    // On close, waiting runs are dropped; only a run already going is let finish.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  /** Runs both tasks now (a fresh history has insights within seconds), then on schedule. */
  public FollowUpJobs start() {
    executor.execute(this::both);
    long every = GOAL_INTERVAL.toMillis();
    executor.scheduleWithFixedDelay(
        () -> run("goal evaluation", evaluateGoals), every, every, TimeUnit.MILLISECONDS);
    scheduleDailyInsights();
    return this;
  }

  /** Asks for both tasks soon; calls within the debounce window are coalesced. */
  public void afterChange() {
    if (pending.compareAndSet(false, true)) {
      executor.schedule(this::both, DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void both() {
    pending.set(false);
    run("goal evaluation", evaluateGoals);
    run("insight generation", generateInsights);
    run("cache warm-up", afterRun);
  }

  /** Whether no run is waiting or going. */
  public boolean idle() {
    return !pending.get() && executor.getActiveCount() == 0;
  }

  private void scheduleDailyInsights() {
    ZonedDateTime now = ZonedDateTime.now(clock);
    ZonedDateTime next = now.with(INSIGHT_TIME);
    if (!next.isAfter(now)) {
      next = now.plusDays(1).with(INSIGHT_TIME);
    }
    executor.schedule(
        () -> {
          run("insight generation", generateInsights);
          run("cache warm-up", afterRun);
          scheduleDailyInsights();
        },
        Duration.between(now, next).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static void run(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      StoreFault fault = StoreFault.of(e);
      if (fault != null) {
        // A locked, full or read-only database is the operator's to fix, not a bug: one line.
        LOG.warn(
            "{} skipped: the database is {}; it runs again on the next change",
            what,
            fault.inWords());
        return;
      }
      LOG.error("{} failed; it runs again on the next change or schedule", what, e);
    }
  }

  /**
   * Drops the waiting runs and lets a running one finish (up to 30 s): interrupting it mid-way made
   * its database call fail and log an error at every shutdown.
   */
  @Override
  public void close() {
    GracefulStop.of(executor, Duration.ofSeconds(30));
  }
}
