package io.learnlytics.export;

import java.util.concurrent.Semaphore;

/**
 * The export slots of one server, shared by every learner's {@link ExportService}: at most {@value
 * ExportService#MAX_CONCURRENT} exports run at once, whoever they are for, since each holds a read
 * transaction on the one database file and keeps a core busy.
 */
public final class ExportSlots {
  private final Semaphore permits = new Semaphore(ExportService.MAX_CONCURRENT);

  /** Takes a slot if one is free. */
  boolean tryTake() {
    return permits.tryAcquire();
  }

  void release() {
    permits.release();
  }

  /** Exports running now, of every learner. */
  public int running() {
    return ExportService.MAX_CONCURRENT - permits.availablePermits();
  }
}
