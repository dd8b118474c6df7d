package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.store.Counts;
import io.learnlytics.testing.RawHttp;
import io.learnlytics.testing.RawHttp.Answer;
import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits of {@link HttpLimits}: oversized URLs and headers are refused in our error shape, and
 * slow or silent clients — slowloris, bodies trickled a byte at a time, bodies that never come,
 * every connection slot taken — do not stop others from being served.
 */
class HttpLimitsTest {
  private static final byte[] NOTHING = new byte[0];

  @TempDir Path dir;
  private TestServer server;
  private final List<Socket> attackers = new ArrayList<>();

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : attackers) {
      s.close();
    }
    server.close();
  }

  @Test
  void a_url_or_headers_over_the_limit_are_refused_with_the_limit_named() {
    String longQuery = "x".repeat(HttpLimits.MAX_HEADER_BYTES);
    Answer url =
        RawHttp.send(
            server.port(),
            "GET /api/health?q=" + longQuery + " HTTP/1.1\r\nHost: 127.0.0.1",
            NOTHING);
    Answer headers =
        RawHttp.send(
            server.port(),
            "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + longQuery,
            NOTHING);
    Answer justUnder =
        RawHttp.send(
            server.port(),
            "GET /api/health?q=" + "x".repeat(7_000) + " HTTP/1.1\r\nHost: 127.0.0.1",
            NOTHING);

    assertThat(url.status()).isEqualTo(414);
    assertThat(url.json().at("/error/code").asText()).isEqualTo("uri_too_long");
    assertThat(url.json().at("/error/message").asText()).contains("8192 bytes");
    assertThat(headers.status()).isEqualTo(431);
    assertThat(headers.json().at("/error/message").asText()).contains("8192 bytes");
    assertThat(justUnder.status()).isEqualTo(200);
  }

  @Test
  void slowloris_and_stalled_bodies_leave_others_served() throws Exception {
    // More stalled requests than the old pool's 250 threads: each holds a thread while it waits.
    for (int i = 0; i < 150; i++) {
      open("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
      open(upload() + "[{\"kind\":\"exchange\""); // then silence
      open(upload() + "["); // then a byte now and then
    }

    for (int round = 0; round < 5; round++) {
      trickle();
      assertServedQuickly();
      Thread.sleep(500);
    }
  }

  @Test
  void a_body_trickled_a_byte_at_a_time_is_cut_off() throws Exception {
    Socket slow = open(upload() + "[");
    long started = System.nanoTime();
    slow.setSoTimeout(200);
    boolean ended = false;
    while (!ended && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(15)) {
      ended = !sendQuietly(slow, " ") || answered(slow);
    }

    assertThat(ended).as("the server ended the trickled upload").isTrue();
    assertThat(Counts.isEmpty(server.db())).isTrue();
  }

  @Test
  void when_every_connection_slot_is_taken_idle_ones_make_room() throws Exception {
    for (int i = 0; i < HttpLimits.MAX_CONNECTIONS; i++) {
      open(""); // connected, never says a word
    }
    long started = System.nanoTime();
    assertThat(server.get("/api/health").status()).isEqualTo(200);
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    // Served once the idle connections were closed at the limit's short idle timeout.
    assertThat(waitedMs).isLessThan(HttpLimits.IDLE_TIMEOUT.toMillis());
  }

  private String upload() {
    return "POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100000\r\n\r\n";
  }

  private void assertServedQuickly() {
    long started = System.nanoTime();
    TestServer.Response health = server.get("/api/health");
    TestServer.Response overview = server.get("/api/analytics/overview?period=7d");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertThat(health.status()).isEqualTo(200);
    assertThat(overview.status()).isEqualTo(200);
    assertThat(ms).as("two requests beside 450 stalled ones").isLessThan(2_000);
  }

  private Socket open(String head) throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    attackers.add(s);
    if (!head.isEmpty()) {
      s.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
    }
    return s;
  }

  private void trickle() {
    for (int i = 2; i < attackers.size(); i += 3) {
      sendQuietly(attackers.get(i), " ");
    }
    for (int i = 0; i < attackers.size(); i += 3) {
      sendQuietly(attackers.get(i), "a");
    }
  }

  private static boolean sendQuietly(Socket s, String text) {
    try {
      OutputStream out = s.getOutputStream();
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /** Whether the server answered or closed the connection (a read that does not time out). */
  private static boolean answered(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    try {
      in.read();
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
