package io.learnlytics.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Generates a realistic, reproducible learning history for demos and benchmarks: sessions at the
 * learner's usual hours, streaks and breaks, topics whose interest rises and fades, concept
 * relations, feedback and slowly improving quality scores. The same options always give
 * byte-identical events; only {@code java.util.Random} seeded from the options is used.
 */
public final class DemoGenerator {
  private final DemoOptions options;

  public DemoGenerator(DemoOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Streams every event, day by day in time order, to the sink as ObjectNodes in the exact ingest
   * format of DESIGN.md §4. Each exchange comes before its quality score and feedback. Events are
   * built one at a time, so memory stays flat however long the history is.
   */
  public void generate(Consumer<ObjectNode> sink) {
    Objects.requireNonNull(sink, "sink");
    new HistoryWriter(options, sink).write();
  }
}
