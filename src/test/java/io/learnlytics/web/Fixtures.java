package io.learnlytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.App;
import io.learnlytics.testing.DemoData;
import io.learnlytics.testing.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

/** The data the browser tests show: the demo history, or a couple of sessions. */
final class Fixtures {
  private Fixtures() {}

  /** What {@code serve --demo} loads, then the follow-up work its background jobs would do. */
  static void loadDemoHistory(App app) {
    DemoData.load(app);
  }

  /** Two sessions about an hour ago, each with one exchange on recursion and a quality score. */
  static void ingestFewEvents(TestServer server) {
    Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    String events =
        Stream.of(1, 2)
            .map(
                i ->
                    String.format(
                        "{\"kind\":\"exchange\",\"id\":\"ex-%d\",\"session_id\":\"s-%d\","
                            + "\"timestamp\":\"%s\",\"duration_ms\":60000,\"topics\":[\"recursion\"]},"
                            + "{\"kind\":\"quality\",\"id\":\"q-%d\",\"exchange_id\":\"ex-%d\","
                            + "\"relevance\":0.9,\"clarity\":0.7}",
                        i, i, at.plus(i * 10L, ChronoUnit.MINUTES), i, i))
            .reduce((a, b) -> a + "," + b)
            .orElseThrow();
    assertThat(server.postJson("/api/events", "[" + events + "]").status()).isEqualTo(200);
    server.app().rollups().refreshDirty();
  }
}
