package io.learnlytics.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.rollup.Level;
import io.learnlytics.store.Database;
import io.learnlytics.testing.MovableClock;
import io.learnlytics.testing.TestConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollupSchedulerTest {
  static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final String DEFAULT = Database.DEFAULT_LEARNER;

  @TempDir Path dir;

  App open(Clock clock) {
    return TestConfig.in(dir).withZone(ZONE).open(clock);
  }

  @Test
  void a_job_is_overdue_until_it_runs_and_again_once_its_next_fire_time_passes() {
    MovableClock clock = new MovableClock("2025-11-18T15:10:00Z", ZONE); // 10:10 EST
    try (App app = open(clock)) {
      RollupScheduler s = scheduler(app, clock);
      assertThat(s.isOverdue(DEFAULT, RollupJob.HOURLY)).isTrue();

      s.runOnce(DEFAULT, RollupJob.HOURLY);
      assertThat(s.isOverdue(DEFAULT, RollupJob.HOURLY)).isFalse();

      clock.now = Instant.parse("2025-11-18T16:04:00Z"); // 11:04, before the 11:05 run
      assertThat(s.isOverdue(DEFAULT, RollupJob.HOURLY)).isFalse();
      clock.now = Instant.parse("2025-11-18T19:30:00Z"); // down over three fire times
      assertThat(s.isOverdue(DEFAULT, RollupJob.HOURLY)).isTrue();
    }
  }

  @Test
  void a_run_heals_rows_written_behind_ingests_back_since_the_last_success() {
    MovableClock clock = new MovableClock("2025-11-18T15:10:00Z", ZONE);
    try (App app = open(clock)) {
      RollupScheduler s = scheduler(app, clock);
      s.runOnce(DEFAULT, RollupJob.DAILY);
      // An exchange written straight into SQLite: no dirty mark exists for it.
      long ts = Instant.parse("2025-11-18T14:30:00Z").toEpochMilli();
      app.db()
          .writer()
          .useHandle(
              h ->
                  h.execute(
                      "INSERT INTO exchanges (id, session_id, ts_utc, utc_offset_s, fingerprint,"
                          + " ingested_utc) VALUES ('raw', 's', ?, 0, 0, 0)",
                      ts));
      assertThat(app.rollups().list(Level.DAILY, 0, Long.MAX_VALUE)).isEmpty();

      clock.now = Instant.parse("2025-11-19T05:20:00Z"); // 00:20 the next day, after 00:15
      assertThat(s.isOverdue(DEFAULT, RollupJob.DAILY)).isTrue();
      s.runOnce(DEFAULT, RollupJob.DAILY);

      assertThat(app.rollups().list(Level.DAILY, 0, Long.MAX_VALUE))
          .singleElement()
          .satisfies(r -> assertThat(r.activity().exchanges()).isEqualTo(1));
      assertThat(app.registry().scrape().stream().map(m -> m.getMetadata().getName()))
          .contains("analytics_aggregation_duration_seconds");
    }
  }

  private static RollupScheduler scheduler(App app, Clock clock) {
    return new RollupScheduler(
        app.db(), id -> app.workspace(id).orElseThrow().rollups(), clock, Config.Retention.DEFAULT);
  }
}
