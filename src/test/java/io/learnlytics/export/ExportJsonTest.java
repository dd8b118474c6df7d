package io.learnlytics.export;

import static io.learnlytics.export.ExportFixture.exportJson;
import static io.learnlytics.export.ExportFixture.independentChecksum;
import static io.learnlytics.export.ExportFixture.json;
import static io.learnlytics.export.ExportFixture.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.App;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON export: its checksum, its sections, the ingest format of its events, its period. */
class ExportJsonTest {
  @TempDir static Path dir;
  static App app;
  static ExportService exports;

  @BeforeAll
  static void load() {
    app = ExportFixture.history(dir, "json.db");
    exports = ExportFixture.exports(app);
  }

  @AfterAll
  static void close() {
    app.close();
  }

  @Test
  void checksumIsTheSha256OfTheJcsFormOfTheDocumentWithoutItsChecksumMember() throws Exception {
    byte[] body = ExportFixture.export(exports, "json", "all", null);
    ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(body);
    String stated = doc.remove("checksum").textValue();

    assertThat(stated).matches("sha256:[0-9a-f]{64}");
    assertThat(stated).isEqualTo(independentChecksum(doc)); // serializer written apart, in the test
  }

  @Test
  void theServedBytesAreTheCanonicalFormWithTheChecksumMemberAppendedLast() {
    String body = new String(ExportFixture.export(exports, "json", "30d", null), UTF8);
    int at = body.lastIndexOf(",\"checksum\":\"");
    String checksum = body.substring(at + 13, body.length() - 2);

    assertThat(body).endsWith("\"}");
    assertThat(lastFieldName(json(body))).isEqualTo("checksum");
    assertThat("sha256:" + sha256Hex((body.substring(0, at) + "}").getBytes(UTF8)))
        .isEqualTo(checksum);
  }

  @Test
  void aChangeAnywhereInTheDocumentChangesItsChecksum() {
    ObjectNode doc = (ObjectNode) exportJson(exports, "all", null);
    String stated = doc.remove("checksum").textValue();
    ((ObjectNode) doc.path("events").path("exchanges").get(1)).put("duration_ms", 4001);

    assertThat(independentChecksum(doc)).isNotEqualTo(stated);
  }

  @Test
  void theDocumentHasTheSpecsSectionsAndRowCountsThatCountThem() {
    JsonNode doc = exportJson(exports, "all", null);

    assertThat(fieldNames(doc))
        .contains(
            "export_id",
            "generated_at",
            "period_start",
            "period_end",
            "format",
            "summary",
            "sessions",
            "daily_summaries",
            "weekly_summaries",
            "quality_scores",
            "quality_by_topic",
            "feedback_summary",
            "topic_distribution",
            "knowledge_graph_stats",
            "goal_progress",
            "achievements",
            "row_counts",
            "events",
            "checksum");
    JsonNode counts = doc.get("row_counts");
    assertThat(counts.get("exchanges").asInt()).isEqualTo(5).isEqualTo(events(doc, "exchanges"));
    assertThat(counts.get("feedback").asInt()).isEqualTo(3).isEqualTo(events(doc, "feedback"));
    assertThat(counts.get("relations").asInt()).isEqualTo(2).isEqualTo(events(doc, "relations"));
    assertThat(counts.get("quality_scores").asInt())
        .isEqualTo(3)
        .isEqualTo(doc.get("quality_scores").size());
    assertThat(counts.get("sessions").asInt()).isEqualTo(4).isEqualTo(doc.get("sessions").size());
    assertThat(counts.get("goal_progress").asInt())
        .isEqualTo(7) // the six default goals and "Graph day"
        .isEqualTo(doc.get("goal_progress").size());
    assertThat(counts.get("daily_summaries").asInt())
        .isEqualTo(3) // Sep 1, Nov 18, Nov 20 (20:00 in New York is 02:00 on Nov 20 in Berlin)
        .isEqualTo(doc.get("daily_summaries").size());
    assertThat(counts.get("weekly_summaries").asInt())
        .isEqualTo(2)
        .isEqualTo(doc.get("weekly_summaries").size());
    assertThat(counts.get("achievements").asInt())
        .isPositive()
        .isEqualTo(doc.get("achievements").size());
  }

