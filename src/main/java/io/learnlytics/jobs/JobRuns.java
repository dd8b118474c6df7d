package io.learnlytics.jobs;

import io.learnlytics.store.Database;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code job_runs} table: when each job last succeeded, and its last failure. The table is
 * shared by all learners; a learner's run of a job is the row named by {@link #key}.
 */
final class JobRuns {
  private final Database db;

  JobRuns(Database db) {
    this.db = db;
  }

  /**
   * The row of {@code learner}'s runs of {@code job}: the job's own name for the default learner
   * (as before learners existed, so an upgraded install keeps its history and catches up nothing
   * twice), {@code name@learner} for the others.
   */
  static String key(String job, String learner) {
    return learner.equals(Database.DEFAULT_LEARNER) ? job : job + "@" + learner;
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

  /** Every job's last success, by key: one read per scheduler tick, however many learners. */
  Map<String, Instant> lastSuccesses() {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery("SELECT job, last_run_utc FROM job_runs WHERE last_status = 'ok'")
                    .reduceResultSet(
                        new HashMap<String, Instant>(),
                        (map, rs, ctx) -> {
                          map.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                          return map;
                        }));
  }

  void recordSuccess(String job, long atUtc) {
    db.writer()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO job_runs (job, last_run_utc, last_status, last_error)"
                        + " VALUES (?, ?, 'ok', NULL) ON CONFLICT (job) DO UPDATE SET"
                        + " last_run_utc = excluded.last_run_utc, last_status = 'ok', last_error ="
                        + " NULL",
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
