package io.learnlytics.export;

import static io.learnlytics.export.ExportFixture.independentChecksum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnlytics.api.ExportRoutes;
import io.learnlytics.export.source.ExportRequest;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/analytics/export} on the application's own server, as wired in WebServer. */
class ExportApiTest {
  @TempDir Path dir;

  @Test
  void theServerStreamsAVerifiableJsonAttachmentOfTheEventsPostedToIt() throws Exception {
    try (TestServer server =
        TestServer.at(
            dir, ExportFixture.ZONE, Clock.fixed(ExportFixture.NOW, ExportFixture.ZONE))) {
      server.postJson(
          "/api/events",
          """
          [{"kind":"exchange","id":"e1","session_id":"s1","timestamp":"2025-11-20T09:00:00+01:00",
            "topics":["recursion"]},
           {"kind":"quality","id":"q1","exchange_id":"e1","composite":0.75}]
          """);

      Response r = server.get("/api/analytics/export?period=7d&include=sessions,quality");

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.raw().headers().firstValue("Content-Disposition"))
          .hasValue("attachment; filename=\"learnlytics-export-7d-2025-11-20.json\"");
      ObjectNode doc = (ObjectNode) r.json();
      String checksum = doc.remove("checksum").textValue();
      assertThat(independentChecksum(doc)).isEqualTo(checksum);
      assertThat(doc.at("/events/exchanges/0/id").textValue()).isEqualTo("e1");
      assertThat(doc.at("/summary/avg_quality").doubleValue()).isEqualTo(0.75);
    }
  }

  @Test
  void includeAllIsEverySectionAsTheSpecificationsExampleAsksInJsonAndCsv() throws Exception {
    try (TestServer server =
        TestServer.at(
            dir, ExportFixture.ZONE, Clock.fixed(ExportFixture.NOW, ExportFixture.ZONE))) {
      server.postJson(
          "/api/events",
          """
          [{"kind":"exchange","id":"e1","session_id":"s1","timestamp":"2025-11-20T09:00:00+01:00",
            "topics":["recursion"]},
           {"kind":"quality","id":"q1","exchange_id":"e1","composite":0.75},
           {"kind":"feedback","id":"f1","exchange_id":"e1","type":"thumbs_up",
            "timestamp":"2025-11-20T09:01:00+01:00"}]
          """);

      Response all = server.get("/api/analytics/export?format=json&period=30d&include=all");
      Response named =
          server.get(
              "/api/analytics/export?format=json&period=30d"
                  + "&include=topics,feedback,quality,sessions");

      assertThat(all.status()).isEqualTo(200);
      ObjectNode doc = (ObjectNode) all.json();
      assertThat(doc.get("include").toString())
          .isEqualTo("[\"sessions\",\"quality\",\"feedback\",\"topics\"]");
      String checksum = doc.remove("checksum").textValue();
      assertThat(independentChecksum(doc)).isEqualTo(checksum);
      ObjectNode listed = (ObjectNode) named.json();
      for (String same :
          List.of("include", "events", "summary", "feedback_summary", "row_counts")) {
        assertThat(doc.get(same)).as(same).isNotNull().isEqualTo(listed.get(same));
      }
      assertThat(doc.at("/events/feedback/0/id").textValue()).isEqualTo("f1");

      HttpResponse<byte[]> csv =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          server.uri("/api/analytics/export?format=csv&period=30d&include=ALL"))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(csv.statusCode()).isEqualTo(200);
      assertThat(ExportCsvTest.unzip(csv.body()).keySet())
          .contains("sessions.csv", "quality_scores.csv", "topics.csv", "manifest.json");
    }
  }

  @Test
  void allListedWithNamedSectionsOrAnUnknownSectionIsA400NamingIncludeAndItsValues() {
    try (TestServer server = TestServer.start(dir)) {
      for (String include : List.of("all,sessions", "everything", "all,")) {
        Response r = server.get("/api/analytics/export?include=" + include);

        assertThat(r.status()).as(include).isEqualTo(400);
        assertThat(r.json().at("/error/details/0/field").textValue()).isEqualTo("include");
        assertThat(r.json().at("/error/details/0/message").textValue())
            .as(include)
            .contains("'all'")
            .contains("sessions, quality, feedback, topics");
      }
    }
  }

  @Test
  void theServerAnswersAThirdExportWith429AndRetryAfterInItsErrorShape() {
    try (TestServer server = TestServer.start(dir)) {
      ExportService exports = server.app().exports();
      List<Export> running =
          List.of(
              exports.start(ExportRequest.parse(null, null, null)),
              exports.start(ExportRequest.parse(null, null, null)));
      try {
        Response r = server.get("/api/analytics/export");

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("5");
        assertThat(r.json().at("/error/code").textValue()).isEqualTo("too_many_requests");
      } finally {
        running.forEach(Export::close);
      }
      assertThat(server.get("/api/analytics/export?format=csv").status()).isEqualTo(200);
    }
  }

  @Test
  void exportsOfDifferentLearnersShareTheServersLimit() {
    try (TestServer server = TestServer.start(dir)) {
      Response created =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/learners/alice"))
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString("{}")));
      assertThat(created.status()).isEqualTo(201);
      ExportService mine = server.app().exports();
      ExportService alices = server.app().workspace("alice").orElseThrow().exports();
      List<Export> running =
          List.of(
              mine.start(ExportRequest.parse(null, null, null)),
              alices.start(ExportRequest.parse(null, null, null)));
      try {
        assertThat(mine.running()).isEqualTo(ExportService.MAX_CONCURRENT);
        for (String path : List.of("/api/learners/alice/analytics/export", ExportRoutes.EXPORT)) {
          Response r = server.get(path);
          assertThat(r.status()).as(path).isEqualTo(429);
          assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("5");
          assertThat(r.json().at("/error/message").textValue()).contains("at most 2 exports");
        }
      } finally {
        running.forEach(Export::close);
      }
      assertThat(alices.running()).isZero();
      assertThat(server.get("/api/learners/alice/analytics/export").status()).isEqualTo(200);
    }
  }

  @Test
  void aBadParameterIsA400AndAMissingTokenA401() throws Exception {
    try (TestServer server = TestServer.withToken(dir, "secret")) {
      Response unauthorized =
          server.send(
              HttpRequest.newBuilder(server.uri("/api/analytics/export")).GET()); // no token

      Response bad = server.get("/api/analytics/export?include=everything");

      assertThat(unauthorized.status()).isEqualTo(401);
      assertThat(bad.status()).isEqualTo(400);
      assertThat(Json.MAPPER.readTree(bad.body()).at("/error/details/0/field").textValue())
          .isEqualTo("include");
    }
  }
}
