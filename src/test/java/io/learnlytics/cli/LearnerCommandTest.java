package io.learnlytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.testing.Cli;
import io.learnlytics.testing.Cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code learner add|list} on a real database file. */
class LearnerCommandTest {
  @TempDir Path dir;

  @Test
  void add_then_list_shows_each_learner_with_their_effective_calendar() {
    String db = dir.resolve("l.db").toString();
    Run added =
        Cli.run(
            "learner",
            "add",
            "alice",
            "--db",
            db,
            "--timezone",
            "Europe/London",
            "--learner-zone",
            "America/Los_Angeles",
            "--learner-day-start-hour",
            "4",
            "--learner-week-start",
            "sunday");
    assertThat(added.code()).as(added.err()).isZero();
    assertThat(added.out())
        .isEqualTo("added learner alice zone=America/Los_Angeles day_start=4 week_start=sunday\n");

    Run again = Cli.run("learner", "add", "alice", "--db", db, "--learner-zone", "Asia/Tokyo");
    assertThat(again.out()).startsWith("updated learner alice zone=Asia/Tokyo day_start=0");

    Run list = Cli.run("learner", "list", "--db", db, "--timezone", "Europe/London");
    assertThat(list.code()).isZero();
    assertThat(list.out())
        .isEqualTo(
            "alice zone=Asia/Tokyo day_start=0 week_start=monday\n"
                + "default zone=Europe/London day_start=0 week_start=monday\n");
  }

  @Test
  void bad_ids_and_zones_are_refused_with_one_line_and_exit_2() {
    String db = dir.resolve("l.db").toString();
    Run badId = Cli.run("learner", "add", "-x", "--db", db);
    assertThat(badId.code()).isNotZero();
    Run badZone = Cli.run("learner", "add", "bob", "--db", db, "--learner-zone", "+02:00");
    assertThat(badZone.code()).isEqualTo(2);
    assertThat(badZone.err()).contains("IANA zone").contains("+02:00");
    Run badHour = Cli.run("learner", "add", "bob", "--db", db, "--learner-day-start-hour", "24");
    assertThat(badHour.code()).isEqualTo(2);
    assertThat(badHour.err()).contains("0 to 23");
    assertThat(Cli.run("learner", "list", "--db", db).out()).doesNotContain("bob");
  }
}
