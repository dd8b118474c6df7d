package io.learnlytics.testing;

import io.learnlytics.App;
import io.learnlytics.demo.DemoGenerator;
import io.learnlytics.demo.DemoOptions;
import io.learnlytics.ingest.BatchLoader;
import java.time.LocalDate;

/** The history {@code serve --demo} loads (180 days, seed 42), and what its background jobs do. */
public final class DemoData {
  private DemoData() {}

  public static void load(App app) {
    LocalDate today = LocalDate.now(app.clock().withZone(app.config().zone()));
    DemoOptions options = DemoOptions.defaults(app.config().zone(), today);
    try (BatchLoader loader = new BatchLoader(app.ingest(), 5_000)) {
      new DemoGenerator(options).generate(loader::add);
    }
    app.rollups().refreshDirty();
    app.goals().evaluate();
    app.generateInsights();
  }
}
