package io.learnlytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnlytics.store.Database;
import io.learnlytics.testing.Cli;
import io.learnlytics.testing.ServerProcess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a database that cannot be used stops {@code serve} with exit code 2 and one line that
 * names the file and the remedy — no stack trace — and the file is left exactly as it was.
 */
class UnsafeStartupTest {
  @TempDir Path dir;

  /** Runs serve in-process; a check that does not fire would make it serve, so it is bounded. */
  private Cli.Run serve(Path db, String... more) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(List.of("serve", "--db", db.toString(), "--port", "0"));
    args.addAll(List.of(more));
    return CompletableFuture.supplyAsync(() -> Cli.run(args.toArray(String[]::new)))
        .get(60, TimeUnit.SECONDS);
  }

  private Path database() throws IOException {
    Path db = dir.resolve("learn.db");
    Cli.Run demo = Cli.run("demo", "--db", db.toString(), "--days", "20", "--timezone", "UTC");
    assertThat(demo.code()).isZero();
    return db;
  }

  private static void assertOneLine(Cli.Run run, Path db, String... parts) {
    assertThat(run.code()).as(run.err()).isEqualTo(2);
    String err = run.err().strip();
    assertThat(err).doesNotContain("\n").doesNotContain("\tat ").startsWith("learnlytics: ");
    assertThat(err).contains(db.toAbsolutePath().toString()).contains(parts);
  }

  @Test
  void a_read_only_database_is_refused_untouched() throws Exception {
    Path db = database();
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
    String before = sha256(db);

    Cli.Run run = serve(db);

    assertOneLine(run, db, "is read-only", "chmod u+w");
    assertThat(sha256(db)).isEqualTo(before);
    assertThat(dir.resolve("learn.db-wal")).doesNotExist();
    assertThat(dir.resolve("learn.db.lock")).doesNotExist();
  }

  @Test
  void a_database_with_damaged_pages_is_refused_untouched() throws Exception {
    Path db = database();
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
      byte[] garbage = new byte[4096 * 4];
      new java.util.Random(7).nextBytes(garbage);
      f.seek(4096 * 3); // past the header page: SQLite opens it, and only a check finds the damage
      f.write(garbage);
    }
    String before = sha256(db);

    Cli.Run run = serve(db);

    assertOneLine(run, db, "is damaged", ".recover");
    assertThat(sha256(db)).isEqualTo(before);
  }

  @Test
  void a_file_that_is_not_a_database_is_refused_untouched() throws Exception {
    Path db = dir.resolve("notes.db");
    Files.writeString(db, "these are my notes, not a database ".repeat(300));
    String before = sha256(db);

    Cli.Run run = serve(db);

    assertOneLine(run, db, "not a SQLite database");
    assertThat(sha256(db)).isEqualTo(before);
  }

  @Test
  void a_schema_from_a_newer_version_is_refused_untouched() throws Exception {
    Path db = database();
    try (Database d = Database.open(db)) {
      d.writer()
          .useHandle(
              h ->
                  h.execute(
                      "INSERT INTO flyway_schema_history (installed_rank, version, description,"
                          + " type, script, checksum, installed_by, installed_on, execution_time,"
                          + " success) SELECT max(installed_rank) + 1, '99', 'from the future',"
                          + " 'SQL', 'V99__future.sql', 0, 'test', max(installed_on), 1, 1"
                          + " FROM flyway_schema_history"));
    }
    String before = sha256(db);

    Cli.Run run = serve(db);

    assertOneLine(run, db, "schema version 99", "newer than this build knows");
    assertThat(sha256(db)).isEqualTo(before);
  }

  @Test
  void a_second_server_on_the_same_file_is_refused() throws Exception {
    Path db = database();
    try (ServerProcess first = ServerProcess.start(db, List.of())) {
      Cli.Run second = serve(db);

      assertOneLine(second, db, "in use by another Learnlytics server", "pid " + first.pid());
      assertThat(first.isAlive()).isTrue();
    }
  }

  @Test
  void a_port_in_use_is_a_one_line_error() throws Exception {
    Path db = dir.resolve("fresh.db");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      List<String> args = List.of("serve", "--db", db.toString(), "--port", Integer.toString(port));
      Cli.Run run =
          CompletableFuture.supplyAsync(() -> Cli.run(args.toArray(String[]::new)))
              .get(60, TimeUnit.SECONDS);

      assertThat(run.code()).isEqualTo(2);
      assertThat(run.err().strip())
          .doesNotContain("\n")
          .contains("port " + port + " on 127.0.0.1 is already in use");
    }
    assertThat(dir.resolve("fresh.db.lock")).doesNotExist();
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
