package io.learnlytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.ApiException;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches are validated ahead while the previous one is written; a bad batch stops the load. */
class BatchLoaderTest {
  @TempDir Path dir;

  private static JsonNode exchange(int i, String timestamp) throws Exception {
    return Json.MAPPER.readTree(
        "{\"kind\":\"exchange\",\"id\":\"x"
            + i
            + "\",\"session_id\":\"s\",\"timestamp\":\""
            + timestamp
            + "\"}");
  }

  @Test
  void every_batch_before_a_rejected_one_is_written_and_counted_and_none_after() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      IngestService ingest = server.app().ingest();
      BatchLoader loader = new BatchLoader(ingest, 2);
      for (int i = 0; i < 5; i++) {
        loader.add(exchange(i, "2026-11-20T10:0" + i + ":00Z"));
      }
      assertThatThrownBy(() -> loader.add(exchange(5, "2026-11-20T10:05:00"))) // no offset
          .isInstanceOf(ApiException.class)
          .hasMessageContaining("nothing was written");
      assertThat(loader.sent()).isEqualTo(4); // the rejected batch started at event 4
      assertThat(loader.accepted()).isEqualTo(4);
      assertThat(count(server)).isEqualTo(4); // x4 shared the rejected batch: not written

      BatchLoader again = new BatchLoader(ingest, 2);
      for (int i = 0; i < 5; i++) {
        again.add(exchange(i, "2026-11-20T10:0" + i + ":00Z"));
      }
      again.flush();
      assertThat(again.sent()).isEqualTo(5);
      assertThat(again.duplicates()).isEqualTo(4);
      assertThat(again.accepted()).isEqualTo(1);
      assertThat(count(server)).isEqualTo(5);
    }
  }

  private static long count(TestServer server) {
    return server
        .db()
        .reader()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM exchanges").mapTo(Long.class).one());
  }
}
