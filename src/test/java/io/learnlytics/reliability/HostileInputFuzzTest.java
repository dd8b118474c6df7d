package io.learnlytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.Json;
import io.learnlytics.testing.RawHttp;
import io.learnlytics.testing.ServerProcess;
import io.learnlytics.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 4: hostile input on every route — malformed and truncated JSON, 10 000-deep
 * nesting, 1e400, NaN, lone surrogates, NUL, 10 MB strings, gzip bombs, broken chunks, repeated
 * parameters, injection strings — against the real server in a JVM of its own limited to 256 MiB of
 * heap. No answer may be a 5xx, every answer must come within {@link #TIMEOUT_MILLIS}, every error
 * must be in the API's error shape, and the server must be healthy afterwards.
 *
 * <p>{@code -Dfuzz.cases=20000 -Dfuzz.seed=random} for a long run; the seed is printed so that a
 * failure can be replayed.
 */
class HostileInputFuzzTest {
  private static final long TIMEOUT_MILLIS = 20_000;
  private static final int DEFAULT_CASES = 4_500;

  @TempDir Path dir;

  @Test
  void everyRouteOfTheServerIsFuzzed(@TempDir Path other) {
    try (TestServer server = TestServer.start(other)) {
      List<String> fuzzed = FuzzRoute.ALL.stream().map(FuzzRoute::key).sorted().toList();
      assertThat(server.server().routes()).isEqualTo(fuzzed);
    }
  }

  @Test
  void hostileInputIsAnsweredWithoutServerErrorsHangsOrUnboundedMemory() throws IOException {
    long seed = seed();
    int cases = Integer.getInteger("fuzz.cases", DEFAULT_CASES);
    List<String> jvm = List.of("-Xmx256m", "-XX:+UseSerialGC");
    try (ServerProcess server = ServerProcess.start(dir.resolve("fuzz.db"), jvm);
        HeapSampler heap = new HeapSampler(server.port());
        FuzzClient client = new FuzzClient(server.port(), TIMEOUT_MILLIS)) {
      FuzzTally tally = new FuzzTally();
      RandomCases draw = new RandomCases(new Random(seed));
      long t0 = System.currentTimeMillis();
      for (int i = 0; i < cases; i++) {
        FuzzCase c = draw.next(FuzzRoute.ALL.get(i % FuzzRoute.ALL.size()));
        run(client, c, tally);
      }
      long elapsed = System.currentTimeMillis() - t0;
      System.out.print(tally.report(seed, elapsed, heap.peak(), heap.peakAfterGc()));
      if (!tally.failures.isEmpty()) {
        System.out.print(errorsIn(server.output()));
      }
      assertThat(tally.failures).isEmpty();
      assertThat(tally.serverErrors).isZero();
      assertThat(tally.hangs).isZero();
      assertThat(tally.total).isEqualTo(cases);
      // the 256 MiB limit is the hard bound (an OutOfMemoryError would have been a 500); what
      // survives a collection must stay well below it, or something holds on to hostile input
      assertThat(heap.peakAfterGc()).isLessThan(128L * 1024 * 1024);
      assertHealthy(server);
    }
  }

  private static void run(FuzzClient client, FuzzCase c, FuzzTally tally) throws IOException {
    long t0 = System.nanoTime();
    FuzzClient.Answer a = client.send(c);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    tally.count(c, a.status(), millis);
    if (a.timedOut()) {
      tally.hangs++;
      tally.fail(c, "no answer within " + TIMEOUT_MILLIS + " ms");
    } else if (a.status() == 0) {
      tally.fail(
          c, "no HTTP answer" + (a.writeFailed() ? " (write failed)" : "") + ": " + a.head());
    } else if (a.status() >= 500) {
      tally.serverErrors++;
      tally.fail(c, a.status() + " " + a.text());
    } else if (a.status() >= 400 && !c.method().equals("HEAD")) {
      String problem = shapeProblem(c, a);
      if (problem != null) {
        tally.fail(c, a.status() + " " + problem + ": " + a.text());
      }
    }
  }

  /** What is wrong with an error answer, or null: the shape, and a 400 names its field. */
  private static @org.jspecify.annotations.Nullable String shapeProblem(
      FuzzCase c, FuzzClient.Answer a) {
    JsonNode error;
    try {
      error = Json.MAPPER.readTree(a.body()).path("error");
    } catch (IOException e) {
      return "not JSON";
    }
    if (!error.path("code").isTextual()
        || error.path("message").asText("").isBlank()
        || !error.path("details").isArray()) {
      return "not the error shape";
    }
    boolean ours = error.path("code").asText().equals("invalid_input") && c.wellFormed();
    if (a.status() == 400
        && ours
        && error.path("details").path(0).path("field").asText("").isBlank()) {
      return "a 400 that names no field";
    }
    return null;
  }

  /** After all of it: health answers, a valid event is stored, the log holds no error. */
  private static void assertHealthy(ServerProcess server) {
    RawHttp.Answer health =
        RawHttp.send(server.port(), "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1", new byte[0]);
    assertThat(health.status()).isEqualTo(200);
    byte[] event =
        FuzzCorpus.EVENTS.get(0).replace("fz-e1", "after-fuzz").getBytes(StandardCharsets.UTF_8);
    RawHttp.Answer stored =
        RawHttp.send(
            server.port(),
            "POST /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + event.length,
            event);
    assertThat(stored.status()).isEqualTo(200);
    assertThat(server.isAlive()).isTrue();
    assertThat(server.output()).doesNotContain("OutOfMemoryError").doesNotContain(" ERROR ");
  }

  /** The server's error lines with the start of their stack traces, to explain a failure. */
  private static String errorsIn(String log) {
    StringBuilder out = new StringBuilder();
    String[] lines = log.split("\n");
    for (int i = 0; i < lines.length && out.length() < 20_000; i++) {
      if (lines[i].contains(" ERROR ")) {
        for (int j = i; j < Math.min(lines.length, i + 25); j++) {
          out.append("  server: ").append(lines[j]).append('\n');
        }
      }
    }
    return out.toString();
  }

  private static long seed() {
    String s = System.getProperty("fuzz.seed", "15");
    return s.equals("random") ? System.nanoTime() : Long.parseLong(s);
  }
}
