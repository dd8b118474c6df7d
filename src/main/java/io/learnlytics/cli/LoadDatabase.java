package io.learnlytics.cli;

import io.learnlytics.App;
import io.learnlytics.demo.BenchShape;
import io.learnlytics.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes a generated history of a {@link BenchShape} into a new database for {@code bench-load},
 * through the same ingest path as {@code bench-ingest} but on one thread: the load run measures the
 * server afterwards, not this.
 */
final class LoadDatabase {
  static final int BATCH = 10_000;

  private LoadDatabase() {}

  /** Creates {@code file} with about {@code exchanges} exchanges of {@code shape}. */
  static void create(Path file, BenchShape shape, long exchanges) {
    try (App app = App.open(BenchDatabase.config(file, shape))) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 22);
      int[] pending = {0};
      shape.generate(
          exchanges,
          e -> {
            try {
              Json.MAPPER.writeValue(buffer, e);
            } catch (IOException ex) {
              throw new UncheckedIOException(ex);
            }
            buffer.write('\n');
            if (++pending[0] == BATCH) {
              app.ingest().ingest(buffer.toByteArray(), true);
              buffer.reset();
              pending[0] = 0;
            }
          });
      if (pending[0] > 0) {
        app.ingest().ingest(buffer.toByteArray(), true);
      }
    }
  }
}
