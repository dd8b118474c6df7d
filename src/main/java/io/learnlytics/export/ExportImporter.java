package io.learnlytics.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.export.json.DocumentChecksum;
import io.learnlytics.export.json.DocumentReader;
import io.learnlytics.export.json.Verification;
import io.learnlytics.goal.Comparison;
import io.learnlytics.goal.Frequency;
import io.learnlytics.goal.Goal;
import io.learnlytics.goal.GoalMetric;
import io.learnlytics.goal.GoalService;
import io.learnlytics.goal.StoredAchievement;
import io.learnlytics.ingest.BatchLoader;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.rollup.RollupEngine;
import io.learnlytics.support.ApiException.FieldError;
import io.learnlytics.support.ApiException.InvalidInput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  private final GoalService goals;
  private final RollupEngine rollups;

  public ExportImporter(IngestService ingest, GoalService goals, RollupEngine rollups) {
    this.ingest = ingest;
    this.goals = goals;
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
    GoalService.Restored restored =
        this.goals.restore(
            goals.stream().map(ExportImporter::goal).toList(),
            achievements.stream().map(ExportImporter::achievement).toList());
    rollups.refreshDirty();
    return new ImportResult(
        exportId,
        checksum,
        loader.sent(),
        loader.accepted(),
        loader.duplicates(),
        loader.conflicts(),
        restored.goals(),
        restored.achievements());
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

  /** A goal as the export wrote it (see {@code GoalService.GoalView}), with its times. */
  private static Goal goal(JsonNode n) {
    JsonNode topic = n.path("filters").path("topic");
    return new Goal(
        required(n, "goal_progress", "id"),
        required(n, "goal_progress", "name"),
        required(n, "goal_progress", "description"),
        required(n, "goal_progress", "goal_type"),
        Frequency.of(required(n, "goal_progress", "frequency")),
        GoalMetric.of(required(n, "goal_progress", "target_metric")),
        n.path("target").doubleValue(),
        Comparison.of(required(n, "goal_progress", "comparison")),
        topic.isTextual() ? topic.textValue() : null,
        text(n, "icon"),
        text(n, "color"),
        n.path("enabled").asBoolean(true),
        Instant.ofEpochMilli(millis(n, "created_at", 0)),
        Instant.ofEpochMilli(millis(n, "updated_at", 0)));
  }

  private static StoredAchievement achievement(JsonNode n) {
    return new StoredAchievement(
        required(n, "achievements", "id"),
        required(n, "achievements", "goal_id"),
        required(n, "achievements", "name"),
        required(n, "achievements", "description"),
        text(n, "icon"),
        required(n, "achievements", "period"),
        millis(n, "period_start", StoredAchievement.NO_PERIOD),
        millis(n, "unlocked_at", 0));
  }

  /**
   * A member every goal or achievement of an export has; a file without it was not written by an
   * export, and is refused rather than stored with a hole in it.
   */
  private static String required(JsonNode n, String section, String field) {
    String v = text(n, field);
    if (v == null) {
      throw InvalidInput.of(section + "." + field, "missing from an entry of " + section);
    }
    return v;
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
