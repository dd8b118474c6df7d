package io.learnlytics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.learnlytics.config.Config;
import io.learnlytics.demo.BenchShape;
import io.learnlytics.support.Json;
import io.learnlytics.testing.TestConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Closing an instance while the rollup refresher is busy: the refresh ends by asking the follow-up
 * jobs to run (rollups changed), so the follow-up jobs must still accept work then. They used to be
 * stopped first, and every such shutdown logged a RejectedExecutionException as an error.
 */
class AppShutdownTest {
  @TempDir Path dir;

  @Test
  void closing_during_a_refresh_logs_no_error() {
    Config config = TestConfig.in(dir).build();
    try (App app = App.open(config)) {
      ingest(app, 3_000); // no background: the dirty marks stay for the next start
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      App app = App.open(config).startBackground(); // the first refresh starts at once
      app.close();
    } finally {
      root.detachAppender(logs);
    }
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
  }

  private static void ingest(App app, long exchanges) {
    ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
    BenchShape.SHORT_SESSIONS.generate(
        exchanges,
        e -> {
          try {
            Json.MAPPER.writeValue(ndjson, e);
          } catch (IOException ex) {
            throw new UncheckedIOException(ex);
          }
          ndjson.write('\n');
        });
    app.ingest().ingest(ndjson.toByteArray(), true);
  }
}
