package io.learnlytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench-load} for 2 s a phase with 4 clients on a small history: no request fails, every
 * phase measured something, and the numbers are consistent. Not a benchmark: it asserts that the
 * load run works, docs/benchmarks.md has the figures.
 */
class BenchLoadCommandTest {
  @TempDir Path dir;

  @Test
  void a_short_load_run_has_no_errors_and_sane_numbers() throws Exception {
    BenchLoadCommand command = new BenchLoadCommand();
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    Path md = dir.resolve("load.md");

    int code =
        cl.execute(
            "--shape",
            "short-sessions",
            "--exchanges",
            "3000",
            "--clients",
            "4",
            "--seconds",
            "2",
            "--out",
            md.toString());

    assertThat(code).as(out.toString()).isZero();
    assertThat(command.results).hasSize(5);
    for (LoadRun.Result r : command.results) {
      assertThat(r.reads().errors() + r.ingest().errors()).as(r.phase()).isZero();
      assertThat(r.seconds()).isBetween(1.5, 20.0);
      for (LoadStats s : java.util.List.of(r.reads(), r.ingest())) {
        assertThat(s.millis(0.50)).isLessThanOrEqualTo(s.millis(0.99));
        assertThat(s.millis(0.99)).isLessThanOrEqualTo(s.millis(1.0));
      }
    }
    assertThat(command.results.get(0).ingest().items()).isPositive();
    assertThat(command.results.get(0).reads().requests()).isZero();
    assertThat(command.results.get(1).ingest().requests()).isZero();
    assertThat(command.results.get(1).reads().requests()).isPositive();
    assertThat(command.results.get(1).missRatio()).isLessThan(0.5); // one URL: mostly hits
    assertThat(command.results.get(3).missRatio()).isGreaterThan(0.5); // every URL in turn
    assertThat(command.results.get(4).ingest().items()).isPositive();
    assertThat(Files.readString(md)).contains("| uncached reads + ingest |", "ingest vs solo");
  }
}