  @Test
  void eventsAreInTheExactIngestFormatWithTheirOriginalOffsets() {
    JsonNode doc = exportJson(exports, "all", null);

    assertThat(doc.at("/events/exchanges/2"))
        .isEqualTo(
            json(
                """
                {"kind":"exchange","id":"e2","session_id":"s1",
                 "timestamp":"2025-11-18T09:05:00.250+01:00",
                 "user_text":"Grüße — what is a \\"stack\\"?\\nAnd 😀?",
                 "agent_text":"LIFO, tab:\\there.","duration_ms":6000,
                 "topics":["recursion","stacks"]}
                """));
    assertThat(doc.at("/events/exchanges/1/metadata"))
        .isEqualTo(
            json("{\"device\":\"mobile\",\"model\":\"tutor-1\",\"temperature\":0.7,\"turn\":1}"));
    assertThat(doc.at("/events/exchanges/0/agent_text").textValue())
        .isEqualTo(TestStores.POSTGRES ? "In 1914." : "In 1914.\u0000");
    assertThat(doc.at("/events/exchanges/3/timestamp").textValue())
        .isEqualTo("2025-11-19T20:00:00-05:00");
    // a quality score sent without a timestamp is exported with the one it took from its exchange
    assertThat(doc.at("/quality_scores/0"))
        .isEqualTo(
            json(
                """
                {"kind":"quality","id":"q1","exchange_id":"e1",
                 "timestamp":"2025-11-18T09:00:00+01:00","composite":0.55}
                """));
    assertThat(doc.at("/quality_scores/1/composite").doubleValue())
        .isCloseTo((0.3 * 0.9 + 0.15 * 0.8 + 0.1 * 0.7) / 0.55, within(1e-12));
    assertThat(doc.at("/events/feedback/1"))
        .isEqualTo(
            json(
                """
                {"kind":"feedback","id":"f2","exchange_id":"e2",
                 "timestamp":"2025-11-18T09:06:00+01:00","type":"rating","rating":5,
                 "comment":"Clear, \\"really\\" clear"}
                """));
    assertThat(doc.at("/events/relations/0"))
        .isEqualTo(
            json(
                "{\"kind\":\"relation\",\"id\":\"r2\",\"source\":\"graphs\","
                    + "\"target\":\"trees\",\"type\":\"RELATES_TO\"}"));
  }

  @Test
  void aPeriodCoversItsLearningDaysInTheLearnersZone() {
    JsonNode month = exportJson(exports, "30d", null);
    JsonNode all = exportJson(exports, "all", null);

    // 30 learning days ending today, Thu Nov 20: Oct 22 (still summer time) to Nov 20 inclusive
    assertThat(month.get("period_start").textValue()).isEqualTo("2025-10-22T00:00:00+02:00");
    assertThat(month.get("period_end").textValue()).isEqualTo("2025-11-21T00:00:00+01:00");
    assertThat(month.get("timezone").textValue()).isEqualTo("Europe/Berlin");
    assertThat(ids(month.at("/events/exchanges"))).containsExactly("e1", "e2", "e3", "e4");
    assertThat(ids(month.get("sessions"), "session_id")).containsExactly("s1", "s2", "s3");
    assertThat(month.at("/sessions/0/topics").toString()).isEqualTo("[\"recursion\",\"stacks\"]");
    assertThat(month.at("/sessions/1/topics").toString()).isEqualTo("[\"graphs\"]");
    assertThat(ids(month.at("/events/relations"))).containsExactly("r1"); // r2 has no time
    assertThat(all.get("period_start").isNull()).isTrue();
    assertThat(ids(all.at("/events/exchanges"))).containsExactly("e0", "e1", "e2", "e3", "e4");
    assertThat(ids(all.at("/events/relations"))).containsExactly("r2", "r1");
  }

