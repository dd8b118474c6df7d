package io.learnlytics.rollup;

import io.learnlytics.support.GracefulStop;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread that drains dirty buckets: shortly after each ingest (debounced, so a burst
 * of batches costs one refresh), every few seconds as a safety net, and once at start to finish any
 * refresh a crash left undone.
 */
public final class DirtyRefresher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirtyRefresher.class);
  static final long DEBOUNCE_MS = 250;
  static final long SWEEP_SECONDS = 5;

  private final RollupEngine engine;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "rollup-refresher");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean pending = new AtomicBoolean();

  public DirtyRefresher(RollupEngine engine) {
    this.engine = engine;
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

  private void refresh() {
    pending.set(false);
    try {
      engine.refreshDirty();
    } catch (RuntimeException e) {
      // The marks stay in place, so the next sweep retries; never let the thread die.
      LOG.error("rollup refresh failed; will retry in {} s", SWEEP_SECONDS, e);
    }
  }

  @Override
  public void close() {
    GracefulStop.of(executor, Duration.ofSeconds(30));
  }
}
