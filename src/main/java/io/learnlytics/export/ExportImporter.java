package io.learnlytics.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.export.json.DocumentChecksum;
import io.learnlytics.export.json.DocumentReader;
import io.learnlytics.export.json.Verification;
import io.learnlytics.ingest.BatchLoader;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.store.Database;
import io.learnlytics.support.ApiException.FieldError;
import io.learnlytics.support.ApiException.InvalidInput;
import io.learnlytics.support.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntBiFunction;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Imports a JSON export: verifies its checksum, then re-ingests its raw events (see {@link
 * DocumentReader}) through {@link IngestService} in atomic batches, restores its goals and
 * achievements, and refreshes the rollups. Everything else in the document is derived, and is
 * derived again from the events. Importing twice changes nothing the second time: event ids are
 * idempotent and goals and achievements are only added when their id is new.
 */
public final class ExportImporter {
  private final IngestService ingest;
  private final Database db;
  private final RollupEngine rollups;

  public ExportImporter(IngestService ingest, Database db, RollupEngine rollups) {
    this.ingest = ingest;
    this.db = db;
    this.rollups = rollups;
  }

  /** What an import did. */
  public record ImportResult(
      @Nullable String exportId,
      @Nullable String checksum,
      long events,
      long accepted,
      long duplicates,
      long conflicts,
      int goalsRestored,
      int achievementsRestored) {}

  /**
   * Imports {@code file}.
   *
   * @param verify check the checksum first and refuse a file whose content does not match it
   * @throws InvalidInput when the file is not a JSON export, its checksum does not match, or a
   *     batch of its events is invalid (earlier batches stay stored; re-running is safe)
   */
  public ImportResult importFile(Path file, boolean verify, int batchSize) throws IOException {
    String checksum = verify ? verifiedChecksum(file) : null;
    BatchLoader loader = new BatchLoader(ingest, batchSize);
    List<JsonNode> goals = new ArrayList<>();
    List<JsonNode> achievements = new ArrayList<>();
    String exportId =
        load(file, loader, new DocumentReader(loader::add, goals::add, achievements::add));
    int[] restored = restore(goals, achievements);
    rollups.refreshDirty();
    return new ImportResult(
        exportId,
        checksum,
        loader.sent(),
        loader.accepted(),
        loader.duplicates(),
        loader.conflicts(),
        restored[0],
        restored[1]);
  }

  /** The checksum the file states, when its content matches it. */
  private static @Nullable String verifiedChecksum(Path file) throws IOException {
    Verification v = DocumentChecksum.verify(file);
    if (!v.matches()) {
      throw InvalidInput.of(
          "checksum",
          v.stated() == null
              ? "the file has no checksum member; is it a Learnlytics JSON export?"
              : "the file states "
                  + v.stated()
                  + " but its content hashes to "
                  + v.computed()
                  + "; it was changed or cut short");
    }
    return v.stated();
  }

  /** Reads the file, ingesting its events; returns the export id. */
  private static @Nullable String load(Path file, BatchLoader loader, DocumentReader reader)
      throws IOException {
    try {
      String exportId = reader.read(file);
      loader.flush();
      return exportId;
    } catch (InvalidInput e) {
      if (e.details().stream().allMatch(d -> d.index() == null)) {
        throw e; // about the file, not about one of its events
      }
      throw rejectedBatch(e, loader.sent());
    }
  }

  /** An invalid batch, its events numbered from the start of the file rather than the batch. */
  private static InvalidInput rejectedBatch(InvalidInput e, long sent) {
    List<FieldError> details = new ArrayList<>();
    for (FieldError d : e.details()) {
      details.add(
          new FieldError(
              d.index() == null ? null : (int) sent + d.index(), d.field(), d.message()));
    }
    return new InvalidInput(
        "the batch of events starting at event "
            + sent
            + " was rejected (the events before it are stored; importing again is safe): "
            + e.getMessage(),
        details);
  }

  /**
   * Adds the goals and achievements whose ids are new, in one transaction; returns how many of
   * each. Achievements of goals that are neither in the database nor in the export are skipped.
   */
  private int[] restore(List<JsonNode> goals, List<JsonNode> achievements) {
    return db.writer()
        .inTransaction(
            h ->
                new int[] {
                  insertAll(h, goals, ExportImporter::insertGoal),
                  insertAll(h, achievements, ExportImporter::insertAchievement)
                });
  }

  private static int insertAll(
      Handle h, List<JsonNode> rows, ToIntBiFunction<Handle, JsonNode> insert) {
    int n = 0;
    for (JsonNode row : rows) {
      n += insert.applyAsInt(h, row);
    }
    return n;
  }

  private static int insertGoal(Handle h, JsonNode n) {
    JsonNode topic = n.path("filters").path("topic");
    return h.execute(
        "INSERT INTO goal_definitions (id, name, description, goal_type,"
            + " frequency, target_metric, target_value, comparison, filters, icon,"
            + " color, enabled, created_utc, updated_utc)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING",
        text(n, "id"),
        text(n, "name"),
        text(n, "description"),
        text(n, "goal_type"),
        text(n, "frequency"),
        text(n, "target_metric"),
        n.path("target").doubleValue(),
        text(n, "comparison"),
        topic.isTextual()
            ? Json.MAPPER.createObjectNode().put("topic", topic.textValue()).toString()
            : null,
        text(n, "icon"),
        text(n, "color"),
        n.path("enabled").asBoolean(true) ? 1 : 0,
        millis(n, "created_at", 0),
        millis(n, "updated_at", 0));
  }

  private static int insertAchievement(Handle h, JsonNode n) {
    return h.execute(
        "INSERT OR IGNORE INTO achievements (id, goal_id, name, description,"
            + " icon, period, period_start_utc, unlocked_utc)"
            + " SELECT ?,?,?,?,?,?,?,?"
            + " WHERE EXISTS (SELECT 1 FROM goal_definitions WHERE id = ?)",
        text(n, "id"),
        text(n, "goal_id"),
        text(n, "name"),
        text(n, "description"),
        text(n, "icon"),
        text(n, "period"),
        millis(n, "period_start", Long.MIN_VALUE),
        millis(n, "unlocked_at", 0),
        text(n, "goal_id"));
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static long millis(JsonNode n, String field, long whenNull) {
    String v = text(n, field);
    return v == null ? whenNull : Instant.parse(v).toEpochMilli();
  }
}
