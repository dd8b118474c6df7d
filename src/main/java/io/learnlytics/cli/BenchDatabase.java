package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.config.Config;
import io.learnlytics.config.ConfigException;
import io.learnlytics.demo.BenchShape;
import io.learnlytics.rollup.Level;
import io.learnlytics.store.DbLocation;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A database made by {@code bench-ingest}, opened for a benchmark: rollups brought up to date, and
 * "now" fixed one hour after its last exchange, so "the last 30 days" hold data however old the
 * file.
 */
final class BenchDatabase {
  private BenchDatabase() {}

  /** The configuration a bench database of {@code shape} is written and read in. */
  static Config config(Path db, BenchShape shape) {
    return config(DbLocation.file(db), shape);
  }

  /** The same, on a database anywhere (a file or PostgreSQL). */
  static Config config(DbLocation db, BenchShape shape) {
    Config d = Config.defaults();
    return new Config(
        db,
        d.host(),
        0,
        d.apiToken(),
        false,
        shape.zone,
        d.weekStart(),
        shape.dayStartHour,
        d.retention(),
        d.ingest(),
        d.exposure(),
        d.graph());
  }

  static App open(Path db, BenchShape shape) {
    if (!Files.exists(db)) {
      throw new ConfigException(
          db
              + " does not exist; create it with: bench-ingest --shape "
              + shape.id()
              + " --db "
              + db);
    }
    Config config = config(db, shape);
    Instant now;
    try (App probe = App.open(config)) {
      probe.rollups().refreshDirty();
      if (probe.rollups().list(Level.MONTHLY, 0, Long.MAX_VALUE).isEmpty()) {
        probe.rollups().rebuild(null, null);
      }
      long last =
          probe
              .db()
              .reader()
              .withHandle(
                  h ->
                      h.createQuery("SELECT max(ts_utc) FROM exchanges WHERE learner_id = ?")
                          .bind(0, probe.db().learner())
                          .mapTo(Long.class)
                          .one());
      now = Instant.ofEpochMilli(last).plus(Duration.ofHours(1));
    }
    return new App(config, Clock.fixed(now, shape.zone), new PrometheusRegistry());
  }
}
