package io.learnlytics.export;

import static io.learnlytics.export.ExportFixture.independentChecksum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.learnlytics.App;
import io.learnlytics.api.ExportRoutes;
import io.learnlytics.export.source.ExportRequest;
import io.learnlytics.support.ApiException;
import io.learnlytics.support.ApiException.InvalidInput;
import io.learnlytics.support.ApiException.TooManyRequests;
import io.learnlytics.support.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parameter validation, the limit of two exports at once, and the HTTP handler (served here by a
 * small Javalin of the test's own, with the application's mapping of errors to statuses).
 */
class ExportServiceTest {
  @TempDir static Path dir;
  static App app;
  static ExportService exports;
  static Javalin server;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    app = ExportFixture.history(dir, "service.db");
    exports = ExportFixture.exports(app);
    ExportRoutes routes = new ExportRoutes(ctx -> exports);
    server =
        Javalin.create(
                c -> {
                  c.startup.showJavalinBanner = false;
                  c.jetty.host = "127.0.0.1";
                  c.jetty.port = 0;
                  c.routes.get(ExportRoutes.EXPORT, routes::export);
                  c.routes.exception(
                      ApiException.class,
                      (e, ctx) -> {
                        if (e instanceof TooManyRequests t) {
                          ctx.header("Retry-After", Integer.toString(t.retryAfterSeconds()));
                        }
                        ctx.status(e.status())
                            .json(
                                Map.of(
                                    "error",
                                    Map.of(
                                        "code",
                                        e.code(),
                                        "message",
                                        e.getMessage(),
                                        "details",
                                        e.details())));
                      });
                })
            .start();
  }

  @AfterAll
  static void stop() {
    server.stop();
    app.close();
  }

  @ParameterizedTest(name = "format={0} period={1} include={2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "xml  |     |                | format  | 'xml' is not allowed; allowed values are json,"
            + " csv",
        "     | 5d  |                | period  | allowed values are 7d, 30d, 90d, 365d, all",
        "     | 730d|                | period  | '730d' is not allowed",
        "     |     | sessions,bogus | include | allowed values are sessions, quality, feedback,"
            + " topics",
        "     |     | sessions,,topics | include | '' is not allowed"
      })
  void anUnknownFormatPeriodOrSectionIsA400NamingTheParameterAndTheAllowedValues(
      String format, String period, String include, String field, String message) {
    assertThatThrownBy(() -> ExportRequest.parse(format, period, include))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.details())
                  .singleElement()
                  .satisfies(
                      d -> {
                        assertThat(d.field()).isEqualTo(field);
                        assertThat(d.message()).contains(message);
                      });
            });
  }

  @Test
  void withoutParametersAnExportIsJsonOfThirtyDaysWithEverySection() {
    ExportRequest r = ExportRequest.parse(null, " ", null);

    assertThat(r.format()).isEqualTo("json");
    assertThat(r.period()).isEqualTo("30d");
    assertThat(r.include()).containsExactly("sessions", "quality", "feedback", "topics");
    assertThat(ExportRequest.parse("CSV", "All", "topics, sessions").include())
        .containsExactly("sessions", "topics"); // in canonical order
  }

  @Test
  void aThirdConcurrentExportIsRefusedWithRetryAfterUntilASlotIsFree() {
    ExportRequest r = ExportRequest.parse(null, null, null);
    Export first = exports.start(r);
    Export second = exports.start(r);
    try {
      assertThatThrownBy(() -> exports.start(r))
          .isInstanceOfSatisfying(
              TooManyRequests.class,
              e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.retryAfterSeconds()).isEqualTo(ExportService.RETRY_AFTER_SECONDS);
                assertThat(e.getMessage()).contains("at most 2 exports");
              });
      assertThat(exports.running()).isEqualTo(2);
      first.close();
      try (Export third = exports.start(r)) {
        assertThat(third.id()).isNotEqualTo(second.id());
      }
    } finally {
      first.close();
      second.close();
    }
    assertThat(exports.running()).isZero();
  }

  @Test
  void overHttpAJsonExportIsAnAttachmentThatCarriesItsChecksum() throws Exception {
    HttpResponse<String> r = get("?format=json&period=30d");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(r.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"learnlytics-export-30d-2025-11-20.json\"");
    ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(r.body());
    assertThat(r.headers().firstValue("X-Export-Id")).hasValue(doc.get("export_id").textValue());
    String checksum = doc.remove("checksum").textValue();
    assertThat(independentChecksum(doc)).isEqualTo(checksum);
  }

  @Test
  void overHttpACsvExportIsAZipAttachment() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            request("?format=csv&period=all&include=sessions"),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(r.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"learnlytics-export-all-2025-11-20.zip\"");
    assertThat(ExportCsvTest.unzip(r.body()).keySet()).contains("sessions.csv", "manifest.json");
  }

  @Test
  void overHttpABadParameterIsA400AndABusyServiceA429WithRetryAfter() throws Exception {
    HttpResponse<String> bad = get("?period=forever");
    assertThat(bad.statusCode()).isEqualTo(400);
    JsonNode error = Json.MAPPER.readTree(bad.body()).get("error");
    assertThat(error.get("code").textValue()).isEqualTo("invalid_input");
    assertThat(error.at("/details/0/field").textValue()).isEqualTo("period");
    assertThat(error.get("message").textValue()).contains("7d, 30d, 90d, 365d, all");

    List<Export> busy =
        List.of(
            exports.start(ExportRequest.parse(null, null, null)),
            exports.start(ExportRequest.parse(null, null, null)));
    try {
      HttpResponse<String> refused = get("?format=json");
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(Json.MAPPER.readTree(refused.body()).at("/error/code").textValue())
          .isEqualTo("too_many_requests");
    } finally {
      busy.forEach(Export::close);
    }
    assertThat(get("?format=json").statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> get(String query) throws Exception {
    return http.send(request(query), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String query) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + ExportRoutes.EXPORT + query))
        .GET()
        .build();
  }
}
