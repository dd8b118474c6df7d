package io.learnlytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.config.Config;
import io.learnlytics.store.DbLocation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  @TempDir Path dir;

  @Test
  void help_lists_every_subcommand() {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));

    assertThat(cl.execute("--help")).isZero();
    assertThat(out.toString()).contains("serve", "demo", "ingest", "bench-ingest");
  }

  @Test
  void flags_override_defaults_and_are_validated() {
    ConfigOptions o = new ConfigOptions();
    new CommandLine(o)
        .parseArgs(
            "--db",
            "x.db",
            "--timezone",
            "Asia/Kolkata",
            "--week-start",
            "sunday",
            "--day-start-hour",
            "4",
            "--port",
            "9000");
    Config c = o.toConfig();

    assertThat(c.zone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    assertThat(c.weekStart()).isEqualTo(DayOfWeek.SUNDAY);
    assertThat(c.dayStartHour()).isEqualTo(4);
    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.db()).isEqualTo(DbLocation.file(Path.of("x.db")));
  }

  @Test
  void bad_timezone_is_a_clear_error_with_exit_code_2() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));

    int code =
        cl.execute("demo", "--db", dir.resolve("d.db").toString(), "--timezone", "Mars/Base");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Mars/Base").contains("IANA");
  }

  @Test
  void ingest_command_loads_json_array_and_ndjson_files() throws Exception {
    Path db = dir.resolve("i.db");
    Path json = dir.resolve("a.json");
    Path ndjson = dir.resolve("b.ndjson");
    java.nio.file.Files.writeString(
        json,
        "[{\"kind\":\"exchange\",\"id\":\"a\",\"session_id\":\"s\",\"timestamp\":\"2025-01-01T10:00:00Z\"},"
            + "{\"kind\":\"exchange\",\"id\":\"b\",\"session_id\":\"s\",\"timestamp\":\"2025-01-01T10:01:00Z\"}]");
    java.nio.file.Files.writeString(
        ndjson,
        "{\"kind\":\"exchange\",\"id\":\"c\",\"session_id\":\"t\",\"timestamp\":\"2025-01-02T10:00:00Z\"}\n"
            + "{\"kind\":\"exchange\",\"id\":\"a\",\"session_id\":\"s\",\"timestamp\":\"2025-01-01T10:00:00Z\"}\n");

    int code =
        Main.commandLine()
            .execute("ingest", "--db", db.toString(), json.toString(), ndjson.toString());

    assertThat(code).isZero();
    try (var d = io.learnlytics.store.Database.open(db)) {
      assertThat(io.learnlytics.store.Counts.of(d))
          .containsEntry("exchanges", 3L)
          .containsEntry("sessions", 2L);
    }
  }

  @Test
  void demo_command_is_repeatable_and_idempotent() {
    Path db = dir.resolve("demo.db");
    String[] args = {"demo", "--db", db.toString(), "--days", "14", "--timezone", "Europe/London"};

    assertThat(Main.commandLine().execute(args)).isZero();
    long first;
    try (var d = io.learnlytics.store.Database.open(db)) {
      first = io.learnlytics.store.Counts.of(d).get("exchanges");
    }
    assertThat(Main.commandLine().execute(args)).isZero();
    try (var d = io.learnlytics.store.Database.open(db)) {
      assertThat(first).isGreaterThan(100);
      assertThat(io.learnlytics.store.Counts.of(d)).containsEntry("exchanges", first);
    }
  }
}
