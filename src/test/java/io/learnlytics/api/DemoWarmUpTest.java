package io.learnlytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.App;
import io.learnlytics.demo.DemoGenerator;
import io.learnlytics.demo.DemoOptions;
import io.learnlytics.ingest.BatchLoader;
import io.learnlytics.testing.Await;
import io.learnlytics.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, item 6: at the first start of {@code serve --demo} the response cache was warmed while
 * the demo's rollups and insights were still being made, and they dropped it at once. Started as
 * {@code serve} starts it, the cache is filled after the background jobs, so the first dashboard
 * answer once they are done is a cache hit.
 */
class DemoWarmUpTest {
  @TempDir Path dir;

  @Test
  void after_the_background_jobs_of_a_demo_start_the_dashboard_is_answered_from_the_cache() {
    try (TestServer server = TestServer.start(dir)) {
      App app = server.app();
      loadDemoWithoutRefreshing(app); // as serve --demo: rollups are left to the background
      AtomicInteger warmUps = new AtomicInteger();

      app.startBackground(
          () -> {
            server.server().warmUp();
            warmUps.incrementAndGet();
          });
      Await.until("the background jobs to settle", app::backgroundIdle, Duration.ofSeconds(60));

      assertThat(app.insights().list(10, null, null)).isNotNull();
      assertThat(warmUps.get()).isPositive();
      long hits = app.cache().hits();
      JsonNode overview = server.get("/api/analytics/overview?period=30d").json();
      JsonNode progress = server.get("/api/analytics/progress?period=30d").json();
      assertThat(overview.at("/meta/cached").asBoolean()).as("overview").isTrue();
      assertThat(progress.at("/meta/cached").asBoolean()).as("progress").isTrue();
      assertThat(app.cache().hits()).isEqualTo(hits + 2);
      assertThat(overview.at("/summary/total_sessions").asInt()).isPositive();
    }
  }

  private static void loadDemoWithoutRefreshing(App app) {
    LocalDate today = LocalDate.now(app.clock().withZone(app.config().zone()));
    try (BatchLoader loader = new BatchLoader(app.ingest(), 5_000)) {
      new DemoGenerator(DemoOptions.defaults(app.config().zone(), today)).generate(loader::add);
    }
    assertThat(app.rollups().dirtyCount()).isPositive();
  }
}
