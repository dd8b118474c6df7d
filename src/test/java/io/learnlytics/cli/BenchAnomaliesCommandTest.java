package io.learnlytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchAnomaliesCommandTest {
  @Test
  void prints_a_row_per_shape_size_and_detector() {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));

    assertThat(cl.execute("bench-anomalies", "--series", "3", "--seed", "2")).isZero();

    assertThat(out.toString())
        .contains("3 series per shape and size, seed 2, 126 scored days each")
        .contains("| weekly rhythm | drop to 0 | median/MAD, same weekday |")
        .contains("| noisy quality | -8 spreads | mean ± 2σ, last 30 days |");
    assertThat(out.toString().lines().filter(l -> l.startsWith("| ")).count()).isEqualTo(33);
  }

  @Test
  void fewer_than_one_series_is_refused() {
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    assertThat(cl.execute("bench-anomalies", "--series", "0")).isEqualTo(2);
  }
}
