package io.learnlytics.insight;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Gives each insight test a fresh {@link InsightFixture} over its own temp database. */
abstract class InsightTestBase {
  @TempDir Path dir;
  InsightFixture f;

  @BeforeEach
  void open() {
    f = new InsightFixture(dir);
  }

  @AfterEach
  void close() {
    f.close();
  }
}
