package io.learnlytics.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.config.Config;
import io.learnlytics.rollup.Buckets;
import io.learnlytics.rollup.LearnerCalendars;
import io.learnlytics.rollup.Level;
import io.learnlytics.rollup.Rollup;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.RollupMetrics;
import io.learnlytics.store.Database;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestStores;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler runs each learner's jobs at that learner's fire times, in their own zone: at 08:20
 * UTC the daily job (00:15 local) has fired in Los Angeles but not yet again in Berlin. Each
 * learner's last success is their own row of job_runs, and a learner whose engine fails does not
 * stop the others.
 */
class LearnerSchedulesTest {
  static final Buckets SERVER = new Buckets(ZoneOffset.UTC, 0, DayOfWeek.MONDAY);

  @TempDir Path dir;

  @Test
  void each_learners_jobs_fire_in_their_own_zone() {
    MovableClock clock = new MovableClock("2025-11-18T23:30:00Z", ZoneOffset.UTC);
    try (Database db = TestStores.open(dir.resolve("jobs.db"))) {
      db.writer()
          .useHandle(
              h -> {
                h.execute(
                    "INSERT INTO learners (id, zone, created_utc) VALUES"
                        + " ('alice', 'Europe/Berlin', 0), ('bob', 'America/Los_Angeles', 0),"
                        + " ('broken', NULL, 0)");
              });
      Map<String, RollupEngine> engines = new HashMap<>();
      for (String id : List.of(Database.DEFAULT_LEARNER, "alice", "bob")) {
        engines.put(id, engine(db.forLearner(id), LearnerCalendars.of(db, id, SERVER), clock));
      }
      // An engine whose database is gone: every run of the broken learner fails.
      Database gone = TestStores.open(dir.resolve("gone.db"));
      gone.close();
      engines.put("broken", engine(gone, SERVER, clock));
      RollupScheduler s = new RollupScheduler(db, engines::get, clock, Config.Retention.DEFAULT);

      s.tick(); // nothing has run yet: every job of every learner is due, the broken one's fail
      for (String id : List.of(Database.DEFAULT_LEARNER, "alice", "bob")) {
        for (RollupJob job : RollupJob.values()) {
          assertThat(s.isOverdue(id, job)).as("%s %s", id, job).isFalse();
        }
      }
      assertThat(new JobRuns(db).lastSuccess("daily@alice"))
          .contains(Instant.parse("2025-11-18T23:30:00Z"));
      assertThat(s.isOverdue("broken", RollupJob.DAILY)).isTrue();
      assertThat(failure(db, "daily@broken")).contains("SQL");
      s.tick(); // within the retry delay: not tried again
      clock.now = clock.now.plusSeconds(31);
      s.tick(); // retried, failing again; the others are not due

      // Written behind ingest's back, in Los Angeles' 18 November: no dirty mark exists.
      insertExchange(db, "bob", "2025-11-18T20:00:00Z");
      insertExchange(db, "alice", "2025-11-17T12:00:00Z"); // a Berlin day only a daily run heals
      clock.now = Instant.parse("2025-11-19T08:20:00Z"); // 00:20 in Los Angeles, 09:20 in Berlin
      assertThat(s.isOverdue("bob", RollupJob.DAILY)).isTrue();
      assertThat(s.isOverdue("alice", RollupJob.DAILY)).isFalse(); // Berlin's 00:15 was 23:15 UTC
      assertThat(s.isOverdue("alice", RollupJob.HOURLY)).isTrue();

      s.tick();

      assertThat(new JobRuns(db).lastSuccess("daily@bob")).contains(clock.now);
      assertThat(new JobRuns(db).lastSuccess("daily@alice"))
          .contains(Instant.parse("2025-11-18T23:30:00Z"));
      ZoneId la = ZoneId.of("America/Los_Angeles");
      assertThat(engines.get("bob").list(Level.DAILY, 0, Long.MAX_VALUE))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.activity().exchanges()).isEqualTo(1);
                assertThat(Instant.ofEpochMilli(r.periodStartUtc()).atZone(la).getDayOfMonth())
                    .isEqualTo(18);
              });
      // Alice's daily job did not run; her hourly one recomputed only the days of its hours.
      assertThat(engines.get("alice").list(Level.DAILY, 0, Long.MAX_VALUE)).isEmpty();
      assertThat(engines.get(Database.DEFAULT_LEARNER).list(Level.DAILY, 0, Long.MAX_VALUE))
          .extracting(Rollup::periodStartUtc)
          .isEmpty();
      assertThat(s.isOverdue("bob", RollupJob.DAILY)).isFalse();
    }
  }

  private static RollupEngine engine(Database view, Buckets buckets, MovableClock clock) {
    return new RollupEngine(
        view, buckets, clock, RollupMetrics.unregistered(), Config.Retention.DEFAULT);
  }

  private static String failure(Database db, String job) {
    return db.reader()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT last_status || ': ' || last_error FROM job_runs WHERE job = ?")
                    .bind(0, job)
                    .mapTo(String.class)
                    .one());
  }

  private static void insertExchange(Database db, String learner, String ts) {
    db.writer()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO exchanges (learner_id, id, session_id, ts_utc, utc_offset_s,"
                        + " fingerprint, ingested_utc) VALUES (?, 'raw', 's', ?, 0, 0, 0)",
                    learner,
                    Instant.parse(ts).toEpochMilli()));
  }
}
