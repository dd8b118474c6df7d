package io.learnlytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.TestServer;
import io.learnlytics.testing.TestServer.Response;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 19: values that were once accepted and then broke exports, totals or re-imports are refused
 * at ingest with a 400 naming the event's index and the field, and nothing of the batch is stored.
 */
class PoisonEventsTest {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A valid first event, then an exchange with {@code fields} spliced in. */
  private Response sendSecond(String fields) {
    String body =
        "[{\"kind\":\"exchange\",\"id\":\"ok\",\"session_id\":\"s\",\"timestamp\":\"2025-11-18T09:30:00Z\"},"
            + "{\"kind\":\"exchange\",\"id\":\"bad\",\"session_id\":\"s\",\"timestamp\":\"2025-11-18T09:31:00Z\","
            + fields
            + "}]";
    return server.postJson("/api/events", body);
  }

  private void assertRefused(Response r, String field, String messagePart) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    JsonNode detail = r.json().at("/error/details/0");
    assertThat(detail.get("index").asInt()).isEqualTo(1);
    assertThat(detail.get("field").asText()).isEqualTo(field);
    assertThat(detail.get("message").asText()).contains(messagePart);
    assertThat(server.get("/api/health").json().at("/counts/exchanges").asLong()).isZero();
  }

  @Test
  void a_400_digit_integer_in_metadata_is_refused() {
    String huge = "9".repeat(400);
    assertRefused(
        sendSecond("\"metadata\":{\"n\":" + huge + "}"), "metadata.n", "beyond the range");
  }

  @Test
  void an_infinite_number_in_metadata_is_refused_not_stored_as_a_string() {
    assertRefused(
        sendSecond("\"metadata\":{\"deep\":{\"x\":[1,1e400]}}"),
        "metadata.deep.x[1]",
        "beyond the range");
  }

  @Test
  void an_integer_a_double_cannot_hold_exactly_is_refused() {
    assertRefused(
        sendSecond("\"metadata\":{\"id\":9007199254740993}"), "metadata.id", "send it as a string");
  }

  @Test
  void large_integers_a_double_holds_exactly_are_accepted() {
    Response r = sendSecond("\"metadata\":{\"a\":9007199254740992,\"b\":100000000000000000000}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({"9223372036854775807", "86400001", "-1", "1.5", "\"10\""})
  void durations_beyond_a_day_or_not_whole_are_refused(String duration) {
    assertRefused(sendSecond("\"duration_ms\":" + duration), "duration_ms", "from 0 to 86400000");
  }

  @Test
  void a_duration_of_exactly_a_day_is_accepted() {
    assertThat(sendSecond("\"duration_ms\":86400000").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({"9999-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "0001-01-01T00:00:00+01:00"})
  void timestamps_outside_the_sane_range_are_refused(String ts) {
    String body =
        "[{\"kind\":\"exchange\",\"id\":\"ok\",\"session_id\":\"s\",\"timestamp\":\"2025-11-18T09:30:00Z\"},"
            + "{\"kind\":\"feedback\",\"id\":\"f\",\"exchange_id\":\"ok\",\"type\":\"copy\",\"timestamp\":\""
            + ts
            + "\"}]";
    assertRefused(server.postJson("/api/events", body), "timestamp", "outside the accepted range");
  }

  @Test
  void a_timestamp_more_than_a_day_ahead_is_refused_and_one_within_the_day_is_accepted() {
    Instant now = Instant.now();
    String tooFar = now.plus(25, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    String soon = now.plus(23, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    String event =
        "{\"kind\":\"exchange\",\"id\":\"%s\",\"session_id\":\"s\",\"timestamp\":\"%s\"}";

    Response far = server.postJson("/api/events", event.formatted("far", tooFar));
    Response near = server.postJson("/api/events", event.formatted("near", soon));

    assertThat(far.status()).isEqualTo(400);
    assertThat(far.json().at("/error/details/0/message").asText())
        .contains("LEARNLYTICS_MAX_FUTURE_HOURS");
    assertThat(near.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"id\":\"bad\\ud800\"|id",
        "\"user_text\":\"hi \\udc00 there\"|user_text",
        "\"topics\":[\"ok\",\"t\\ud83d\"]|topics",
        "\"metadata\":{\"k\":[\"\\ud800x\"]}|metadata.k[0]"
      })
  void lone_surrogates_are_refused_wherever_they_are(String fields, String field) {
    String body =
        "[{\"kind\":\"exchange\",\"id\":\"ok\",\"session_id\":\"s\",\"timestamp\":\"2025-11-18T09:30:00Z\"},"
            + "{\"kind\":\"exchange\",\"session_id\":\"s\",\"timestamp\":\"2025-11-18T09:31:00Z\","
            + (fields.startsWith("\"id\"") ? fields : "\"id\":\"bad\"," + fields)
            + "}]";
    Response r = server.postJson("/api/events", body);
    assertRefused(r, field, "lone UTF-16 surrogate");
  }

  @Test
  void a_lone_surrogate_in_a_member_name_is_refused_by_the_parser() {
    Response r = sendSecond("\"metadata\":{\"k\\udfff\":1}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo("body");
    assertThat(r.json().at("/error/details/0/message").asText()).contains("surrogate");
  }

  @Test
  void two_ids_that_differ_only_in_a_lone_surrogate_cannot_collide() {
    String event =
        "{\"kind\":\"exchange\",\"id\":\"x%s\",\"session_id\":\"s\",\"timestamp\":\"2025-11-18T09:30:00Z\"}";
    assertThat(server.postJson("/api/events", event.formatted("\\ud800")).status()).isEqualTo(400);
    assertThat(server.postJson("/api/events", event.formatted("\\udbff")).status()).isEqualTo(400);
    assertThat(server.postJson("/api/events", event.formatted("?")).status()).isEqualTo(200);
  }

  @Test
  void an_error_that_quotes_a_lone_surrogate_is_still_valid_json() {
    Response r =
        server.postJson(
            "/api/events",
            "{\"kind\":\"ex\\ud800\",\"id\":\"a\",\"session_id\":\"s\",\"timestamp\":\"2025-11-18T09:30:00Z\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/details/0/message").asText()).contains("\\uD800");
  }

  @Test
  void metadata_deeper_than_32_levels_is_refused_and_32_are_accepted() {
    Response deep = sendSecond("\"metadata\":" + nested(33));
    assertThat(deep.status()).isEqualTo(400);
    assertThat(deep.json().at("/error/details/0/message").asText()).contains("deeper than 32");

    assertThat(sendSecond("\"metadata\":" + nested(32)).status()).isEqualTo(200);
  }

  @Test
  void metadata_over_64_kib_is_refused() {
    assertRefused(
        sendSecond("\"metadata\":{\"s\":\"" + "x".repeat(70_000) + "\"}"),
        "metadata",
        "at most 65536");
  }

  @Test
  void more_than_100_topics_are_refused() {
    StringBuilder topics = new StringBuilder("[");
    for (int i = 0; i < 101; i++) {
      topics.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
    }
    assertRefused(sendSecond("\"topics\":" + topics + "]"), "topics", "at most 100");
  }

  @Test
  void a_json_body_nested_10000_deep_is_a_400() {
    String body = "[".repeat(10_000) + "]".repeat(10_000);
    Response r = server.postJson("/api/events", body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/details/0/field").asText()).isEqualTo("body");
  }

  /** An object nested {@code levels} deep: {"a":{"a":...{}}}. */
  static String nested(int levels) {
    return "{\"a\":".repeat(levels - 1) + "{}" + "}".repeat(levels - 1);
  }
}
