package io.learnlytics.export;

import io.learnlytics.export.source.ExportResult;
import io.learnlytics.export.source.ExportScope;
import io.learnlytics.store.Database;
import io.learnlytics.support.Json;

/**
 * Rows of {@code export_history}: one per export, completed with size and checksum at the end, each
 * the row of the learner whose data the export holds (the learner of the database view).
 */
final class ExportHistory {
  private ExportHistory() {}

  static void started(Database db, ExportScope scope) {
    String include = Json.MAPPER.valueToTree(scope.request().include()).toString();
    db.writer()
        .useHandle(
            h ->
                h.execute(
                    "INSERT INTO export_history (learner_id, id, format, period_start_utc,"
                        + " period_end_utc, include_sections, created_utc)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    db.learner(),
                    scope.id(),
                    scope.request().format(),
                    scope.all() ? null : scope.fromUtc(),
                    scope.all() ? scope.generatedUtc() : scope.toUtc(),
                    include,
                    scope.generatedUtc()));
  }

  static void finished(Database db, ExportResult result) {
    db.writer()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE export_history SET file_size_bytes = ?, checksum = ?"
                        + " WHERE learner_id = ? AND id = ?",
                    result.bytes(),
                    result.checksum(),
                    db.learner(),
                    result.id()));
  }
}
