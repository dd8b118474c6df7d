package io.learnlytics.export;

import static io.learnlytics.export.ExportFixture.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.support.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV export: a ZIP of RFC 4180 files with a manifest, safe to open in a spreadsheet. */
class ExportCsvTest {
  @TempDir static Path dir;
  static App app;
  static ExportService exports;

  @BeforeAll
  static void load() {
    app = ExportFixture.history(dir, "csv.db");
    // Text a spreadsheet would run as formulas, text that needs RFC 4180 quoting, and a quiet
    // Nov 19 (one exchange after Nov 18's two) so that a daily volume change is negative.
    ExportFixture.ingest(
        app,
        """
        [
         {"kind":"exchange","id":"x0","session_id":"quiet","timestamp":"2025-11-19T12:00:00+01:00"},
         {"kind":"exchange","id":"x1","session_id":"=HYPERLINK(\\"http://evil\\",\\"x\\")",
          "timestamp":"2025-11-20T11:00:00+01:00","topics":["+SUM(A1:A9)","@risk","-2+3"]},
         {"kind":"exchange","id":"x2","session_id":"\\tcmd","timestamp":"2025-11-20T11:30:00+01:00",
          "topics":["commas, \\"quotes\\" and\\nnew lines"]}
        ]
        """);
    exports = ExportFixture.exports(app);
  }

  @AfterAll
  static void close() {
    app.close();
  }

  @Test
  void theZipHoldsTheSpecsFilesAReadmeAndAManifest() throws IOException {
    Map<String, byte[]> zip = unzip(ExportFixture.export(exports, "csv", "30d", null));

    assertThat(zip.keySet())
        .containsExactly(
            "README.txt",
            "summary.csv",
            "sessions.csv",
            "daily_metrics.csv",
            "quality_scores.csv",
            "topics.csv",
            "goals.csv",
            "achievements.csv",
            "manifest.json");
    assertThat(new String(zip.get("README.txt"), StandardCharsets.UTF_8))
        .contains("period:       30d (learning days 2025-10-22 to 2025-11-20)")
        .contains("Europe/Berlin");
  }

  @Test
  void everyFileParsesBackWithTheRowCountBytesAndSha256OfTheManifest() throws IOException {
    Map<String, byte[]> zip = unzip(ExportFixture.export(exports, "csv", "all", null));
    JsonNode manifest = Json.MAPPER.readTree(zip.get("manifest.json"));

    assertThat(manifest.get("files")).hasSize(8); // every entry but the manifest itself
    for (JsonNode file : manifest.get("files")) {
      String name = file.get("name").textValue();
      byte[] bytes = zip.get(name);
      assertThat(sha256Hex(bytes)).as(name).isEqualTo(file.get("sha256").textValue());
      assertThat((long) bytes.length).as(name).isEqualTo(file.get("bytes").asLong());
      if (name.endsWith(".csv")) {
        assertThat(records(bytes).size()).as(name).isEqualTo(file.get("rows").asInt());
      } else {
        assertThat(file.get("rows").isNull()).isTrue();
      }
    }
    assertThat(rows(zip, "sessions.csv")).hasSize(7); // s-old, s1, s2, s3 and the three above
    assertThat(rows(zip, "quality_scores.csv")).hasSize(3);
    assertThat(rows(zip, "goals.csv")).hasSize(7);
  }

  @Test
  void cellsAreTheValuesOfTheRowsInRfc4180WithCrlfLineEnds() throws IOException {
    Map<String, byte[]> zip = unzip(ExportFixture.export(exports, "csv", "30d", null));
    List<CSVRecord> topics = rows(zip, "topics.csv");
    List<CSVRecord> quality = rows(zip, "quality_scores.csv");

    assertThat(new String(zip.get("topics.csv"), StandardCharsets.UTF_8))
        .startsWith("topic,mentions,sessions,avg_quality\r\n");
    assertThat(column(topics, "topic"))
        .contains("commas, \"quotes\" and\nnew lines") // quoted, and read back whole
        .startsWith("graphs", "recursion"); // most mentions first, then by name
    assertThat(topics.get(0).get("mentions")).isEqualTo("2");
    assertThat(quality.get(0).toMap())
        .containsEntry("id", "q1")
        .containsEntry("timestamp", "2025-11-18T09:00:00+01:00")
        .containsEntry("local_date", "2025-11-18")
        .containsEntry("composite", "0.55")
        .containsEntry("relevance", "");
  }

  @Test
  void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() throws IOException {
    Map<String, byte[]> zip = unzip(ExportFixture.export(exports, "csv", "30d", null));

    assertThat(column(rows(zip, "sessions.csv"), "session_id"))
        .contains("'=HYPERLINK(\"http://evil\",\"x\")", "'\tcmd");
    assertThat(column(rows(zip, "topics.csv"), "topic"))
        .contains("'+SUM(A1:A9)", "'@risk", "'-2+3");
    for (String file : List.of("sessions.csv", "topics.csv", "summary.csv", "goals.csv")) {
      for (CSVRecord r : rows(zip, file)) {
        for (String cell : r) {
          assertThat(cell).as(file).doesNotStartWith("=").doesNotStartWith("+");
          assertThat(cell).as(file).doesNotStartWith("@").doesNotStartWith("\t");
        }
      }
    }
  }

  @Test
  void numbersWrittenAsNumbersStayNumbersEvenWhenNegative() throws IOException {
    Map<String, byte[]> zip = unzip(ExportFixture.export(exports, "csv", "all", null));

    List<String> changes = column(rows(zip, "daily_metrics.csv"), "volume_change");
    assertThat(changes).anySatisfy(c -> assertThat(c).startsWith("-"));
    for (String c : changes) {
      if (!c.isEmpty()) {
        assertThat(Double.parseDouble(c)).isFinite(); // a plain number, no apostrophe
      }
    }
  }

  @Test
  void includeLeavesOutTheFilesOfSectionsNotAskedFor() throws IOException {
    Map<String, byte[]> zip = unzip(ExportFixture.export(exports, "csv", "7d", "quality"));

    assertThat(zip.keySet())
        .contains("quality_scores.csv", "summary.csv", "daily_metrics.csv", "goals.csv")
        .doesNotContain("sessions.csv", "topics.csv");
    assertThat(column(rows(zip, "summary.csv"), "metric"))
        .contains("total_sessions", "avg_quality", "include")
        .noneMatch(m -> m.startsWith("feedback."));
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  static List<CSVRecord> rows(Map<String, byte[]> zip, String name) throws IOException {
    return records(zip.get(name));
  }

  static List<CSVRecord> records(byte[] csv) throws IOException {
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(new String(csv, StandardCharsets.UTF_8)))
        .getRecords();
  }

  static List<String> column(List<CSVRecord> records, String name) {
    List<String> out = new ArrayList<>();
    records.forEach(r -> out.add(r.get(name)));
    return out;
  }
}
