package io.learnlytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.testing.Cli;
import io.learnlytics.testing.ServerProcess;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 7: every backup or restore that cannot be done safely is refused with exit code 2
 * and one line naming the file and the remedy — and destroys nothing: the database, the backup file
 * and the folder are as they were (SHA-256 and file lists compared).
 */
class BackupRestoreRefusalsTest {
  @TempDir Path dir;

  private Path db;
  private String dbBefore;

  @BeforeEach
  void database() throws Exception {
    db = dir.resolve("learn.db");
    Cli.Run demo = Cli.run("demo", "--db", db.toString(), "--days", "10", "--timezone", "UTC");
    assertThat(demo.code()).as(demo.err()).isZero();
    dbBefore = UnsafeStartupTest.sha256(db);
  }

  @Test
  void restore_is_refused_while_a_server_holds_the_database() throws Exception {
    Path backup = backup("good.backup");
    try (ServerProcess server = ServerProcess.start(db, List.of())) {
      Cli.Run run = restore(backup);

      assertOneLine(run, db, "in use by another Learnlytics server", "pid " + server.pid());
      assertThat(run.err()).contains("stop it first (Ctrl-C), then run restore again");
      assertThat(server.isAlive()).isTrue();
      assertThat(files()).noneMatch(f -> f.contains("before-restore") || f.contains("restore-tmp"));
    }
  }

  @Test
  void restore_refuses_a_file_that_is_not_a_database() throws Exception {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "these are my notes, not a database ".repeat(300));

    assertRefusedUnchanged(notes, "is not a SQLite database", "written by 'learnlytics backup'");
  }

  @Test
  void restore_refuses_a_sqlite_database_of_another_program() throws Exception {
    Path other = dir.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE notes (body TEXT)");
    }

    assertRefusedUnchanged(other, "not a Learnlytics one", "no table flyway_schema_history");
  }

  @Test
  void restore_refuses_a_damaged_backup() throws Exception {
    Path backup = backup("damaged.backup");
    try (RandomAccessFile f = new RandomAccessFile(backup.toFile(), "rw")) {
      byte[] garbage = new byte[4096 * 4];
      new java.util.Random(7).nextBytes(garbage);
      f.seek(4096 * 3); // past the header page: SQLite opens it, only a check finds the damage
      f.write(garbage);
    }

    assertRefusedUnchanged(backup, "is damaged", "use another backup");
  }

  @Test
  void restore_refuses_a_backup_from_a_newer_version() throws Exception {
    Path backup = backup("future.backup");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup);
        Statement st = c.createStatement()) {
      st.execute(
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
              + " checksum, installed_by, installed_on, execution_time, success)"
              + " SELECT max(installed_rank) + 1, '99', 'from the future', 'SQL', 'V99__future.sql',"
              + " 0, 'test', max(installed_on), 1, 1 FROM flyway_schema_history");
    }

    assertRefusedUnchanged(backup, "schema version 99", "newer than this build knows");
  }

  @Test
  void restore_refuses_a_backup_that_does_not_exist() throws Exception {
    assertRefusedUnchanged(dir.resolve("missing.backup"), "does not exist");
  }

  @Test
  void backup_refuses_to_replace_an_existing_file() throws Exception {
    Path out = dir.resolve("precious.txt");
    Files.writeString(out, "keep me");

    Cli.Run run = Cli.run("backup", "--db", db.toString(), "--out", out.toString());

    assertOneLine(run, out, "already exists", "choose another --out");
    assertThat(Files.readString(out)).isEqualTo("keep me");
    assertThat(files()).doesNotContain("precious.txt.partial");
  }

  @Test
  void backup_refuses_a_database_that_does_not_exist() throws Exception {
    Path missing = dir.resolve("missing.db");
    Path out = dir.resolve("out.backup");

    Cli.Run run = Cli.run("backup", "--db", missing.toString(), "--out", out.toString());

    assertOneLine(run, missing, "does not exist", "--db the server uses");
    assertThat(missing).doesNotExist();
    assertThat(out).doesNotExist();
  }

  /** Restoring {@code from} is refused, and neither the database nor {@code from} changed. */
  private void assertRefusedUnchanged(Path from, String... parts) throws Exception {
    String fromBefore = Files.exists(from) ? UnsafeStartupTest.sha256(from) : "";
    List<String> filesBefore = files();

    Cli.Run run = restore(from);

    assertOneLine(run, from, parts);
    assertThat(UnsafeStartupTest.sha256(db)).isEqualTo(dbBefore);
    assertThat(Files.exists(from) ? UnsafeStartupTest.sha256(from) : "").isEqualTo(fromBefore);
    assertThat(files()).isEqualTo(filesBefore);
  }

  private Path backup(String name) {
    Path out = dir.resolve(name);
    Cli.Run run = Cli.run("backup", "--db", db.toString(), "--out", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    return out;
  }

  private Cli.Run restore(Path from) {
    return Cli.run("restore", "--db", db.toString(), "--from", from.toString());
  }

  private List<String> files() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static void assertOneLine(Cli.Run run, Path file, String... parts) {
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
    String err = run.err().strip();
    assertThat(err).doesNotContain("\n").doesNotContain("\tat ").startsWith("learnlytics: ");
    assertThat(err).contains(file.toAbsolutePath().toString()).contains(parts);
  }
}
