package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.Workspace;
import io.learnlytics.config.Config;
import io.learnlytics.export.ExportService;
import io.learnlytics.export.ExportSlots;
import io.learnlytics.export.FileFingerprint;
import io.learnlytics.goal.GoalService;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.rollup.RollupMetrics;
import io.learnlytics.store.BackupException;
import io.learnlytics.store.Database;
import io.learnlytics.store.DbLocation;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The export checksum that backup and restore print: the checksum of a JSON export of everything,
 * of every learner ({@link FileFingerprint}: backup copies the whole file), as of the newest stored
 * event, with a fixed export id ({@code ExportService.fingerprint}). An export made at any other
 * moment differs (its time, id, and the goals' "current period"); pinning "now" to the data makes
 * the checksum a function of the stored data alone, equal for a backup and for the database
 * restored from it.
 */
final class ExportChecksum {
  /** The newest event of any learner: one "now" for the whole file. */
  private static final String NEWEST =
      "SELECT max(t) FROM (SELECT max(ts_utc) AS t FROM exchanges"
          + " UNION ALL SELECT max(ts_utc) FROM feedback"
          + " UNION ALL SELECT max(ts_utc) FROM quality_scores"
          + " UNION ALL SELECT max(ts_utc) FROM concept_relations)";

  private ExportChecksum() {}

  /** The checksum of database {@code db}, read with the zone and day settings of {@code config}. */
  static String of(Config config, Path db) {
    return of(config, DbLocation.file(db));
  }

  /** The checksum of the database at {@code db}, a file or a PostgreSQL database. */
  static String of(Config config, DbLocation db) {
    Config on = config.withDb(db);
    Instant now;
    try (App probe = App.open(on)) {
      Long newest =
          probe.db().reader().withHandle(h -> h.createQuery(NEWEST).mapTo(Long.class).one());
      now = Instant.ofEpochMilli(newest == null ? 0 : newest);
    }
    try (App app = new App(on, Clock.fixed(now, on.zone()), new PrometheusRegistry())) {
      return FileFingerprint.of(app.db(), learner -> exports(app, learner));
    } catch (IOException e) {
      throw new BackupException("cannot export " + db + " to check it (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The export service of {@code learner}: that learner's own (in their calendar), or for data of a
   * learner who was never added (no row of their own), one built on their view in the server's
   * calendar.
   */
  private static ExportService exports(App app, String learner) {
    Optional<Workspace> own = app.workspace(learner);
    if (own.isPresent()) {
      return own.get().exports();
    }
    Database view = app.db().forLearner(learner);
    RollupEngine rollups =
        new RollupEngine(
            view,
            app.rollups().buckets(),
            app.clock(),
            RollupMetrics.unregistered(),
            app.config().retention());
    // A fingerprint takes no export slot.
    return new ExportService(
        view, rollups, new GoalService(view, rollups, app.clock()), app.clock(), new ExportSlots());
  }
}
