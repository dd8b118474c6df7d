package io.learnlytics.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.config.Ingest;
import io.learnlytics.ingest.IngestService;
import io.learnlytics.rollup.Buckets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A view counts its learner's rows; a backup's check counts the whole file, every learner's. */
class CountsTest {
  @TempDir Path dir;

  private static void ingest(Database view, String events) throws Exception {
    new IngestService(
            view,
            Clock.systemUTC(),
            new Buckets(ZoneId.of("UTC"), 0, DayOfWeek.MONDAY),
            Ingest.DEFAULT)
        .ingest(events.getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
  }

  @Test
  void a_view_counts_its_learner_and_the_backup_check_counts_every_learner() throws Exception {
    Path file = dir.resolve("counts.db");
    try (Database db = Database.open(file)) {
      Database alice = db.forLearner("alice");
      ingest(
          db,
          "[{\"kind\":\"exchange\",\"id\":\"x1\",\"session_id\":\"s1\","
              + "\"timestamp\":\"2025-11-18T09:00:00Z\",\"topics\":[\"a\"]}]");
      ingest(
          alice,
          "[{\"kind\":\"exchange\",\"id\":\"x1\",\"session_id\":\"s1\","
              + "\"timestamp\":\"2025-11-18T09:00:00Z\",\"topics\":[\"a\"]},"
              + "{\"kind\":\"exchange\",\"id\":\"x2\",\"session_id\":\"s2\","
              + "\"timestamp\":\"2025-11-18T10:00:00Z\"},"
              + "{\"kind\":\"feedback\",\"id\":\"f1\",\"exchange_id\":\"x2\","
              + "\"timestamp\":\"2025-11-18T10:01:00Z\",\"type\":\"copy\"}]");

      assertThat(Counts.of(db))
          .isEqualTo(
              Map.of(
                  "exchanges",
                  1L,
                  "sessions",
                  1L,
                  "feedback",
                  0L,
                  "quality_scores",
                  0L,
                  "concepts",
                  1L,
                  "concept_relations",
                  0L));
      assertThat(Counts.of(alice))
          .isEqualTo(
              Map.of(
                  "exchanges",
                  2L,
                  "sessions",
                  2L,
                  "feedback",
                  1L,
                  "quality_scores",
                  0L,
                  "concepts",
                  1L,
                  "concept_relations",
                  0L));
      assertThat(Counts.isEmpty(db.forLearner("bob"))).isTrue();
      assertThat(CopyCheck.verify(file, file).counts())
          .isEqualTo(
              Map.of(
                  "exchanges",
                  3L,
                  "sessions",
                  3L,
                  "feedback",
                  1L,
                  "quality_scores",
                  0L,
                  "concepts",
                  2L,
                  "concept_relations",
                  0L));
    }
  }
}
