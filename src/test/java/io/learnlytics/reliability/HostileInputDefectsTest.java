package io.learnlytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.testing.RawHttp;
import io.learnlytics.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defects {@link HostileInputFuzzTest} found, each pinned by the smallest request that showed
 * it (each was a 500, or an error answer without a body, before its fix).
 */
class HostileInputDefectsTest {
  private static final String GOAL =
      "{\"name\":\"Daily practice\",\"frequency\":\"daily\",\"target_metric\":\"session_count\","
          + "\"target_value\":1}";

  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aCharsetOtherThanUtf8IsRefusedWith415() {
    for (String charset : new String[] {"bogus!", "x-unknown", "iso-8859-1"}) {
      RawHttp.Answer a = post("/api/analytics/goals", "application/json; charset=" + charset, GOAL);
      assertThat(a.status()).as(charset).isEqualTo(415);
      assertThat(a.json().at("/error/message").asText()).contains(charset).contains("UTF-8");
    }
    RawHttp.Answer events = post("/api/events", "application/x-ndjson;charset=bogus!", "{}");
    assertThat(events.status()).isEqualTo(415);
    RawHttp.Answer quoted =
        post("/api/analytics/goals", "application/json; charset=\"UTF-8\"", GOAL);
    assertThat(quoted.status()).isEqualTo(201);
  }

  @Test
  void aGzipBodyIsRefusedNotInflated() throws java.io.IOException {
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(new byte[64 * 1024 * 1024]); // 64 MiB of zeros: 64 KiB on the wire
    }
    byte[] bomb = gz.toByteArray();
    RawHttp.Answer a =
        RawHttp.send(
            server.port(),
            head("POST", "/api/events", "application/json", bomb.length)
                + "\r\nContent-Encoding: gzip",
            bomb);
    assertThat(a.status()).isEqualTo(415);
    assertThat(a.json().at("/error/message").asText()).contains("gzip").contains("uncompressed");
  }

  @Test
  void aGoalBodyCutShortIs400NotA500() {
    byte[] body = GOAL.getBytes(StandardCharsets.UTF_8);
    String head = head("POST", "/api/analytics/goals", "application/json", body.length + 500);
    RawHttp.Answer cut = RawHttp.send(server.port(), head, body, true);
    assertThat(cut.status()).isEqualTo(400);
    assertThat(cut.json().at("/error/details/0/field").asText()).isEqualTo("body");

    String chunked =
        "PUT /api/analytics/goals/g1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked";
    byte[] broken = ("5\r\n{\"nam\r\nzz\r\n").getBytes(StandardCharsets.UTF_8);
    RawHttp.Answer chunks = RawHttp.send(server.port(), chunked, broken, true);
    assertThat(chunks.status()).isEqualTo(400);
    assertThat(chunks.json().at("/error/code").asText()).isEqualTo("invalid_input");
  }

  @Test
  void jettysOwnErrorsHaveTheErrorShapeForEveryMethod() {
    for (String method : new String[] {"PUT", "DELETE", "PATCH", "GET"}) {
      String head =
          method
              + " /api/analytics/goals/g1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Content-Type: application/json\r\nContent-Length: abc";
      RawHttp.Answer a = RawHttp.send(server.port(), head, new byte[] {'{', '}'}, true);
      assertThat(a.status()).as(method).isEqualTo(400);
      JsonNode error = a.json().path("error");
      assertThat(error.path("code").asText()).as(method).isEqualTo("invalid_input");
      assertThat(error.path("message").asText()).as(method).isNotBlank();
    }
  }

  @Test
  void aBrokenEscapeInThePathIs400NamingThePath() {
    for (String path : new String[] {"/api/analytics/goals/%u0041", "/api/events/x%u0041"}) {
      RawHttp.Answer a =
          RawHttp.send(
              server.port(), "DELETE " + path + " HTTP/1.1\r\nHost: 127.0.0.1", new byte[0]);
      assertThat(a.status()).as(path).isEqualTo(400);
      assertThat(a.json().at("/error/details/0/field").asText()).isEqualTo("path");
    }
    // the events route's counting after-handler once decoded the learner again: a 500
    RawHttp.Answer post =
        RawHttp.send(
            server.port(),
            "POST /api/learners/%u0041/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0",
            new byte[0]);
    assertThat(post.status()).isEqualTo(400);
    RawHttp.Answer fine =
        RawHttp.send(
            server.port(),
            "GET /api/analytics/goals/%41%62 HTTP/1.1\r\nHost: 127.0.0.1",
            new byte[0]);
    assertThat(fine.status()).isEqualTo(404);
  }

  @Test
  void aTimestampBeyondTheMillisecondRangeIs400NamingIt() {
    for (String ts : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"}) {
      String event =
          "{\"kind\":\"relation\",\"id\":\"r\",\"source\":\"a\",\"target\":\"b\","
              + "\"type\":\"BUILDS_ON\",\"timestamp\":\""
              + ts
              + "\"}";
      RawHttp.Answer a = post("/api/events", "application/x-ndjson", event);
      assertThat(a.status()).as(ts).isEqualTo(400);
      assertThat(a.json().at("/error/details/0/field").asText()).isEqualTo("timestamp");
    }
  }

  @Test
  void anEventThatIsNotAnObjectNamesTheBody() {
    RawHttp.Answer a = post("/api/events", "application/json", "[[]]");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().at("/error/details/0/field").asText()).isEqualTo("body");
  }

  private RawHttp.Answer post(String path, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return RawHttp.send(server.port(), head("POST", path, contentType, bytes.length), bytes);
  }

  private static String head(String method, String path, String contentType, long length) {
    return method
        + " "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
        + contentType
        + "\r\nContent-Length: "
        + length;
  }
}
