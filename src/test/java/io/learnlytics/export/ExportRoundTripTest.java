package io.learnlytics.export;

import static io.learnlytics.export.ExportFixture.independentChecksum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.App;
import io.learnlytics.export.ExportImporter.ImportResult;
import io.learnlytics.export.json.DocumentChecksum;
import io.learnlytics.export.json.Verification;
import io.learnlytics.support.ApiException;
import io.learnlytics.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export, import into an empty database, export again: the same document, apart from the two fields
 * that describe the export rather than the data ({@code export_id}, {@code generated_at}) — and so
 * the same checksum once those two are the same.
 */
class ExportRoundTripTest {
  @TempDir static Path dir;
  static App source;
  static Path file;

  @BeforeAll
  static void export() throws IOException {
    source = ExportFixture.history(dir, "source.db");
    file = dir.resolve("export.json");
    Files.write(file, ExportFixture.export(ExportFixture.exports(source), "json", "all", null));
  }

  @AfterAll
  static void close() {
    source.close();
  }

  @Test
  void exportImportIntoAnEmptyDatabaseAndExportAgainGivesTheSameDataAndChecksum()
      throws IOException {
    ObjectNode first = (ObjectNode) Json.MAPPER.readTree(file.toFile());
    try (App target = ExportFixture.app(dir, "target.db")) {
      ImportResult r = importer(target).importFile(file, true, 2);
      ObjectNode second =
          (ObjectNode) ExportFixture.exportJson(ExportFixture.exports(target), "all", null);

      assertThat(r.events()).isEqualTo(13);
      assertThat(r.accepted()).isEqualTo(13);
      assertThat(r.goalsRestored()).isEqualTo(1); // "Graph day"; the defaults exist already
      assertThat(r.achievementsRestored()).isEqualTo(first.get("achievements").size()).isPositive();
      assertThat(second.get("export_id")).isNotEqualTo(first.get("export_id"));
      assertThat(withoutExportFields(second)).isEqualTo(withoutExportFields(first));
      // The checksum covers export_id too; with the first export's id it is the first checksum.
      ObjectNode relabelled = second.deepCopy();
      relabelled.remove("checksum");
      relabelled.set("export_id", first.get("export_id"));
      relabelled.set("generated_at", first.get("generated_at"));
      assertThat(independentChecksum(relabelled)).isEqualTo(first.get("checksum").textValue());
    }
  }

  @Test
  void importingTheSameExportTwiceChangesNothingTheSecondTime() throws IOException {
    try (App target = ExportFixture.app(dir, "twice.db")) {
      importer(target).importFile(file, true, 5000);
      ImportResult again = importer(target).importFile(file, true, 5000);

      assertThat(again.accepted()).isZero();
      assertThat(again.duplicates()).isEqualTo(13);
      assertThat(again.conflicts()).isZero();
      assertThat(again.goalsRestored()).isZero();
      assertThat(again.achievementsRestored()).isZero();
    }
  }

  @Test
  void anExportWhoseContentNoLongerMatchesItsChecksumIsRefusedAndNothingIsImported()
      throws IOException {
    Path tampered = dir.resolve("tampered.json");
    Files.writeString(
        tampered, Files.readString(file).replace("\"duration_ms\":6000", "\"duration_ms\":6001"));
    try (App target = ExportFixture.app(dir, "tampered.db")) {
      assertThatThrownBy(() -> importer(target).importFile(tampered, true, 5000))
          .isInstanceOf(ApiException.InvalidInput.class)
          .hasMessageContaining("checksum")
          .hasMessageContaining("changed or cut short");
      assertThat(count(target, "exchanges")).isZero();
    }
  }

  @Test
  void anExportReformattedByAnotherToolStillVerifies() throws IOException {
    JsonNode doc = Json.MAPPER.readTree(file.toFile());
    Path pretty = dir.resolve("pretty.json");
    // pretty-printed, and the checksum moved first: members no longer in canonical order
    ObjectNode reordered = Json.MAPPER.createObjectNode();
    reordered.set("checksum", doc.get("checksum"));
    doc.properties().forEach(e -> reordered.set(e.getKey(), e.getValue()));
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(pretty.toFile(), reordered);

    Verification v = DocumentChecksum.verify(pretty);

    assertThat(v.matches()).isTrue();
    assertThat(v.computed()).isEqualTo(doc.get("checksum").textValue());
  }

  @Test
  void aFileThatIsNotAJsonExportIsRefusedNamingWhy() throws IOException {
    Path csv = dir.resolve("not-json.json");
    Files.writeString(csv, "{\"format\":\"csv\",\"schema_version\":1}");
    try (App target = ExportFixture.app(dir, "refuse.db")) {
      assertThatThrownBy(() -> importer(target).importFile(csv, false, 5000))
          .isInstanceOf(ApiException.InvalidInput.class)
          .hasMessageContaining("format is not json");
    }
  }

  private static ExportImporter importer(App app) {
    return new ExportImporter(app.ingest(), app.goals(), app.rollups());
  }

  private static JsonNode withoutExportFields(ObjectNode doc) {
    ObjectNode copy = doc.deepCopy();
    copy.remove("export_id");
    copy.remove("generated_at");
    copy.remove("checksum");
    return copy;
  }

  private static long count(App app, String table) {
    Map<String, Object> row =
        app.db()
            .reader()
            .withHandle(h -> h.createQuery("SELECT count(*) AS n FROM " + table).mapToMap().one());
    return ((Number) row.get("n")).longValue();
  }
}
