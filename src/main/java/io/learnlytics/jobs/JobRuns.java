package io.learnlytics.jobs;

import io.learnlytics.store.Database;
import java.time.Instant;
import java.util.Optional;

/** The {@code job_runs} table: when each job last succeeded, and its last failure. */
final class JobRuns {
  private final Database db;

  JobRuns(Database db) {
    this.db = db;
  }

  Optional<Instant> lastSuccess(String job) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT last_run_utc FROM job_runs WHERE job = ? AND last_status = 'ok'")
                    .bind(0, job)
                    .mapTo(Long.class)
                    .findOne()
                    .map(Instant::ofEpochMilli));
  }

  void recordSuccess(String job, long atUtc) {
    db.writer()
        .useHandle(
            h ->
                h.execute(
                    "INSERT OR REPLACE INTO job_runs (job, last_run_utc, last_status, last_error)"
                        + " VALUES (?, ?, 'ok', NULL)",
                    job,
                    atUtc));
  }

  /** Keeps the last success time, so a failure never hides a missed period. */
  void recordFailure(String job, String error) {
    db.writer()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO job_runs (job, last_run_utc, last_status, last_error)"
                        + " VALUES (?, 0, 'failed', ?) ON CONFLICT (job) DO UPDATE SET last_error ="
                        + " excluded.last_error",
                    job,
                    error));
  }
}
