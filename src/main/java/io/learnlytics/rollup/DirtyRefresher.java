package io.learnlytics.rollup;

import io.learnlytics.store.Database;
import io.learnlytics.support.GracefulStop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread that drains dirty buckets: shortly after each ingest (debounced, so a burst
 * of batches costs one refresh), every few seconds as a safety net, and once at start to finish any
 * refresh a crash left undone.
 *
 * <p>Each pass serves every learner with marks waiting ({@code SELECT DISTINCT learner_id FROM
 * dirty_buckets}, read along the table's key), each through that learner's own engine; a learner
 * whose refresh fails keeps their marks for the next pass and does not hold up the others.
 */
public final class DirtyRefresher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirtyRefresher.class);
  static final long DEBOUNCE_MS = 250;
  static final long SWEEP_SECONDS = 5;

  private final Supplier<List<String>> learners;
  private final Function<String, RollupEngine> engines;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "rollup-refresher");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * A refresher of every learner's rollups: {@code engines} gives the engine of a learner id (built
   * on that learner's view and calendar); {@code root} is any view, used to find the marks.
   */
  public DirtyRefresher(Database root, Function<String, RollupEngine> engines) {
    this.learners = () -> learnersWithMarks(root);
    this.engines = engines;
  }

  /** The learners with dirty marks waiting, in id order. */
  public static List<String> learnersWithMarks(Database root) {
    return root.reader()
        .withHandle(
            h ->
                h.createQuery("SELECT DISTINCT learner_id FROM dirty_buckets ORDER BY learner_id")
                    .mapTo(String.class)
                    .list());
  }

  /** Starts the periodic sweep (the first one immediately). */
  public DirtyRefresher start() {
    executor.scheduleWithFixedDelay(this::refresh, 0, SWEEP_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  /** Asks for a refresh soon; calls within the debounce window are coalesced. */
  public void wake() {
    if (pending.compareAndSet(false, true)) {
      executor.schedule(this::refresh, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    }
  }

  /** Whether no refresh is waiting or going (marks may still wait for the next sweep). */
  public boolean idle() {
    return !running.get() && !pending.get();
  }

  private void refresh() {
    running.set(true); // before pending is cleared, so that idle() never sees neither
    try {
      pending.set(false);
      pass();
    } finally {
      running.set(false);
    }
  }

  /** One pass over the learners with marks; returns how many were refreshed without failure. */
  int pass() {
    List<String> waiting;
    try {
      waiting = learners.get();
    } catch (RuntimeException e) {
      LOG.error("finding dirty rollups failed; will retry in {} s", SWEEP_SECONDS, e);
      return 0;
    }
    int done = 0;
    for (String learner : waiting) {
      try {
        engines.apply(learner).refreshDirty();
        done++;
      } catch (RuntimeException e) {
        // The marks stay in place, so the next sweep retries; never let the thread die.
        LOG.error(
            "rollup refresh of learner {} failed; will retry in {} s", learner, SWEEP_SECONDS, e);
      }
    }
    return done;
  }

  @Override
  public void close() {
    GracefulStop.of(executor, Duration.ofSeconds(30));
  }
}
