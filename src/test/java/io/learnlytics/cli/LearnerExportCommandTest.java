package io.learnlytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnlytics.support.Json;
import io.learnlytics.testing.Cli;
import io.learnlytics.testing.Cli.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --learner} and {@code import --learner} on a real database file where alice and the
 * default learner both have an exchange {@code e1}, with different text.
 */
class LearnerExportCommandTest {
  @TempDir Path dir;
  String db;

  @BeforeEach
  void twoLearners() throws IOException {
    db = dir.resolve("l.db").toString();
    assertThat(Cli.run("learner", "add", "alice", "--db", db).code()).isZero();
    ingest("alice", "Alice asks");
    ingest("default", "I ask");
  }

  void ingest(String learner, String text) throws IOException {
    Path events = dir.resolve(learner + ".ndjson");
    Files.writeString(
        events,
        "{\"kind\":\"exchange\",\"id\":\"e1\",\"session_id\":\"s\","
            + "\"timestamp\":\"2025-01-01T10:00:00Z\",\"user_text\":\""
            + text
            + "\"}\n");
    Run run = Cli.run("ingest", events.toString(), "--db", db, "--learner", learner);
    assertThat(run.code()).as(run.err()).isZero();
  }

  /** The exchanges in the export of everything, written with the options {@code learner}. */
  JsonNode exchanges(String... learner) throws IOException {
    Path out = dir.resolve("export" + String.join("-", learner) + ".json");
    List<String> args =
        new ArrayList<>(List.of("export", "--db", db, "--period", "all", "--out", "" + out));
    args.addAll(List.of(learner));
    Run run = Cli.run(args.toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    return Json.MAPPER.readTree(out.toFile()).at("/events/exchanges");
  }

  JsonNode exchangesOf(String learner) throws IOException {
    return exchanges("--learner", learner);
  }

  @Test
  void export_with_a_learner_writes_that_learners_data_and_without_one_the_default_learners()
      throws IOException {
    assertThat(exchangesOf("alice").findValuesAsText("user_text")).containsExactly("Alice asks");
    assertThat(exchangesOf("default").findValuesAsText("user_text")).containsExactly("I ask");
    assertThat(exchanges().findValuesAsText("user_text")).containsExactly("I ask");
  }

  @Test
  void import_with_a_learner_loads_the_file_into_that_learner_only() throws IOException {
    exchangesOf("alice");
    Path alices = dir.resolve("export--learner-alice.json");
    assertThat(Cli.run("learner", "add", "bob", "--db", db).code()).isZero();

    Run run = Cli.run("import", alices.toString(), "--db", db, "--learner", "bob");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(exchangesOf("bob").findValuesAsText("user_text")).containsExactly("Alice asks");
    assertThat(exchangesOf("default").findValuesAsText("user_text")).containsExactly("I ask");
    assertThat(exchangesOf("alice").findValuesAsText("user_text")).containsExactly("Alice asks");
  }

  @Test
  void export_and_import_for_an_unknown_learner_stop_with_the_remedy() throws IOException {
    Path out = dir.resolve("zoe.json");
    Run export =
        Cli.run("export", "--db", db, "--learner", "zoe", "--period", "all", "--out", "" + out);
    assertThat(export.code()).isEqualTo(2);
    assertThat(export.err()).contains("no learner 'zoe'").contains("learner add zoe");
    assertThat(out).doesNotExist();

    exchangesOf("alice");
    Path alices = dir.resolve("export--learner-alice.json");
    Run imported = Cli.run("import", alices.toString(), "--db", db, "--learner", "zoe");
    assertThat(imported.code()).isEqualTo(2);
    assertThat(imported.err()).contains("no learner 'zoe'").contains("learner add zoe");
    assertThat(Cli.run("learner", "list", "--db", db).out()).doesNotContain("zoe");
  }
}