  @Test
  void summaryFeedbackAndTopicsAgreeWithTheEventsOfThePeriod() {
    JsonNode doc = exportJson(exports, "30d", null);
    double q2 = (0.3 * 0.9 + 0.15 * 0.8 + 0.1 * 0.7) / 0.55;

    JsonNode s = doc.get("summary");
    assertThat(s.get("total_sessions").asLong()).isEqualTo(3);
    assertThat(s.get("total_exchanges").asLong()).isEqualTo(4);
    assertThat(s.get("total_quality_scores").asLong()).isEqualTo(3);
    assertThat(s.get("avg_quality").doubleValue()).isCloseTo((0.55 + q2 + 0.9) / 3, within(1e-12));
    assertThat(s.get("unique_topics").asInt()).isEqualTo(3);
    assertThat(s.get("total_feedback").asLong()).isEqualTo(3);
    // s1 lasts 09:00 to 09:05:00.250 plus 6 s; s2 and s3 their only exchange's duration
    assertThat(s.get("total_duration_minutes").doubleValue())
        .isCloseTo((306_250 + 2_000 + 0) / 60_000.0, within(1e-12));
    JsonNode f = doc.get("feedback_summary");
    assertThat(f.get("total").asLong()).isEqualTo(3);
    assertThat(f.get("positive").asLong()).isEqualTo(2); // thumbs_up and a rating of 5
    assertThat(f.get("corrections").asLong()).isEqualTo(1);
    assertThat(f.get("avg_rating").asDouble()).isEqualTo(5.0);
    assertThat(f.get("by_type")).isEqualTo(json("{\"correction\":1,\"rating\":1,\"thumbs_up\":1}"));
    assertThat(doc.get("topic_distribution"))
        .isEqualTo(json("{\"graphs\":2,\"recursion\":2,\"stacks\":1}"));
    assertThat(doc.at("/quality_by_topic/recursion").doubleValue())
        .isCloseTo((0.55 + q2) / 2, within(1e-12));
    assertThat(doc.at("/knowledge_graph_stats/total_relationships").asLong()).isEqualTo(2);
  }

  @Test
  void includeKeepsOnlyTheAskedSectionsAndTheirRowCounts() {
    JsonNode doc = exportJson(exports, "all", "quality");

    assertThat(fieldNames(doc))
        .contains("quality_scores", "quality_by_topic", "summary", "daily_summaries")
        .doesNotContain(
            "sessions",
            "events",
            "feedback_summary",
            "topic_distribution",
            "knowledge_graph_stats");
    assertThat(fieldNames(doc.get("row_counts")))
        .containsExactly(
            "achievements",
            "daily_summaries",
            "goal_progress",
            "quality_scores",
            "weekly_summaries");
    assertThat(doc.get("include")).isEqualTo(json("[\"quality\"]"));
  }

  @Test
  void everyExportIsRecordedInTheHistoryWithItsSizeAndChecksum() {
    byte[] body = ExportFixture.export(exports, "json", "90d", "sessions,topics");
    JsonNode doc = json(new String(body, UTF8));

    Map<String, Object> row =
        app.db()
            .reader()
            .withHandle(
                h ->
                    h.createQuery("SELECT * FROM export_history WHERE id = ?")
                        .bind(0, doc.get("export_id").textValue())
                        .mapToMap()
                        .one());
    assertThat(row.get("format")).isEqualTo("json");
    assertThat(row.get("include_sections")).isEqualTo("[\"sessions\",\"topics\"]");
    assertThat(((Number) row.get("file_size_bytes")).longValue()).isEqualTo(body.length);
    assertThat(row.get("checksum")).isEqualTo(doc.get("checksum").textValue());
    assertThat(((Number) row.get("period_start_utc")).longValue())
        .isEqualTo(java.time.Instant.parse("2025-08-22T22:00:00Z").toEpochMilli()); // Aug 23 00:00
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static int events(JsonNode doc, String kind) {
    return doc.path("events").path(kind).size();
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String lastFieldName(JsonNode n) {
    String last = null;
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      last = it.next();
    }
    return last;
  }

  private static List<String> ids(JsonNode array) {
    return ids(array, "id");
  }

  private static List<String> ids(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get(field).textValue()));
    return out;
  }
}
